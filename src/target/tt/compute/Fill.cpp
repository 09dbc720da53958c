// T.fill on Tenstorrent. Compute: the element-wise map of a constant (no axes). Staging: a DRAM
// destination is filled in a tile, which the writer then drains.
#include "target/tt/compute/Ops.h"

namespace tilec::tt {

using namespace ir;

KBody lowerFill(CbProtocol &engine, const Fill &f, const BufferNode *) {
  return lowerElementwise(engine, {}, f.dst, f.value, f.loc);
}

Stmt stageFill(GlobalStaging &staging, const Stmt &s, const Fill &fl) {
  if (!GlobalStaging::isGlobal(fl.dst.buffer))
    return s;
  Buffer tile = staging.tileFor(fl.dst, fl.loc);
  return seq({std::make_shared<Fill>(fullRegion(tile, fl.loc), fl.value, fl.loc),
              std::make_shared<Copy>(fullRegion(tile, fl.loc), fl.dst, fl.loc)},
             fl.loc);
}

} // namespace tilec::tt
