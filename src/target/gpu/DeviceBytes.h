// Tensors as the bytes a kernel reads and writes (its element formats, row-major), and the launch
// grid's extents, for the targets that run printed code (`cuda` on a GPU, `cuda-host` on the CPU).
#pragma once

#include "interp/Interpreter.h"
#include "ir/IR.h"
#include "target/gpu/Simt.h"

#include <cstdint>
#include <vector>

namespace tilec::gpu {

// Host bytes of a tensor in the kernel's element format, and back.
std::vector<uint8_t> pack(const interp::Tensor &t);
void unpack(interp::Tensor &t, const std::vector<uint8_t> &bytes);

// Integer value of a grid expression with the sizes bound.
int64_t evalIndex(const ir::Expr &e, const interp::SizeBindings &sizes);

// The global side of TMA descriptor `m` with the sizes bound: which kernel parameter it describes,
// and that tensor's dimensions and row-major byte strides, outermost first as declared.
struct TensorMapGeometry {
  size_t param = 0;
  std::vector<int64_t> dims, strideBytes;
};
TensorMapGeometry tensorMapGeometry(const Kernel &k, const TensorMap &m, const interp::SizeBindings &sizes);

} // namespace tilec::gpu
