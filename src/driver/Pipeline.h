// The common pipelines in one place: which passes run over the Tile IR kernel, in which order.
// The target pipelines that follow them: target/gpu/Pipeline.cpp, target/tt/Pipeline.cpp.
#pragma once

#include "transform/Pass.h"

namespace tilec::driver {

// simplify → infer copy regions → raise scalar loops to tile ops → simplify → verify.
FuncPipeline commonPasses();

// The interpreter's second path: the kernel as written, its tile ops expanded to scalar loops.
FuncPipeline scalarReferencePasses();

} // namespace tilec::driver
