// The pipeline in one place: which passes run, in which order, for which target.
#pragma once

#include "ir/IR.h"
#include "transform/Pass.h"

#include <ostream>
#include <vector>

namespace tilec::driver {

// simplify → infer copy regions → raise scalar loops to tile ops → simplify → verify.
std::vector<Pass> commonPasses();

// The interpreter's second path: the kernel as written, its tile ops expanded to scalar loops.
std::vector<Pass> scalarReferencePasses();

// Runs `passes` in order; with `printAfterAll`, prints the kernel after each to `log`.
void runPasses(ir::PrimFunc &f, const std::vector<Pass> &passes, bool printAfterAll,
               std::ostream &log);

} // namespace tilec::driver
