// Needs a named compile-time arg the host never passed as a constant: a compile error naming the cause.
#include <cstdint>

void kernel_main() {
  constexpr uint32_t blocks = get_named_compile_time_arg_val("num_blocks");
  (void)blocks;
}
