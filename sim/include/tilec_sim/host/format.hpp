// fmt and iostream support for the host value types, as the SDK's host headers provide it: programs
// print cores, core ranges and layout enums with fmt::print("{}", ...) or std::cout << ...
#pragma once
#include <fmt/core.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <iostream>
#include <string_view>

#include "tilec_sim/host/types.hpp"

namespace tilec::sim::host {
std::string_view enumName(tt::DataFormat v);
std::string_view enumName(tt::tt_metal::BufferType v);
std::string_view enumName(tt::tt_metal::TensorMemoryLayout v);
std::string_view enumName(tt::tt_metal::ShardOrientation v);
std::string_view enumName(MathFidelity v);

// Formats any type T with `T::str()`.
template <typename T>
struct StrFormatter : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const T& value, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(value.str(), ctx);
  }
};
// Formats an enum by its enumerator's name.
template <typename E>
struct EnumFormatter : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(E value, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(enumName(value), ctx);
  }
};
}  // namespace tilec::sim::host

template <>
struct fmt::formatter<CoreCoord> : tilec::sim::host::StrFormatter<CoreCoord> {};
template <>
struct fmt::formatter<CoreRange> : tilec::sim::host::StrFormatter<CoreRange> {};
template <>
struct fmt::formatter<CoreRangeSet> : tilec::sim::host::StrFormatter<CoreRangeSet> {};
template <>
struct fmt::formatter<tt::DataFormat> : tilec::sim::host::EnumFormatter<tt::DataFormat> {};
template <>
struct fmt::formatter<tt::tt_metal::BufferType> : tilec::sim::host::EnumFormatter<tt::tt_metal::BufferType> {};
template <>
struct fmt::formatter<tt::tt_metal::TensorMemoryLayout>
    : tilec::sim::host::EnumFormatter<tt::tt_metal::TensorMemoryLayout> {};
template <>
struct fmt::formatter<tt::tt_metal::ShardOrientation>
    : tilec::sim::host::EnumFormatter<tt::tt_metal::ShardOrientation> {};
template <>
struct fmt::formatter<MathFidelity> : tilec::sim::host::EnumFormatter<MathFidelity> {};

inline std::ostream& operator<<(std::ostream& os, const CoreCoord& c) { return os << c.str(); }
inline std::ostream& operator<<(std::ostream& os, const CoreRange& r) { return os << r.str(); }
inline std::ostream& operator<<(std::ostream& os, const CoreRangeSet& s) { return os << s.str(); }
namespace tt {
inline std::ostream& operator<<(std::ostream& os, DataFormat v) { return os << tilec::sim::host::enumName(v); }
}  // namespace tt
namespace tt::tt_metal {
inline std::ostream& operator<<(std::ostream& os, BufferType v) { return os << tilec::sim::host::enumName(v); }
inline std::ostream& operator<<(std::ostream& os, TensorMemoryLayout v) { return os << tilec::sim::host::enumName(v); }
inline std::ostream& operator<<(std::ostream& os, ShardOrientation v) { return os << tilec::sim::host::enumName(v); }
}  // namespace tt::tt_metal
