#include "driver/Pipeline.h"

#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "transform/Passes.h"

namespace tilec::driver {

static Pass verifyPass() {
  return {"verify", [](ir::PrimFunc &f) { ir::verify(f); }};
}

std::vector<Pass> commonPasses() {
  return {
      {"simplify", transform::simplify},
      {"infer-copy-regions", transform::inferCopyRegions},
      {"raise-tile-ops", transform::raiseTileOps},
      {"simplify", transform::simplify},
      verifyPass(),
  };
}

std::vector<Pass> scalarReferencePasses() {
  return {
      {"simplify", transform::simplify},
      {"infer-copy-regions", transform::inferCopyRegions},
      {"expand-tile-ops", transform::expandTileOps},
      {"simplify", transform::simplify},
  };
}

void runPasses(ir::PrimFunc &f, const std::vector<Pass> &passes, bool printAfterAll,
               std::ostream &log) {
  for (const Pass &p : passes) {
    p.run(f);
    if (printAfterAll)
      log << "// ---- after " << p.name << " ----\n" << ir::printFunc(f);
  }
}

} // namespace tilec::driver
