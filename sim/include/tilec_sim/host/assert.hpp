// TT_FATAL / TT_THROW / TT_ASSERT as the SDK's tt_stl/assert.hpp defines them: a failed check throws
// std::runtime_error whose text names the macro, FILE:LINE, the condition and the fmt-formatted message
// (an uncaught one ends the program with that text, as on hardware). TT_ASSERT checks only in builds
// with DEBUG defined and otherwise does not evaluate its condition.
#pragma once
#include <fmt/core.h>
#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace tt::assert {
[[noreturn]] inline void tt_throw_message(const char* file, int line, const char* macro, const char* condition,
                                          const std::string& info) {
  std::string text = fmt::format("{} @ {}:{}: {}\n", macro, file, line, condition);
  if (!info.empty()) text += "info:\n" + info + "\n";
  throw std::runtime_error(text);
}
[[noreturn]] inline void tt_throw(const char* file, int line, const char* macro, const char* condition) {
  tt_throw_message(file, line, macro, condition, "");
}
template <typename... Args>
[[noreturn]] void tt_throw(const char* file, int line, const char* macro, const char* condition,
                           fmt::format_string<const Args&...> message, const Args&... args) {
  tt_throw_message(file, line, macro, condition, fmt::format(message, args...));
}
inline void tt_assert(const char* file, int line, const char* macro, bool ok, const char* condition) {
  if (!ok) tt_throw(file, line, macro, condition);
}
template <typename... Args>
void tt_assert(const char* file, int line, const char* macro, bool ok, const char* condition,
               fmt::format_string<const Args&...> message, const Args&... args) {
  if (!ok) tt_throw(file, line, macro, condition, message, args...);
}
}  // namespace tt::assert

#ifndef TT_THROW
#define TT_THROW(...) ::tt::assert::tt_throw(__FILE__, __LINE__, "TT_THROW", "tt::exception", ##__VA_ARGS__)
#endif
#ifndef TT_FATAL
#define TT_FATAL(condition, message, ...)                                                              \
  do {                                                                                                 \
    if (!(condition)) [[unlikely]]                                                                     \
      ::tt::assert::tt_throw(__FILE__, __LINE__, "TT_FATAL", #condition, message, ##__VA_ARGS__);      \
  } while (0)
#endif
#ifndef TT_ASSERT
#ifdef DEBUG
#define TT_ASSERT(condition, ...)                                                                       \
  do {                                                                                                  \
    if (!(condition)) [[unlikely]]                                                                      \
      ::tt::assert::tt_assert(__FILE__, __LINE__, "TT_ASSERT", (condition), #condition, ##__VA_ARGS__); \
  } while (0)
#else
#define TT_ASSERT(condition, ...)
#endif
#endif
