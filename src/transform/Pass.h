// The common passes rewrite the Tile IR kernel in place (transform/Passes.h); their pipelines are
// listed in driver/Pipeline.cpp and run by the pass manager (support/PassManager.h).
#pragma once

#include "ir/IR.h"
#include "support/PassManager.h"

namespace tilec {

using FuncPass = Pass<ir::PrimFunc>;
using FuncPipeline = Pipeline<ir::PrimFunc>;

} // namespace tilec
