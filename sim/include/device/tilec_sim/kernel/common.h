// What every kernel (data movement and compute) sees without including anything, as the TT-Metalium
// kernel build force-includes its API: attribute macros, data formats, CB indices, compile-time and
// runtime arguments, DPRINT.
#pragma once
#include <cstddef>
#include <cstdint>

#include "tilec_sim/kernel/abi.h"
#include "tilec_sim/kernel/level.h"

#define ALWI inline __attribute__((always_inline))
#define FORCE_INLINE inline __attribute__((always_inline))
#define tt_l1_ptr
#define tt_reg_ptr
// Every API function takes the caller's source location as a defaulted trailing parameter. Its type
// is a class with an explicit constructor, so no argument a program passes converts to it: with a
// `const char *` there, a literal 0 (which converts to a null pointer as readily as to an integer)
// made real calls such as `matmul_tiles(cb0, cb1, 0, 0, 0, 0)` or `add_binary_tile(0, 1, 0)`
// ambiguous between the overloads with one argument more and one fewer.
namespace tilec::sim::abi {
struct CallSite {
  const char *file;
  int line;
  explicit constexpr CallSite(const char *f = __builtin_FILE(), int l = __builtin_LINE()) : file(f), line(l) {}
};
}  // namespace tilec::sim::abi
#define TILEC_LOC_PARAMS ::tilec::sim::abi::CallSite tilec_site_ = ::tilec::sim::abi::CallSite()
#define TILEC_LOC ::tilec::sim::abi::Loc{tilec_site_.file, tilec_site_.line}

#ifndef NOC_INDEX
#define NOC_INDEX 0
#endif
#ifndef KERNEL_COMPILE_TIME_ARGS
#define KERNEL_COMPILE_TIME_ARGS
#endif

constexpr uint8_t noc_index = NOC_INDEX;
constexpr uint32_t NOC_MAX_BURST_SIZE = 8192;
constexpr uint32_t L1_ALIGNMENT = 16;
constexpr uint32_t VALID = 1;
constexpr uint32_t INVALID = 0;

enum class DataFormat : uint8_t {
  Float32 = 0, Float16 = 1, Bfp8 = 2, Bfp4 = 3, Tf32 = 4, Float16_b = 5, Bfp8_b = 6, Bfp4_b = 7,
  Int32 = 8, UInt16 = 9, Lf8 = 10, Bfp2 = 11, Int16 = 13, Int8 = 14, Bfp2_b = 15, UInt32 = 24,
  UInt8 = 30, Invalid = 255
};
namespace tt {
using ::DataFormat;
enum CBIndex : uint8_t {
  c_0, c_1, c_2, c_3, c_4, c_5, c_6, c_7, c_8, c_9, c_10, c_11, c_12, c_13, c_14, c_15,
  c_16, c_17, c_18, c_19, c_20, c_21, c_22, c_23, c_24, c_25, c_26, c_27, c_28, c_29, c_30, c_31,
  c_32, c_33, c_34, c_35, c_36, c_37, c_38, c_39, c_40, c_41, c_42, c_43, c_44, c_45, c_46, c_47,
  c_48, c_49, c_50, c_51, c_52, c_53, c_54, c_55, c_56, c_57, c_58, c_59, c_60, c_61, c_62, c_63
};
enum CB : uint8_t {
  c_in0 = 0, c_in1, c_in2, c_in3, c_in4, c_in5, c_in6, c_in7,
  dataflow0 = 8, dataflow1, dataflow2, dataflow3, dataflow4, dataflow5, dataflow6, dataflow7,
  c_out0 = 16, c_out1, c_out2, c_out3, c_out4, c_out5, c_out6, c_out7,
  c_intermed0 = 24, c_intermed1, c_intermed2, c_intermed3, c_intermed4, c_intermed5, c_intermed6, c_intermed7
};
}  // namespace tt
using tt::CBIndex;

namespace sim_abi = ::tilec::sim::abi;

// Circular buffers: producer reserves and pushes, consumer waits and pops (both kernel kinds).
ALWI void cb_reserve_back(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbReserveBack(cb, n, TILEC_LOC); }
ALWI void cb_push_back(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbPushBack(cb, n, TILEC_LOC); }
ALWI void cb_wait_front(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbWaitFront(cb, n, TILEC_LOC); }
ALWI void cb_pop_front(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbPopFront(cb, n, TILEC_LOC); }

// Compile-time arguments: -DKERNEL_COMPILE_TIME_ARGS=a,b,c as TT-Metalium passes them.
namespace tilec::sim::ct {
// A leading 0 keeps the array non-empty when no args were passed (a trailing comma is legal).
inline constexpr uint32_t kArgs[] = {0u, KERNEL_COMPILE_TIME_ARGS};
inline constexpr uint32_t kCount = sizeof(kArgs) / sizeof(kArgs[0]) - 1;
template <uint32_t I>
consteval uint32_t arg() {
  static_assert(I < kCount, "get_compile_time_arg_val: index past the compile-time args the host passed");
  return kArgs[I + 1];
}
}  // namespace tilec::sim::ct
#define get_compile_time_arg_val(i) (::tilec::sim::ct::arg<(i)>())

template <typename T>
ALWI T get_arg_val(int index, TILEC_LOC_PARAMS) {
  static_assert(sizeof(T) == 4, "get_arg_val<T>: T must be 4 bytes");
  uint32_t raw = ::tilec::sim::abi::runtimeArg(static_cast<uint32_t>(index), false, TILEC_LOC);
  return __builtin_bit_cast(T, raw);
}
template <typename T>
ALWI T get_common_arg_val(int index, TILEC_LOC_PARAMS) {
  static_assert(sizeof(T) == 4, "get_common_arg_val<T>: T must be 4 bytes");
  uint32_t raw = ::tilec::sim::abi::runtimeArg(static_cast<uint32_t>(index), true, TILEC_LOC);
  return __builtin_bit_cast(T, raw);
}
ALWI uint32_t get_arg_addr(int index, TILEC_LOC_PARAMS) {
  return ::tilec::sim::abi::runtimeArgAddr(static_cast<uint32_t>(index), false, TILEC_LOC);
}
ALWI uint32_t get_common_arg_addr(int index, TILEC_LOC_PARAMS) {
  return ::tilec::sim::abi::runtimeArgAddr(static_cast<uint32_t>(index), true, TILEC_LOC);
}

// DPRINT (and TSLICE) per core and RISC: tilec_sim/kernel/dprint.h.
#include "tilec_sim/kernel/dprint.h"
