// CB planning: every tile buffer gets a circular buffer (docs/TT_BACKEND.md):
//   index   — inputs (reader → compute) from c_0, outputs (compute → writer) from c_16,
//             intermediates (compute → compute) from c_24, as the SDK's examples number them;
//   page    — one 32x32 tile in the buffer's data format (Float16_b 2048 B, Float32 4096 B);
//   depth   — inputs: one value per pipeline stage (T.Pipelined num_stages, at least 2 inside a
//             loop so the reader runs a block ahead; chunk_k_tiles more when asked); outputs: two
//             values (compute packs the next block while the writer drains this one); intermediates:
//             exactly one value (they are rewritten in place, chunk by chunk);
//   budget  — the CBs of a core must fit its L1.
// The kernel's DST mode follows: any float32 fragment turns on fp32_dest_acc_en (4 tiles per acquire).
#include "target/tt/BufferUses.h"
#include "ir/Functor.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <fmt/format.h>
#include <algorithm>
#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

CbRole roleOf(const BufferUses &u) {
  if (!u.readerFills.empty())
    return u.computeReads.empty() && !u.writerDrains.empty() ? CbRole::Passthrough : CbRole::Input;
  if (!u.writerDrains.empty())
    return CbRole::Output;
  return CbRole::Intermediate;
}

int stagesOf(const BufferUse &fill, int chunkBlocks) {
  if (!fill.loop)
    return 2;
  int stages = fill.loop->forKind == ForKind::Pipelined && fill.loop->numStages > 0 ? fill.loop->numStages : 2;
  return std::max(stages, chunkBlocks);
}

class IndexAllocator {
public:
  explicit IndexAllocator(int limit) : limit_(limit) {}
  int take(int preferredStart, SourceLoc loc) {
    for (int i = preferredStart; i < limit_; ++i)
      if (used_.insert(i).second)
        return i;
    for (int i = 0; i < limit_; ++i)
      if (used_.insert(i).second)
        return i;
    fail(loc, fmt::format("the kernel needs more than {} circular buffers, the limit of this chip", limit_));
  }

private:
  int limit_;
  std::set<int> used_;
};

bool usesReduce(const PrimFunc &f) {
  struct Finder : IRVisitor {
    bool found = false;
    void visitReduce(const Reduce &) override { found = true; }
  } finder;
  finder.visit(f.body);
  return finder.found;
}

} // namespace

