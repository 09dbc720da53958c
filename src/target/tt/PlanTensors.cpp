// Host plan, tensor side: how each kernel parameter sits in DRAM (interleaved, one page per 32x32
// tile, tiles in row-major order or column-major when the sharding annotation says so, sizes padded
// to whole tiles), and the runtime arguments each kernel receives on each core.
#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "target/tt/Passes.h"
#include "target/tt/SmallTiles.h"
#include "target/tt/TTUtil.h"

#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

// The two dims a copy's region spans (extents other than 1), in order.
std::vector<size_t> spannedDims(const Region &r) {
  std::vector<size_t> out;
  for (size_t d = 0; d < r.extents.size(); ++d)
    if (auto e = asConstInt(r.extents[d]); !e || *e != 1)
      out.push_back(d);
  return out;
}

// The stored order of a tensor's dims (TensorPlan::order): the dims its copies span go last.
std::vector<size_t> storedOrder(const PrimFunc &f, const Buffer &b) {
  size_t rank = b->rank();
  std::vector<size_t> order;
  for (size_t d = 0; d < rank; ++d)
    order.push_back(d);
  if (rank < 3)
    return order;
  std::set<size_t> spanned;
  SourceLoc where = b->loc;
  for (const Access &a : accessesOf(f.body))
    if (a.buffer == b && a.region)
      for (size_t d : spannedDims(*a.region))
        if (spanned.insert(d).second && d + 2 < rank)
          where = a.region->loc;
  if (spanned.size() > 2)
    fail(where, "copies of '" + b->name + "' move tiles over " + std::to_string(spanned.size()) +
                    " of its dimensions; Tenstorrent tiles span two, the others must be single indices");
  if (spanned.empty() || *spanned.begin() + 2 >= rank)
    return order; // the last two dims: the natural layout
  if (spanned.size() == 1)
    spanned.insert(*spanned.begin() < rank - 1 ? rank - 1 : rank - 2);
  order.clear();
  for (size_t d = 0; d < rank; ++d)
    if (!spanned.count(d))
      order.push_back(d);
  for (size_t d : spanned)
    order.push_back(d);
  return order;
}

// Which tensors the kernel reads and which it writes (after staging, only copies touch them).
void markAccesses(TTProgram &p) {
  for (const Access &a : accessesOf(p.func->body))
    if (int i = p.tensorIndex(a.buffer); i >= 0)
      (a.write ? p.tensors[i].written : p.tensors[i].read) = true;
}

} // namespace

void planTensors(TTProgram &p, const std::map<const BufferNode *, VectorLayout> &layouts) {
  const PrimFunc &f = *p.func;
  for (size_t i = 0; i < f.params.size(); ++i) {
    const Buffer &b = f.params[i];
    TensorPlan t;
    t.buffer = b;
    t.paramIndex = static_cast<int>(i);
    t.pageBytes = tileBytes(b->dtype);
    t.columnMajorTiles = shardingOf(f, b->name, "layout") == "column_major";
    if (shardingOf(f, b->name, "memory") == "l1")
      fail(b->loc, "annotate_tt_sharding: memory='l1' for '" + b->name +
                       "' is not supported yet; tensors live in DRAM (interleaved)");
    for (const Expr &d : b->shape)
      t.dims.push_back(kIr(d));
    size_t r = b->rank();
    t.order = storedOrder(f, b);
    chooseVectorOrder(f, t, layouts);
    t.batch = kInt(1);
    if (r == 1) {
      auto it = layouts.find(b.get());
      t.layout = it == layouts.end() ? VectorLayout::Col : it->second;
      choosePageExtents(f, t, layouts);
      bool row = t.layout == VectorLayout::Row;
      KExpr tiles = tileCount(b->shape[0], row ? t.pageCols : t.pageRows);
      t.tileRows = row ? kInt(1) : tiles;
      t.tileCols = row ? tiles : kInt(1);
    } else {
      choosePageExtents(f, t, layouts);
      t.tileRows = tileCount(b->shape[t.order[r - 2]], t.pageRows);
      t.tileCols = tileCount(b->shape[t.order[r - 1]], t.pageCols);
      for (size_t d = 0; d + 2 < r; ++d)
        t.batch = mul(t.batch, t.dims[t.order[d]]);
    }
    p.tensors.push_back(t);
  }
  markAccesses(p);
}

