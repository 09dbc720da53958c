// Names a CUDA or HIP kernel must never declare (target/Symbols.h): what the vendors' headers
// define as macros or builtins whether or not the printed kernel spells them. Names the printer
// writes itself (helpers, math functions, types) are avoided anyway, as literals.
#include "target/gpu/Lower.h"

namespace tilec::gpu {

namespace {

std::set<std::string> vectorTypes() {
  std::set<std::string> out;
  for (const char *base : {"char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "longlong",
                           "ulonglong", "float", "double", "half", "bfloat16"})
    for (int n = 1; n <= 4; ++n)
      out.insert(std::string(base) + std::to_string(n));
  return out;
}

} // namespace

const target::Reserved &reservedNames(Dialect) {
  static const target::Reserved reserved = [] {
    target::Reserved r;
    r.words = vectorTypes();
    for (const char *w : {
             // built-in variables and types of both dialects
             "threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize", "dim3", "half", "half2", "nv_bfloat16",
             "nv_bfloat162", "hip_bfloat16", "smem",
             // CUDA/HIP device functions and intrinsics a kernel may reach through the headers
             "min", "max", "abs", "atomicAdd", "atomicSub", "atomicMax", "atomicMin", "atomicExch", "atomicCAS",
             "atomicAnd", "atomicOr", "atomicXor", "atomicInc", "atomicDec", "printf", "malloc", "free", "memcpy",
             "memset", "clock", "clock64", "assert", "exp", "expf", "exp2f", "log", "logf", "log2f", "sqrtf",
             "rsqrtf", "fabsf", "tanhf", "floorf", "ceilf", "fmaxf", "fminf", "powf", "sinf", "cosf", "erff",
             "hexp", "hlog", "hsqrt", "hrsqrt", "hmax", "hmin",
             // HIP spells the builtins as macros too
             "hipThreadIdx_x", "hipThreadIdx_y", "hipThreadIdx_z", "hipBlockIdx_x", "hipBlockIdx_y",
             "hipBlockIdx_z", "hipBlockDim_x", "hipBlockDim_y", "hipBlockDim_z", "hipGridDim_x", "hipGridDim_y",
             "hipGridDim_z", "HIP_KERNEL_NAME", "HIP_DYNAMIC_SHARED", "CUDART_INF_F", "CUDART_NAN_F",
             // tilec's host-execution shim (tests/gpu/cuda_host_shim.h) defines these
             "TILEC_CUDA_HOST", "tilec_host",
             // the printer's floor-division helpers
             "tilec_floordiv", "tilec_floormod", "tilec_atomic_add", "tilec_atomic_max",
             "tilec_atomic_min", "tilec_atomic_cas", "tilec_atomic_sum", "tilec_atomic_larger",
             "tilec_atomic_smaller", "tilec_atomic_extremum", "tilec_fp8",
             "tilec_fp8_e4m3", "tilec_fp8_e5m2"})
      r.words.insert(w);
    // __syncthreads, __shfl_xor_sync, __half, __nv_bfloat16, __launch_bounds__, __shared__, ...
    // plus the macro families of the runtime headers
    r.prefixes = {"__", "CUDART_", "HIP_", "CUDA_"};
    return r;
  }();
  return reserved;
}

} // namespace tilec::gpu
