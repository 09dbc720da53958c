// The CUDA execution model emulated on CPU threads: a header that lets the host C++ compiler build
// the printed kernel.cu (threads, block/warp barriers, fp16/bf16, portable ldmatrix/mma/cp.async).
// `tilec run --target cuda-host` (driver/CudaHostRun.cpp) compiles the kernel against it, so the
// text the printer makes is checked, not only the SIMT IR that gpu-interp runs. Built with
// TILEC_WARP_SIZE 64 it stands in for the HIP headers (`--target hip-host`, MFMA wavefronts).
#pragma once

namespace tilec::gpu {

// The emulation header (tilec_cuda_host.h), written next to the kernel.
const char *cudaHostShimHeader();

} // namespace tilec::gpu
