// Scalar value semantics shared by the interpreter's expression code and its tile ops.
//
// Every value is a double that is exactly representable in its dtype. These helpers convert
// between doubles and integers without undefined behaviour and round results to a dtype.
#pragma once

#include "ir/DType.h"
#include "ir/IntArith.h"
#include "ir/Intrinsics.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace tilec::interp::detail {

inline int64_t toInt64(double v) { return ir::saturatingToInt64(v); }
inline double wrapInt(int64_t v, ir::DType t) { return ir::wrapToIntDType(v, t); }

// The value a `t` element keeps: floats round to nearest even (fp32 inline because it is the hot
// case), integers truncate toward zero and wrap.
inline double roundValue(double v, ir::DType t) {
  switch (t) {
  case ir::DType::Float32: return static_cast<double>(static_cast<float>(v));
  case ir::DType::Float16:
  case ir::DType::BFloat16:
  case ir::DType::Float8E4M3:
  case ir::DType::Float8E5M2: return ir::roundToDType(v, t);
  case ir::DType::Bool: return v != 0.0 ? 1.0 : 0.0;
  default: return wrapInt(toInt64(v), t);
  }
}

// Integer arithmetic with wrap-around instead of signed-overflow UB.
inline int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

// Python's floor division and modulo (b != 0 is the caller's check): ir/IntArith.h.
using ir::floorDiv;
using ir::floorMod;
inline double floorModF(double a, double b) {
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0)))
    r += b;
  return r;
}

// max/min as the interpreter defines them everywhere (binary ops, reductions and the max/min
// intrinsics alike), so the tile-op path and the expanded scalar path agree even on NaN.
using ir::maxOf;
using ir::minOf;

} // namespace tilec::interp::detail
