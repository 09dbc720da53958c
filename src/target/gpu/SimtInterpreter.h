// Runs lowered SIMT IR on the CPU with simulated threads, so GPU lowering is checked numerically
// on machines without a GPU.
//
// A block's threads execute in lockstep, statement by statement, under an activity mask (divergent
// ifs narrow it). Warp-level operations (shuffles, ldmatrix, mma.sync) gather and scatter across
// the 32 lanes exactly as the PTX ISA describes their fragments, AMD's MFMA across a 64-lane
// wavefront as AMD's matrix instruction layouts say, and insist that the whole warp is active. Shared memory is checked for data races: an element written by one thread and touched
// by another with no __syncthreads() between them is an error, as is a barrier reached by only
// part of the block or a read of a cp.async destination before its wait_group.
#pragma once

#include "interp/Interpreter.h"
#include "target/gpu/BankConflicts.h"
#include "target/gpu/GlobalAccesses.h"
#include "target/gpu/Simt.h"

namespace tilec::gpu {

// Runs every block of the grid; `args` has one tensor per kernel parameter, updated in place.
// Throws CompileError on races, out-of-bounds accesses, divergent barriers or warp operations.
// With `banks`, every warp's shared-memory access is also counted against the bank model of
// BankConflicts.h, per access site; with `global`, every global access against the sector model
// of GlobalAccesses.h.
void runSimt(const Kernel &k, std::vector<interp::Tensor> &args, const interp::SizeBindings &sizes,
             BankReport *banks = nullptr, GlobalReport *global = nullptr);

} // namespace tilec::gpu
