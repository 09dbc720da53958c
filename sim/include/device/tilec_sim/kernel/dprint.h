// DPRINT as TT-Metalium kernels use it. Every piece goes straight to the runtime (abi::dprintPiece),
// which keeps one line buffer and one set of format flags per core and hardware thread, so lines of
// different cores never interleave and a line is written whole at "\n" or ENDL(). Which prints appear
// is decided there: TT_METAL_DPRINT_CORES / TT_METAL_DPRINT_RISCVS (docs/SIMULATOR.md).
//
// Levels (tilec_sim/kernel/level.h): tt-metal v0.63.0 (2025) has the stream form
// `DPRINT << x << ENDL();` with BF16/F32/U32 and the iomanip-like manipulators; ttnn 0.81.1 (2026)
// has only the format form `DPRINT("x = {}\n", x);` (the stream form is a compile error there, as in
// the release). Unpinned programs get both, plus the typed helpers U16/U8/I32/I16/I8.
//
// Compute kernels run once here but are three threads on hardware (TRISC0 unpack, TRISC1 math,
// TRISC2 pack): a plain DPRINT prints once per thread, as on hardware, and DPRINT_UNPACK/MATH/PACK
// attribute their print to one of them. DPRINT_DATA0/DATA1 print from data-movement kernels on NoC 0/1.
#pragma once
#include <cstdint>
#include <type_traits>

#include "tilec_sim/kernel/abi.h"
#include "tilec_sim/kernel/level.h"

#if defined(COMPILE_FOR_BRISC) || defined(COMPILE_FOR_NCRISC)
#define TILEC_DPRINT_DATA_MOVEMENT 1
#else
#define TILEC_DPRINT_DATA_MOVEMENT 0
#endif

namespace tilec::sim::dprint {

struct Printer {};  // stateless: the format state lives in the runtime, per core and thread

// Narrows a compute kernel's prints to some TRISCs for one statement (DPRINT_MATH and friends).
struct Attribute {
  uint32_t previous;
  explicit Attribute(uint32_t threads) : previous(::tilec::sim::abi::dprintAttribute(threads)) {}
  ~Attribute() { ::tilec::sim::abi::dprintAttribute(previous); }
};

// The kind an integral value prints as (its width and signedness, as the release's type ids).
template <typename T>
constexpr int integralKind() {
  namespace a = ::tilec::sim::abi;
  if constexpr (std::is_same_v<T, bool>) return a::kDpBool;
  else if constexpr (std::is_same_v<T, char>) return a::kDpChar;
  else if constexpr (std::is_signed_v<T>)
    return sizeof(T) == 1 ? a::kDpI8 : sizeof(T) == 2 ? a::kDpI16 : sizeof(T) == 4 ? a::kDpI32 : a::kDpI64;
  else
    return sizeof(T) == 1 ? a::kDpU8 : sizeof(T) == 2 ? a::kDpU16 : sizeof(T) == 4 ? a::kDpU32 : a::kDpU64;
}

inline void piece(int kind, uint64_t bits, const void* ptr = nullptr,
                  ::tilec::sim::abi::CallSite site = ::tilec::sim::abi::CallSite()) {
  ::tilec::sim::abi::dprintPiece(kind, bits, ptr, ::tilec::sim::abi::Loc{site.file, site.line});
}

}  // namespace tilec::sim::dprint

// Manipulators and typed values, spelled as the release spells them.
struct ENDL {
  char tmp;
};
struct SETPRECISION {
  char p;
  SETPRECISION(char pa) : p(pa) {}
};
struct FIXED {
  char tmp;
};
struct DEFAULTFLOAT {
  char tmp;
};
struct HEX {
  char tmp;
};
struct OCT {
  char tmp;
};
struct DEC {
  char tmp;
};
struct SETW {
  char w;
  bool sticky;
#if TILEC_SIM_UNPINNED
  SETW(char w, bool sticky = true) : w(w), sticky(sticky) {}
#else
  SETW(char w) : w(w), sticky(true) {}
#endif
};
struct BF16 {
  uint16_t val;
  BF16(uint16_t val) : val(val) {}
};
struct F32 {
  float val;
  F32(float val) : val(val) {}
};
struct U32 {
  uint32_t val;
  U32(uint32_t val) : val(val) {}
};
#if TILEC_SIM_UNPINNED
struct U16 {
  uint16_t val;
  U16(uint16_t val) : val(val) {}
};
struct U8 {
  uint8_t val;
  U8(uint8_t val) : val(val) {}
};
struct I32 {
  int32_t val;
  I32(int32_t val) : val(val) {}
};
struct I16 {
  int16_t val;
  I16(int16_t val) : val(val) {}
};
struct I8 {
  int8_t val;
  I8(int8_t val) : val(val) {}
};
#endif

