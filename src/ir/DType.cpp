#include "ir/DType.h"

#include "support/FloatBits.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tilec::ir {

namespace {
struct Spelling {
  const char *name;
  DType type;
};
constexpr Spelling kSpellings[] = {
    {"bool", DType::Bool},         {"int8", DType::Int8},       {"uint8", DType::UInt8},
    {"int32", DType::Int32},
    {"float8_e4m3fn", DType::Float8E4M3}, {"float8_e4m3", DType::Float8E4M3},
    {"e4m3_float8", DType::Float8E4M3},   {"float8_e5m2", DType::Float8E5M2},
    {"e5m2_float8", DType::Float8E5M2},
    {"uint32", DType::UInt32},     {"int64", DType::Int64},     {"float16", DType::Float16},
    {"half", DType::Float16},      {"bfloat16", DType::BFloat16}, {"float32", DType::Float32},
    {"float", DType::Float32},
};

// IEEE binary16 round-to-nearest-even from a double, returned as the double it represents. Not
// support/FloatBits.h's floatToHalfBits: that one starts from a float, and a double rounded to float
// first would be rounded twice.
double roundToHalf(double v) {
  if (std::isnan(v) || std::isinf(v))
    return v;
  double a = std::fabs(v);
  if (a >= 65520.0) // rounds to infinity in binary16
    return std::copysign(INFINITY, v);
  if (a < std::ldexp(1.0, -25)) // below half the smallest subnormal
    return std::copysign(0.0, v);
  int exp;
  std::frexp(a, &exp);                // a = m * 2^exp, m in [0.5, 1)
  int e = std::max(exp - 1, -14);     // unbiased exponent, clamped to the subnormal range
  double quantum = std::ldexp(1.0, e - 10);
  double q = std::nearbyint(a / quantum) * quantum; // nearbyint rounds half to even
  return std::copysign(q, v);
}

// An 8-bit float with `mantissaBits` and smallest normal exponent `minExponent`, rounded to
// nearest even from a double (subnormals in steps of 2^(minExponent - mantissaBits)); magnitudes
// past `largest` saturate to it (CUDA's __NV_SATFINITE conversions), NaN stays NaN.
double roundToFloat8(double v, int mantissaBits, int minExponent, double largest) {
  if (std::isnan(v))
    return v;
  double a = std::fabs(v);
  if (a >= largest)
    return std::copysign(largest, v);
  if (a == 0.0)
    return std::copysign(0.0, v);
  int exp;
  std::frexp(a, &exp); // a = m * 2^exp, m in [0.5, 1)
  int e = std::max(exp - 1, minExponent);
  double quantum = std::ldexp(1.0, e - mantissaBits);
  double q = std::nearbyint(a / quantum) * quantum; // half to even
  return std::copysign(std::min(q, largest), v);
}
} // namespace

std::optional<DType> parseDType(std::string_view name) {
  for (const Spelling &s : kSpellings)
    if (name == s.name)
      return s.type;
  return std::nullopt;
}

const char *dtypeName(DType t) {
  switch (t) {
  case DType::Bool: return "bool";
  case DType::Int8: return "int8";
  case DType::UInt8: return "uint8";
  case DType::Float8E4M3: return "float8_e4m3fn";
  case DType::Float8E5M2: return "float8_e5m2";
  case DType::Int32: return "int32";
  case DType::UInt32: return "uint32";
  case DType::Int64: return "int64";
  case DType::Float16: return "float16";
  case DType::BFloat16: return "bfloat16";
  case DType::Float32: return "float32";
  }
  return "?";
}

int dtypeBits(DType t) {
  switch (t) {
  case DType::Bool: return 8;
  case DType::Int8: case DType::UInt8: case DType::Float8E4M3: case DType::Float8E5M2: return 8;
  case DType::Int32: case DType::UInt32: case DType::Float32: return 32;
  case DType::Int64: return 64;
  case DType::Float16: case DType::BFloat16: return 16;
  }
  return 32;
}

bool isFloat(DType t) {
  return t == DType::Float16 || t == DType::BFloat16 || t == DType::Float32 || isFloat8(t);
}

bool isFloat8(DType t) { return t == DType::Float8E4M3 || t == DType::Float8E5M2; }

std::string supportedDTypeNames() {
  return "float16, bfloat16, float32 (float), float8_e4m3fn, float8_e5m2, int8, uint8, int32, "
         "uint32, int64, bool";
}

int64_t saturatingToInt64(double v) {
  if (std::isnan(v))
    return 0;
  if (v >= 0x1p63)
    return std::numeric_limits<int64_t>::max();
  if (v < -0x1p63)
    return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(v);
}

double wrapToIntDType(int64_t v, DType t) {
  switch (t) {
  case DType::Bool: return v != 0 ? 1.0 : 0.0;
  case DType::Int8: return static_cast<double>(static_cast<int8_t>(v));
  case DType::UInt8: return static_cast<double>(static_cast<uint8_t>(v));
  case DType::Int32: return static_cast<double>(static_cast<int32_t>(v));
  case DType::UInt32: return static_cast<double>(static_cast<uint32_t>(v));
  default: return static_cast<double>(v);
  }
}

double roundToDType(double value, DType t) {
  switch (t) {
  case DType::Float32:
    return static_cast<double>(static_cast<float>(value));
  case DType::BFloat16: {
    uint16_t bits = floatbits::floatToBf16Bits(static_cast<float>(value));
    return static_cast<double>(floatbits::bf16BitsToFloat(bits));
  }
  case DType::Float16:
    return roundToHalf(static_cast<double>(static_cast<float>(value)));
  case DType::Float8E4M3:
    return roundToFloat8(static_cast<double>(static_cast<float>(value)), 3, -6, 448.0);
  case DType::Float8E5M2:
    return roundToFloat8(static_cast<double>(static_cast<float>(value)), 2, -14, 57344.0);
  case DType::Bool:
    return value != 0.0 ? 1.0 : 0.0;
  case DType::Int8: case DType::UInt8: case DType::Int32: case DType::UInt32: case DType::Int64:
    return wrapToIntDType(saturatingToInt64(value), t);
  }
  return value;
}

} // namespace tilec::ir
