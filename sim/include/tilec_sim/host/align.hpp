// tt::align (tt-metalium/tt_align.hpp): rounds an address up to a multiple of a power-of-two alignment.
#pragma once
#include <type_traits>

namespace tt {
template <typename A, typename B>
constexpr std::common_type_t<A, B> align(A addr, B alignment) {
  static_assert(std::is_integral_v<A> && std::is_integral_v<B>, "align() requires integral types");
  using T = std::common_type_t<A, B>;
  return (T(addr) + T(alignment) - 1) / T(alignment) * T(alignment);
}
}  // namespace tt
