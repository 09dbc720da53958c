// `tilec run --target cuda-host`: the *printed* CUDA kernel (kernel.cu, exactly as `tilec compile
// --target cuda` writes it) compiled by the host C++ compiler against a header that emulates the
// CUDA execution model on CPU threads, run over the whole grid and compared with the reference
// interpreter. gpu-interp checks the SIMT IR; this checks the text the printer makes of it.
#pragma once

#include "driver/Commands.h"
#include "ir/IR.h"

namespace tilec::gpu {

// The emulation header (tilec_cuda_host.h), written next to the kernel.
const char *cudaHostShimHeader();

int runCudaHost(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const driver::Options &opts);

} // namespace tilec::gpu
