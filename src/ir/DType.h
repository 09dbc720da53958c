// Element types of tensors and scalars, with their storage behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tilec::ir {

// Float8E4M3 is ml_dtypes' float8_e4m3fn (1-4-3, bias 7, no infinities, max 448) and Float8E5M2
// its float8_e5m2 (1-5-2, bias 15, max 57344): round to nearest even, and (as CUDA's __nv_fp8_*
// conversions, which the printed code uses) values past the largest finite one saturate to it.
enum class DType { Bool, Int8, UInt8, Int32, UInt32, Int64, Float8E4M3, Float8E5M2, Float16, BFloat16, Float32 };

// "float16", "bfloat16", "float32"/"float", "int32", ...; nullopt for an unknown spelling.
std::optional<DType> parseDType(std::string_view name);
// The canonical spelling ("float32", never "float").
const char *dtypeName(DType t);
int dtypeBits(DType t);
inline int dtypeBytes(DType t) { return (dtypeBits(t) + 7) / 8; }
bool isFloat(DType t);
bool isFloat8(DType t);
inline bool isInt(DType t) { return !isFloat(t) && t != DType::Bool; }
// The list of accepted spellings, for diagnostics.
std::string supportedDTypeNames();

// double → int64 without undefined behaviour: NaN becomes 0 and out-of-range values saturate
// (a plain cast of an out-of-range double is UB).
int64_t saturatingToInt64(double v);
// Wraps an int64 to an integer dtype (two's complement, as hardware does); other dtypes keep it.
double wrapToIntDType(int64_t v, DType t);

// Rounds a value to what storing it in a `t` element keeps (fp16/bf16 round-to-nearest-even,
// integers truncate and wrap). The interpreter applies this on every store.
double roundToDType(double value, DType t);

} // namespace tilec::ir
