// What every kernel (data movement and compute) sees without including anything, as the TT-Metalium
// kernel build force-includes its API: attribute macros, data formats, CB indices, compile-time and
// runtime arguments, DPRINT.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tilec_sim/kernel/abi.h"
#include "tilec_sim/kernel/level.h"
#include "hostdevcommon/common_values.hpp"
#include "hostdevcommon/kernel_structs.h"

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

enum class DataFormat : uint8_t {
  Float32 = 0, Float16 = 1, Bfp8 = 2, Bfp4 = 3, Tf32 = 4, Float16_b = 5, Bfp8_b = 6, Bfp4_b = 7,
  Int32 = 8, UInt16 = 9, Lf8 = 10, Bfp2 = 11, Int16 = 13, Int8 = 14, Bfp2_b = 15, UInt32 = 24,
  UInt8 = 30, Invalid = 255
};
namespace tt {
using ::DataFormat;
}  // namespace tt
using tt::CBIndex;

namespace sim_abi = ::tilec::sim::abi;

// Circular buffers: producer reserves and pushes, consumer waits and pops (both kernel kinds).
ALWI void cb_reserve_back(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbReserveBack(cb, n, TILEC_LOC); }
ALWI void cb_push_back(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbPushBack(cb, n, TILEC_LOC); }
ALWI void cb_wait_front(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbWaitFront(cb, n, TILEC_LOC); }
ALWI void cb_pop_front(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) { sim_abi::cbPopFront(cb, n, TILEC_LOC); }

// Compile-time arguments: -DKERNEL_COMPILE_TIME_ARGS=a,b,c as TT-Metalium passes them, and the named
// ones as -DKERNEL_COMPILE_TIME_ARG_MAP={"name",value},... (both API levels have both).
template <class T, class... Ts>
FORCE_INLINE constexpr std::array<T, sizeof...(Ts)> make_array(Ts... values) {
  return {T(values)...};
}
constexpr auto kernel_compile_time_args = make_array<std::uint32_t>(KERNEL_COMPILE_TIME_ARGS);
namespace tilec::sim::ct {
inline constexpr uint32_t kCount = uint32_t(kernel_compile_time_args.size());
template <uint32_t I>
consteval uint32_t arg() {
  static_assert(I < kCount, "get_compile_time_arg_val: index past the compile-time args the host passed");
  return kernel_compile_time_args[I];
}
}  // namespace tilec::sim::ct
template <uint32_t Idx>
constexpr uint32_t get_ct_arg() {
  return ::tilec::sim::ct::arg<Idx>();
}
#define get_compile_time_arg_val(i) (::tilec::sim::ct::arg<(i)>())

// Named compile-time args. A name the host did not pass is a compile error where the value is needed
// at compile time (the message names this function) and stops the run where it is read at run time.
namespace tilec::sim::ct {
struct NamedArg {
  std::string_view name;
  uint32_t value;
};
#ifdef KERNEL_COMPILE_TIME_ARG_MAP
inline constexpr NamedArg kNamed[] = {{"", 0}, KERNEL_COMPILE_TIME_ARG_MAP};
#else
inline constexpr NamedArg kNamed[] = {{"", 0}};
#endif
inline uint32_t named_compile_time_arg_not_passed_by_the_host(std::string_view name, ::tilec::sim::abi::Loc loc) {
  ::tilec::sim::abi::kernelError("get_named_compile_time_arg_val: the host passed no named compile-time arg",
                                 name.data(), uint32_t(name.size()), loc);
}
}  // namespace tilec::sim::ct
constexpr uint32_t get_named_compile_time_arg_val(std::string_view name, TILEC_LOC_PARAMS) {
  for (std::size_t i = 1; i < sizeof(::tilec::sim::ct::kNamed) / sizeof(::tilec::sim::ct::kNamed[0]); ++i)
    if (::tilec::sim::ct::kNamed[i].name == name) return ::tilec::sim::ct::kNamed[i].value;
  return ::tilec::sim::ct::named_compile_time_arg_not_passed_by_the_host(name, TILEC_LOC);
}

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