void planCircularBuffers(TTProgram &p, const std::map<const BufferNode *, VectorLayout> &layouts) {
  const PrimFunc &f = *p.func;
  auto uses = collectBufferUses(f);
  IndexAllocator indices(p.arch.name == "blackhole" ? 64 : 32);
  for (const Buffer &b : f.allocs) {
    auto it = uses.find(b.get());
    if (it == uses.end())
      continue; // allocated but never used: no CB
    const BufferUses &u = it->second;
    CbPlan cb;
    cb.buffer = b;
    cb.dtype = b->dtype;
    cb.role = roleOf(u);
    cb.name = "cb_" + cxxName(b);
    cb.pageBytes = tileBytes(b->dtype);
    TileGrid g = tileGrid(b);
    cb.tileRows = g.rows;
    cb.tileCols = g.cols;
    cb.valueTiles = static_cast<int>(g.count());
    auto lay = layouts.find(b.get());
    cb.layout = lay == layouts.end() ? VectorLayout::None : lay->second;
    switch (cb.role) {
    case CbRole::Input:
    case CbRole::Passthrough: {
      cb.capacityTiles = cb.valueTiles * stagesOf(u.readerFills.front(), 0);
      cb.index = indices.take(0, b->loc);
      break;
    }
    case CbRole::Output:
      cb.capacityTiles = 2 * cb.valueTiles;
      cb.index = indices.take(16, b->loc);
      break;
    default:
      cb.capacityTiles = cb.valueTiles;
      cb.index = indices.take(24, b->loc);
      break;
    }
    p.cbs.push_back(cb);
  }
  // A transposed copy of each transpose_A operand, written and read by compute.
  struct Gemms : IRVisitor {
    std::vector<const Gemm *> found;
    void visitGemm(const Gemm &g) override {
      if (g.transposeA)
        found.push_back(&g);
    }
  } gemms;
  gemms.visit(f.body);
  auto scratch = [&](const Buffer &t) {
    CbPlan cb;
    cb.buffer = t;
    cb.dtype = t->dtype;
    cb.role = CbRole::Intermediate;
    cb.name = "cb_" + cxxName(t); // unique: a symbol names its buffer node, whatever its name
    cb.pageBytes = tileBytes(t->dtype);
    TileGrid grid = tileGrid(t);
    cb.tileRows = grid.rows, cb.tileCols = grid.cols;
    cb.valueTiles = cb.capacityTiles = static_cast<int>(grid.count());
    cb.index = indices.take(24, t->loc);
    p.cbs.push_back(cb);
  };
  struct Prepared : IRVisitor {
    std::vector<const Reduce *> found;
    void visitReduce(const Reduce &r) override {
      if (r.reduceKind != ReduceKind::Sum && r.reduceKind != ReduceKind::Max)
        found.push_back(&r);
    }
  } prepared;
  prepared.visit(f.body);
  for (const Reduce *r : prepared.found) {
    const Buffer &src = r->src.buffer;
    std::string suffix = r->reduceKind == ReduceKind::Min ? "_neg" : "_abs";
    auto t = std::make_shared<BufferNode>(src->name + suffix, src->shape, src->dtype, Scope::Fragment, src->loc);
    p.preparedSrc[r] = t;
    scratch(t);
  }
  for (const Gemm *g : gemms.found) {
    const Buffer &a = g->a.buffer;
    auto t = std::make_shared<BufferNode>(a->name + "_T", std::vector<Expr>{a->shape[1], a->shape[0]}, a->dtype,
                                          Scope::Fragment, a->loc);
    p.transposedA[g] = t;
    scratch(t);
  }
  if (usesReduce(f)) {
    CbPlan scaler;
    scaler.name = "cb_scaler";
    scaler.role = CbRole::Scaler;
    scaler.dtype = DType::BFloat16;
    scaler.pageBytes = tileBytes(DType::BFloat16);
    scaler.index = indices.take(0, f.loc);
    p.cbs.push_back(scaler);
  }
  bool fp32Dest = computeWritesFloat32(f);
  p.compute.fp32DestAcc = fp32Dest;
  p.compute.dstTiles = fp32Dest ? p.arch.dstTilesHalfSync16 / 2 : p.arch.dstTilesHalfSync16;

  p.l1BytesUsed = 0;
  std::string table;
  for (const CbPlan &cb : p.cbs) {
    p.l1BytesUsed += int64_t(cb.capacityTiles) * cb.pageBytes;
    table += fmt::format("\n  {} ({}): {} tiles x {} B", cb.name, cbRoleName(cb.role), cb.capacityTiles, cb.pageBytes);
  }
  if (p.l1BytesUsed > p.arch.l1Bytes)
    fail(f.loc, fmt::format("the circular buffers need {} KiB of L1 but a {} core has {} KiB for them; use smaller "
                            "blocks or fewer pipeline stages:{}",
                            p.l1BytesUsed / 1024, p.arch.card, p.arch.l1Bytes / 1024, table));
}

const char *cbRoleName(CbRole r) {
  switch (r) {
  case CbRole::Input: return "input";
  case CbRole::Output: return "output";
  case CbRole::Intermediate: return "intermediate";
  case CbRole::Passthrough: return "passthrough";
  case CbRole::Scaler: return "scaler";
  }
  return "?";
}

const char *vectorLayoutName(VectorLayout l) {
  switch (l) {
  case VectorLayout::None: return "none";
  case VectorLayout::Row: return "row";
  case VectorLayout::Col: return "col";
  }
  return "?";
}

const CbPlan *TTProgram::cbFor(const ir::Buffer &b) const {
  for (const CbPlan &cb : cbs)
    if (cb.buffer == b)
      return &cb;
  return nullptr;
}
CbPlan *TTProgram::cbFor(const ir::Buffer &b) {
  for (CbPlan &cb : cbs)
    if (cb.buffer == b)
      return &cb;
  return nullptr;
}
const CbPlan *TTProgram::scalerCb() const {
  for (const CbPlan &cb : cbs)
    if (cb.role == CbRole::Scaler)
      return &cb;
  return nullptr;
}
int TTProgram::tensorIndex(const ir::Buffer &b) const {
  for (size_t i = 0; i < func->params.size(); ++i)
    if (func->params[i] == b)
      return static_cast<int>(i);
  return -1;
}

} // namespace tilec::tt