#if TILEC_SIM_2026
struct bf16_t {  // a bfloat16 bit pattern for the format form
  uint16_t val;
  bf16_t(uint16_t val) : val(val) {}
};
#endif

#include "tilec_sim/kernel/dprint_tile.h"

namespace tilec::sim::dprint {

#if TILEC_SIM_2025
namespace a = ::tilec::sim::abi;
inline Printer operator<<(Printer p, const char* v) { piece(a::kDpStr, 0, v); return p; }
inline Printer operator<<(Printer p, ENDL) { piece(a::kDpEndl, 0); return p; }
inline Printer operator<<(Printer p, SETW v) { piece(v.sticky ? a::kDpSetw : a::kDpSetwOnce, uint8_t(v.w)); return p; }
inline Printer operator<<(Printer p, SETPRECISION v) { piece(a::kDpSetPrecision, uint8_t(v.p)); return p; }
inline Printer operator<<(Printer p, FIXED) { piece(a::kDpFixed, 0); return p; }
inline Printer operator<<(Printer p, DEFAULTFLOAT) { piece(a::kDpDefaultFloat, 0); return p; }
inline Printer operator<<(Printer p, HEX) { piece(a::kDpHex, 0); return p; }
inline Printer operator<<(Printer p, OCT) { piece(a::kDpOct, 0); return p; }
inline Printer operator<<(Printer p, DEC) { piece(a::kDpDec, 0); return p; }
inline Printer operator<<(Printer p, BF16 v) { piece(a::kDpBF16, v.val); return p; }
inline Printer operator<<(Printer p, F32 v) { piece(a::kDpF32, __builtin_bit_cast(uint32_t, v.val)); return p; }
inline Printer operator<<(Printer p, U32 v) { piece(a::kDpU32, v.val); return p; }
#if TILEC_SIM_UNPINNED
inline Printer operator<<(Printer p, U16 v) { piece(a::kDpU16, v.val); return p; }
inline Printer operator<<(Printer p, U8 v) { piece(a::kDpU8, v.val); return p; }
inline Printer operator<<(Printer p, I32 v) { piece(a::kDpI32, uint64_t(int64_t(v.val))); return p; }
inline Printer operator<<(Printer p, I16 v) { piece(a::kDpI16, uint64_t(int64_t(v.val))); return p; }
inline Printer operator<<(Printer p, I8 v) { piece(a::kDpI8, uint64_t(int64_t(v.val))); return p; }
#endif
inline Printer operator<<(Printer p, float v) { piece(a::kDpF32, __builtin_bit_cast(uint32_t, v)); return p; }
inline Printer operator<<(Printer p, double v) { return p << float(v); }
template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
inline Printer operator<<(Printer p, T v) {
  piece(integralKind<T>(), std::is_signed_v<T> ? uint64_t(int64_t(v)) : uint64_t(v));
  return p;
}
template <int N>
inline Printer operator<<(Printer p, const TileSlice<N>& v) { piece(a::kDpSlice, 0, &v.request); return p; }
// A pointer prints as the address it holds (strings excepted), as on the 32-bit RISC-V cores.
template <typename T, std::enable_if_t<!std::is_same_v<std::remove_cv_t<T>, char>, int> = 0>
inline Printer operator<<(Printer p, T* v) { piece(a::kDpU32, uint32_t(reinterpret_cast<uintptr_t>(v))); return p; }
#else
template <typename T>
inline Printer operator<<(Printer p, const T&) {
  static_assert(sizeof(T) == 0, "Old style DPRINT is deprecated. Use DPRINT(format, ...) instead.");
  return p;
}
#endif

// The format form (ttnn 0.81.1): fmt-style "{}" / "{:.3f}" / "{:#x}" placeholders, formatted by the runtime.
template <typename T>
inline ::tilec::sim::abi::DprintArg formatArg(const T& v) {
  namespace a = ::tilec::sim::abi;
  using U = std::remove_cv_t<std::remove_reference_t<T>>;
  if constexpr (std::is_same_v<U, float> || std::is_same_v<U, double>)
    return {a::kDpF32, __builtin_bit_cast(uint32_t, float(v)), nullptr};
  else if constexpr (std::is_integral_v<U>)
    return {integralKind<U>(), std::is_signed_v<U> ? uint64_t(int64_t(v)) : uint64_t(v), nullptr};
  else if constexpr (std::is_same_v<U, const char*> || std::is_same_v<U, char*>)
    return {a::kDpStr, 0, v};
  else if constexpr (std::is_array_v<U>)
    return {a::kDpStr, 0, static_cast<const char*>(v)};
  else if constexpr (requires { v.request; })
    return {a::kDpSlice, 0, &v.request};
#if TILEC_SIM_2026
  else if constexpr (std::is_same_v<U, bf16_t>)
    return {a::kDpBF16, v.val, nullptr};
#endif
  else if constexpr (std::is_pointer_v<U>)
    return {a::kDpU32, uint32_t(reinterpret_cast<uintptr_t>(v)), nullptr};
  else
    static_assert(sizeof(U) == 0, "DPRINT: this argument type cannot be printed");
}

template <typename... Args>
inline void formatted(::tilec::sim::abi::CallSite site, const char* format, const Args&... args) {
  ::tilec::sim::abi::DprintArg list[sizeof...(Args) + 1] = {formatArg(args)..., {0, 0, nullptr}};
  ::tilec::sim::abi::dprintFormatted(format, list, sizeof...(Args), ::tilec::sim::abi::Loc{site.file, site.line});
}

}  // namespace tilec::sim::dprint

