// Why these and not the vendor functions directly: CUDA and HIP agree on atomicAdd / atomicMax /
// atomicMin for int and unsigned, atomicAdd for float and unsigned long long and atomicCAS for
// 32- and 64-bit words, but differ (HIP has no long long atomicMax, for one) (by version and
// architecture) on fp16 / bf16 atomics and have no float atomicMax / atomicMin at all. Those go
// through one compare-and-swap loop on the aligned 32-bit word holding the element, which both
// have on every architecture tilec targets; the combination is computed in the element's own type
// (16-bit floats through float, rounded back), as the interpreters' ir::applyAtomic does.
#include "target/gpu/AtomicHelpers.h"

namespace tilec::gpu {

const char *atomicHelpersText() {
  return R"(// Atomic read-modify-writes of one element (T.atomic_add / atomic_max / atomic_min).
template <typename T> __device__ __forceinline__ T tilec_atomic_sum(T a, T b) { return T(float(a) + float(b)); }
template <typename T> __device__ __forceinline__ T tilec_atomic_larger(T a, T b) { return T(fmaxf(float(a), float(b))); }
template <typename T> __device__ __forceinline__ T tilec_atomic_smaller(T a, T b) { return T(fminf(float(a), float(b))); }
__device__ __forceinline__ signed char tilec_atomic_sum(signed char a, signed char b) { return (signed char)(a + b); }
__device__ __forceinline__ signed char tilec_atomic_larger(signed char a, signed char b) { return a > b ? a : b; }
__device__ __forceinline__ signed char tilec_atomic_smaller(signed char a, signed char b) { return a < b ? a : b; }
__device__ __forceinline__ unsigned char tilec_atomic_sum(unsigned char a, unsigned char b) { return (unsigned char)(a + b); }
__device__ __forceinline__ unsigned char tilec_atomic_larger(unsigned char a, unsigned char b) { return a > b ? a : b; }
__device__ __forceinline__ unsigned char tilec_atomic_smaller(unsigned char a, unsigned char b) { return a < b ? a : b; }
__device__ __forceinline__ bool tilec_atomic_sum(bool a, bool b) { return a || b; }
__device__ __forceinline__ bool tilec_atomic_larger(bool a, bool b) { return a || b; }
__device__ __forceinline__ bool tilec_atomic_smaller(bool a, bool b) { return a && b; }
// Elements of 1, 2 or 4 bytes: a compare-and-swap loop on the aligned 32-bit word that holds one.
template <typename T, typename F> __device__ __forceinline__ void tilec_atomic_cas(T *p, F combine) {
  static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4, "1-, 2- or 4-byte elements");
  unsigned *word = reinterpret_cast<unsigned *>(reinterpret_cast<unsigned long long>(p) & ~3ull);
  const unsigned shift = sizeof(T) == 4 ? 0u : unsigned(reinterpret_cast<unsigned long long>(p) & 3ull) * 8u;
  const unsigned mask = sizeof(T) == 4 ? 0xffffffffu : ((1u << (8 * sizeof(T))) - 1u) << shift;
  unsigned old = *word, assumed;
  do {
    assumed = old;
    unsigned bits = (assumed & mask) >> shift, next = 0;
    T value;
    memcpy(&value, &bits, sizeof(T)); // memcpy, not __builtin_memcpy: NVRTC knows only the former
    value = combine(value);
    memcpy(&next, &value, sizeof(T));
    old = atomicCAS(word, assumed, (assumed & ~mask) | ((next << shift) & mask));
  } while (assumed != old);
}
template <typename T> __device__ __forceinline__ void tilec_atomic_add(T *p, T v) {
  tilec_atomic_cas(p, [v](T x) { return tilec_atomic_sum(x, v); });
}
template <typename T> __device__ __forceinline__ void tilec_atomic_max(T *p, T v) {
  tilec_atomic_cas(p, [v](T x) { return tilec_atomic_larger(x, v); });
}
template <typename T> __device__ __forceinline__ void tilec_atomic_min(T *p, T v) {
  tilec_atomic_cas(p, [v](T x) { return tilec_atomic_smaller(x, v); });
}
__device__ __forceinline__ void tilec_atomic_add(float *p, float v) { atomicAdd(p, v); }
__device__ __forceinline__ void tilec_atomic_add(int *p, int v) { atomicAdd(p, v); }
__device__ __forceinline__ void tilec_atomic_add(unsigned *p, unsigned v) { atomicAdd(p, v); }
__device__ __forceinline__ void tilec_atomic_add(long long *p, long long v) {
  atomicAdd(reinterpret_cast<unsigned long long *>(p), static_cast<unsigned long long>(v));
}
__device__ __forceinline__ void tilec_atomic_max(int *p, int v) { atomicMax(p, v); }
__device__ __forceinline__ void tilec_atomic_max(unsigned *p, unsigned v) { atomicMax(p, v); }
// HIP has no long long atomicMax / atomicMin: a 64-bit compare-and-swap loop, on both.
__device__ __forceinline__ void tilec_atomic_extremum(long long *p, long long v, bool larger) {
  unsigned long long *word = reinterpret_cast<unsigned long long *>(p), old = *word, assumed;
  do {
    assumed = old;
    long long current = static_cast<long long>(assumed);
    if (larger ? current >= v : current <= v)
      return;
    old = atomicCAS(word, assumed, static_cast<unsigned long long>(v));
  } while (assumed != old);
}
__device__ __forceinline__ void tilec_atomic_max(long long *p, long long v) { tilec_atomic_extremum(p, v, true); }
__device__ __forceinline__ void tilec_atomic_min(int *p, int v) { atomicMin(p, v); }
__device__ __forceinline__ void tilec_atomic_min(unsigned *p, unsigned v) { atomicMin(p, v); }
__device__ __forceinline__ void tilec_atomic_min(long long *p, long long v) { tilec_atomic_extremum(p, v, false); }
)";
}

} // namespace tilec::gpu
