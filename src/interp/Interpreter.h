// The reference interpreter: executes Tile IR on the CPU with real dtype behaviour.
//
// Every store rounds to the destination's dtype (fp16/bf16 round-to-nearest-even); arithmetic is
// done in double and rounded to the expression's dtype, so fp32 accumulation is fp32 and fp16
// accumulation is fp16, as the kernel says. Tile ops execute as whole-tile operations.
#pragma once

#include "ir/IR.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tilec::interp {

struct Tensor {
  std::vector<int64_t> shape;
  ir::DType dtype;
  std::vector<double> data; // row-major, each value representable in dtype
  int64_t numel() const;
};

// Concrete values of a kernel's symbolic sizes, by name.
using SizeBindings = std::map<std::string, int64_t>;

// One tensor per kernel parameter, filled with deterministic pseudo-random values from `seed`
// and the parameter's index (uniform in [-1, 1) for floats rounded to the dtype, integers in
// [-4, 4], [0, 4] for uint32); outputs the kernel never reads start at zero.
std::vector<Tensor> makeInputs(const ir::PrimFunc &f, const SizeBindings &sizes, uint64_t seed);

// The value a target run's copy of a write-only output starts with (makeInputs zeroes it for the
// reference): an element the kernel never writes then differs from the reference's 0, so a kernel
// that leaves part of its output unwritten (T.empty memory is uninitialised on a device) fails
// the comparison instead of passing on two zeroes. Representable in every dtype (-224 in fp8).
double unwrittenPoison(ir::DType t);
// Fills the write-only outputs the framework allocates (an eager kernel's T.empty outputs,
// @tilelang.jit(out_idx=...)) in `args` (a target's copy of makeInputs' tensors) with the poison;
// a tensor the caller passes keeps what it holds where the kernel does not write.
void poisonWriteOnlyOutputs(const ir::PrimFunc &f, std::vector<Tensor> &args);

// Runs the kernel over its whole grid; `args` has one tensor per parameter and is updated in place.
// Throws CompileError for out-of-bounds accesses or unbound sizes (with the access's location).
void run(const ir::PrimFunc &f, std::vector<Tensor> &args, const SizeBindings &sizes);

// Indices of the parameters the kernel writes (its outputs).
std::vector<int> outputParams(const ir::PrimFunc &f);

// Indices of the parameters the kernel reads (a Load, a copy/gemm/reduce source, a gemm C that
// accumulates, a reduce destination that combines). An output that is read keeps random inputs.
std::vector<int> inputParams(const ir::PrimFunc &f);

// The concrete shape of every parameter with `sizes` bound (CompileError for a missing size).
std::vector<std::vector<int64_t>> concreteParamShapes(const ir::PrimFunc &f, const SizeBindings &sizes);

struct Comparison {
  double maxAbsError = 0;
  double pcc = 1;   // Pearson correlation coefficient
  bool pass = false;
};
// Compares `got` against `expected` with a tolerance that fits the dtype: pass when
// PCC >= 0.999 and maxAbsError <= atol + rtol * max|expected|, (rtol, atol) = fp32 (1e-4, 1e-5),
// bf16 (3e-2, 1e-2), fp16 (1e-2, 1e-3), exact for integers. NaN must match NaN position by
// position; a shape mismatch fails. When either side is constant, Pearson's PCC is undefined:
// it is reported as 1 when the tolerance holds and 0 otherwise.
Comparison compare(const Tensor &expected, const Tensor &got);

} // namespace tilec::interp