// `DPRINT << ...` names this object; `DPRINT(format, ...)` the macro below (both, as ttnn 0.81.1 does).
inline constexpr ::tilec::sim::dprint::Printer DPRINT{};
#if TILEC_SIM_2026
#define DPRINT(format, ...) ::tilec::sim::dprint::formatted(::tilec::sim::abi::CallSite(), format, ##__VA_ARGS__)
#endif

#define TILEC_DPRINT_ON(threads, ...)                                       \
  do {                                                                      \
    ::tilec::sim::dprint::Attribute tilec_dprint_attribute_(threads);       \
    __VA_ARGS__;                                                            \
  } while (0)

#if TILEC_SIM_2025  // DPRINT_MATH(statement), as tt-metal v0.63.0 (and older SDKs)
#if TILEC_DPRINT_DATA_MOVEMENT
#define DPRINT_UNPACK(...)
#define DPRINT_MATH(...)
#define DPRINT_PACK(...)
#define DPRINT_DATA0(...) do { if (noc_index == 0) { __VA_ARGS__; } } while (0)
#define DPRINT_DATA1(...) do { if (noc_index == 1) { __VA_ARGS__; } } while (0)
#else
#define DPRINT_UNPACK(...) TILEC_DPRINT_ON(::tilec::sim::abi::kDpUnpack, __VA_ARGS__)
#define DPRINT_MATH(...) TILEC_DPRINT_ON(::tilec::sim::abi::kDpMath, __VA_ARGS__)
#define DPRINT_PACK(...) TILEC_DPRINT_ON(::tilec::sim::abi::kDpPack, __VA_ARGS__)
#define DPRINT_DATA0(...)
#define DPRINT_DATA1(...)
#endif
#else  // DPRINT_MATH(format, ...), as ttnn 0.81.1
#if TILEC_DPRINT_DATA_MOVEMENT
#define DPRINT_UNPACK(format, ...)
#define DPRINT_MATH(format, ...)
#define DPRINT_PACK(format, ...)
#define DPRINT_DATA0(format, ...) do { if (noc_index == 0) { DPRINT(format, ##__VA_ARGS__); } } while (0)
#define DPRINT_DATA1(format, ...) do { if (noc_index == 1) { DPRINT(format, ##__VA_ARGS__); } } while (0)
#else
#define DPRINT_UNPACK(format, ...) TILEC_DPRINT_ON(::tilec::sim::abi::kDpUnpack, DPRINT(format, ##__VA_ARGS__))
#define DPRINT_MATH(format, ...) TILEC_DPRINT_ON(::tilec::sim::abi::kDpMath, DPRINT(format, ##__VA_ARGS__))
#define DPRINT_PACK(format, ...) TILEC_DPRINT_ON(::tilec::sim::abi::kDpPack, DPRINT(format, ##__VA_ARGS__))
#define DPRINT_DATA0(format, ...)
#define DPRINT_DATA1(format, ...)
#endif
#endif
