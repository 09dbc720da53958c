// Misuse that the kernel headers detect while the kernel runs (as opposed to protocol checks in the
// runtime): reported like every other stop, at the kernel's line with its core and RISC.
#include <fmt/format.h>

#include <string>

#include "diagnostics.hpp"

namespace tilec::sim::abi {

[[noreturn]] void kernelError(const char* message, const char* subject, uint32_t subjectLength, Loc loc) {
  rt::fail(loc, fmt::format("{} '{}'", message, std::string(subject, subjectLength)));
}

}  // namespace tilec::sim::abi
