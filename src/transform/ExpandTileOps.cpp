// expand-tile-ops: lowers every tile op to scalar loops (For + Store + Load).
//
// This is the second, independent path of `tilec run --target interp`: the interpreter runs the
// kernel with tile ops executed whole, and again after this pass with plain loops, and the two
// results are compared. Each op's expansion is its TileOp::expand (ir/ops/<Op>.cpp), written
// apart from the interpreter's tile-op code (interp/ops/); both implement the semantics each op
// documents in its header.
#include "transform/Passes.h"

#include "ir/Functor.h"

namespace tilec::transform {

using namespace ir;

namespace {

// Scratch tiles for expansions, numbered through the whole kernel so their names never clash.
class KernelScratch : public ScratchTiles {
public:
  explicit KernelScratch(PrimFunc &f) : f_(f) {}
  Buffer local(const std::string &base, DType t, SourceLoc loc) override {
    auto tile = std::make_shared<BufferNode>(base + std::to_string(count_++), std::vector<Expr>{intImm(1)}, t,
                                             Scope::Local, loc);
    f_.allocs.push_back(tile);
    return tile;
  }

private:
  PrimFunc &f_;
  int count_ = 0;
};

class TileOpExpander : public IRMutator {
public:
  explicit TileOpExpander(PrimFunc &f) : scratch_(f) {}

protected:
  Stmt mutateTileOp(const Stmt &, const TileOp &op) override { return op.expand(scratch_); }

private:
  KernelScratch scratch_;
};

} // namespace

void expandTileOps(PrimFunc &f) { f.body = TileOpExpander(f).mutate(f.body); }

} // namespace tilec::transform