// Which mover kernel reads each DRAM → tile copy: the reader, except the multicasts the writer owns.
bool readByWriter(const TTProgram &p, const ir::StmtNode *copy) {
  for (const McastPlan &m : p.mcasts)
    if (m.copy == copy)
      return m.inWriter;
  return false;
}

void planRuntimeArgs(TTProgram &p) {
  auto addCommon = [&](KernelPlan &k) {
    for (const Var &v : p.func->sizeVars)
      k.runtimeArgs.push_back({RuntimeArg::Kind::Size, cxxName(v), -1, v->name, -1, ""});
    auto names = SchedulePlan::slotNames(p.schedule.policy, p.schedule.order);
    for (int s = 0; s < 4; ++s)
      k.runtimeArgs.push_back({RuntimeArg::Kind::Schedule, names[s], -1, "", s, ""});
  };
  // Tensors each mover touches, in first-use order.
  std::vector<bool> readerUses(p.tensors.size()), writerUses(p.tensors.size());
  struct Walker : IRVisitor {
    TTProgram *p;
    std::vector<bool> *r, *w;
    void visitCopy(const Copy &c) override {
      if (int i = p->tensorIndex(c.src.buffer); i >= 0)
        (readByWriter(*p, &c) ? *w : *r)[i] = true;
      if (int i = p->tensorIndex(c.dst.buffer); i >= 0)
        (*w)[i] = true;
    }
  } walker;
  walker.p = &p, walker.r = &readerUses, walker.w = &writerUses;
  walker.visit(p.func->body);
  for (size_t i = 0; i < p.tensors.size(); ++i) {
    std::string name = cxxName(p.tensors[i].buffer) + "_addr";
    for (auto [uses, kernel] : {std::pair{&readerUses, &p.reader}, std::pair{&writerUses, &p.writer}})
      if ((*uses)[i]) {
        kernel->runtimeArgs.push_back({RuntimeArg::Kind::BufferAddress, name, static_cast<int>(i), "", -1, ""});
        kernel->accessorTensors.push_back(static_cast<int>(i));
      }
  }
  for (const McastPlan &m : p.mcasts) {
    // The sender is the first core of the row (column); the others receive.
    std::string sender = m.alongRow ? "0, c.y" : "c.x, 0";
    std::string first = m.alongRow ? "1, c.y" : "c.x, 1";
    std::string last = m.alongRow ? "cores_x - 1, c.y" : "c.x, cores_y - 1";
    std::string isSender = m.alongRow ? "c.x == 0" : "c.y == 0";
    std::string dests = m.alongRow ? "cores_x - 1" : "cores_y - 1";
    KernelPlan &k = m.inWriter ? p.writer : p.reader;
    auto add = [&](const std::string &name, const std::string &expr) {
      k.runtimeArgs.push_back({RuntimeArg::Kind::Host, m.prefix + "_" + name, -1, "", -1, expr});
    };
    add("is_sender", "uint32_t(" + isSender + ")");
    add("sender_x", "uint32_t(noc_xy(" + sender + ").x)");
    add("sender_y", "uint32_t(noc_xy(" + sender + ").y)");
    add("dest_x0", "uint32_t(noc_xy(" + first + ").x)");
    add("dest_y0", "uint32_t(noc_xy(" + first + ").y)");
    add("dest_x1", "uint32_t(noc_xy(" + last + ").x)");
    add("dest_y1", "uint32_t(noc_xy(" + last + ").y)");
    add("num_dests", dests);
    add("sender_sem_id", m.prefix + "_sender_sem");
    add("receiver_sem_id", m.prefix + "_receiver_sem");
  }
  addCommon(p.reader);
  addCommon(p.computeKernel);
  addCommon(p.writer);
}

} // namespace tilec::tt
