#include "driver/Pipeline.h"

#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "transform/Passes.h"

namespace tilec::driver {

static FuncPass verifyPass() {
  return {"verify", [](ir::PrimFunc &f) { ir::verify(f); }};
}

FuncPipeline commonPasses() {
  return {{
              {"simplify", transform::simplify},
              {"infer-copy-regions", transform::inferCopyRegions},
              {"raise-tile-ops", transform::raiseTileOps},
              {"simplify", transform::simplify},
              verifyPass(),
          },
          ir::printFunc};
}

FuncPipeline scalarReferencePasses() {
  return {{
              {"simplify", transform::simplify},
              {"infer-copy-regions", transform::inferCopyRegions},
              {"expand-tile-ops", transform::expandTileOps},
              {"simplify", transform::simplify},
          },
          ir::printFunc};
}

} // namespace tilec::driver
