// The integer meaning of the IR's `//` and `%`, in one place: Python's and TileLang's, rounded
// toward minus infinity (C's `/` and `%` truncate toward zero, which differs for negative values).
// The simplifier, the front end's constant evaluation, the interpreters and the GPU printer's
// constant folding all use these.
#pragma once

#include <cstdint>
#include <optional>

namespace tilec::ir {

// nullopt on division by zero and on the one overflow (INT64_MIN // -1).
inline std::optional<int64_t> checkedFloorDiv(int64_t a, int64_t b) {
  if (b == 0 || (a == INT64_MIN && b == -1))
    return std::nullopt;
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0)))
    --q;
  return q;
}

inline std::optional<int64_t> checkedFloorMod(int64_t a, int64_t b) {
  if (b == 0)
    return std::nullopt;
  if (b == -1)
    return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0)))
    r += b;
  return r;
}

// As run by a machine: INT64_MIN // -1 wraps to INT64_MIN. b != 0 is the caller's check.
inline int64_t floorDiv(int64_t a, int64_t b) {
  if (b == -1)
    return static_cast<int64_t>(0 - static_cast<uint64_t>(a));
  return *checkedFloorDiv(a, b);
}

inline int64_t floorMod(int64_t a, int64_t b) { return *checkedFloorMod(a, b); }

} // namespace tilec::ir
