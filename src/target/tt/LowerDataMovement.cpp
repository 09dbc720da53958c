// Reader and writer kernels: every Copy from DRAM into a tile becomes NoC reads into the tile's CB
// (reserve the whole tile, read its 32x32 pages through the tensor's address generator, one
// barrier, push), every Copy from a tile to DRAM becomes NoC writes out of the CB (wait, write,
// one barrier, pop). The loops around copies are kept, so both kernels walk the block body in the
// same order as compute — the order of pushes on a CB is the contract between its two kernels.
// The reader also fills the reduce scaler tile once, before the persistent loop.
#include "ir/Functor.h"
#include "ir/Printer.h"
#include "target/tt/BufferUses.h"
#include "target/tt/IndexRanges.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <fmt/format.h>
#include <functional>

namespace tilec::tt {

using namespace ir;

namespace {

// Tile (row, col) of a copy's DRAM region: its page (tile id) and the conditions under which it
// lies inside the tensor. A block need not divide its tensor (`T.ceildiv(N, 64)` blocks of 64
// columns over N = 96): the last block's tiles past the tensor's tile extents have no page — the
// row-major tile id of column 3 of a 3-column tensor is column 0 of the next row — so each such
// tile is guarded. Conditions the index ranges prove true are left out.
struct TilePosition {
  KExpr page;
  std::vector<KExpr> inside; // all must hold for the tile to exist in DRAM
};

// The number of tiles (pages of `per` elements) of a tensor along one tile-grid dimension, when
// the size is a constant.
std::optional<int64_t> constTiles(const Expr &size, int64_t per) {
  auto n = asConstInt(size);
  if (!n)
    return std::nullopt;
  return (*n + per - 1) / per;
}

class TileLocator {
public:
  TileLocator(const TensorPlan &t, const Region &r, const IndexRanges &ranges, int64_t cbRows, int64_t cbCols)
      : t_(t), r_(r), ranges_(ranges), cbRows_(cbRows), cbCols_(cbCols) {}

  TilePosition at(const KExpr &row, const KExpr &col) const {
    size_t rank = r_.buffer->rank();
    TilePosition pos;
    if (rank == 1) { // a vector tile buffer is one row of tiles (tileGrid): its tile index is `col`
      const KExpr &count = t_.layout == VectorLayout::Row ? t_.tileCols : t_.tileRows;
      int64_t per = t_.layout == VectorLayout::Row ? t_.pageCols : t_.pageRows;
      Expr start = tileStart(r_.starts[0], per);
      pos.page = add(kIr(start), col);
      bound(pos, start, cbCols_, col, count, constTiles(r_.buffer->shape[0], per));
      return pos;
    }
    // The tensor as the host stores it (TensorPlan::order): a batch of the other dims, then the
    // tiles' rows and columns.
    const std::vector<size_t> &order = t_.order;
    for (size_t k = 0; k + 2 < rank; ++k)
      if (auto e = asConstInt(r_.extents[order[k]]); !e || *e != 1)
        fail(r_.loc, "copies of '" + r_.buffer->name + "' must move whole tiles of two of its dimensions "
                     "(the others are batch indices)");
    KExpr batch = kInt(0);
    for (size_t k = 0; k + 2 < rank; ++k) {
      size_t d = order[k];
      batch = add(mul(batch, t_.dims[d]), kIr(r_.starts[d]));
      auto dim = asConstInt(r_.buffer->shape[d]);
      auto idx = ranges_.of(r_.starts[d]);
      if (!dim || !idx || idx->hi >= *dim)
        pos.inside.push_back(kBinary(KOp::Lt, kIr(r_.starts[d]), t_.dims[d]));
    }
    size_t rowDim = order[rank - 2], colDim = order[rank - 1];
    Expr rowStart = tileStart(r_.starts[rowDim], t_.pageRows), colStart = tileStart(r_.starts[colDim], t_.pageCols);
    KExpr rowTile = add(kIr(rowStart), row), colTile = add(kIr(colStart), col);
    bound(pos, rowStart, cbRows_, row, t_.tileRows, constTiles(r_.buffer->shape[rowDim], t_.pageRows));
    bound(pos, colStart, cbCols_, col, t_.tileCols, constTiles(r_.buffer->shape[colDim], t_.pageCols));
    if (t_.columnMajorTiles)
      pos.page = add(mul(add(mul(batch, t_.tileCols), colTile), t_.tileRows), rowTile);
    else
      pos.page = add(mul(add(mul(batch, t_.tileRows), rowTile), t_.tileCols), colTile);
    return pos;
  }

private:
  const TensorPlan &t_;
  const Region &r_;
  const IndexRanges &ranges_;
  int64_t cbRows_, cbCols_;

  // The page index of a region start along a dimension whose pages hold `per` elements.
  Expr tileStart(const Expr &start, int64_t per) const {
    auto t = divideByTile(start, per);
    if (!t)
      fail(r_.loc, fmt::format("the region of '{}' starts at {}, which is not a multiple of {}; Tenstorrent moves "
                               "whole pages, here of {} elements along this dimension",
                               r_.buffer->name, printExpr(start), per, per));
    return *t;
  }

  // Adds `start + offset < count` unless every start the block can have, plus the last of the
  // `span` tiles the CB holds along this dimension, provably stays below the tensor's tile count.
  void bound(TilePosition &pos, const Expr &start, int64_t span, const KExpr &offset, const KExpr &count,
             std::optional<int64_t> constCount) const {
    auto range = ranges_.of(start);
    if (constCount && range && range->hi + span - 1 < *constCount)
      return;
    pos.inside.push_back(kBinary(KOp::Lt, add(kIr(start), offset), count));
  }
};

// One page of L1 set to zero (the reader's stand-in for a tile outside its tensor).
KBody zeroPage(const KExpr &addr, int pageBytes) {
  KExpr zeros = kName("zeros"), w = kName("w");
  return {kDecl(KType::L1Words, zeros, kL1Ptr(addr)),
          kFor(w, kInt(0), kInt(pageBytes / 4), {kAssign(kIndex(zeros, w), kInt(0))})};
}

// The C type of an integer tensor's elements, for widen_pages.
const char *integerCType(DType t) {
  switch (t) {
  case DType::Int8: return "int8_t";
  case DType::Int32: return "int32_t";
  case DType::UInt32: return "uint32_t";
  default: return "uint8_t";
  }
}

// The pieces of one tile transfer between a CB and DRAM, in order.
struct Transfer {
  KStmt comment;
  KStmt claim;    // reader: cb_reserve_back; writer: cb_wait_front
  KStmt addrDecl; // the running L1 address of the CB's pages
  KBody tiles;    // one NoC read or write per page
  KStmt barrier;
  KBody widen;    // reader of an integer tensor into a float32 tile: the pages converted in L1
  KStmt release;  // reader: cb_push_back; writer: cb_pop_front
  KBody all() const {
    KBody out = {comment, claim, addrDecl};
    append(out, tiles);
    out.push_back(barrier);
    append(out, widen);
    out.push_back(release);
    return out;
  }
};

// The semaphores and multicast endpoints of one multicast tile, by the names of its runtime args.
struct McastNames {
  std::string prefix;
  KExpr arg(const std::string &what) const { return kName(prefix + "_" + what); }
  // get_noc_multicast_addr over the receiving cores, at local address `l1`
  KExpr destinations(const KExpr &l1) const {
    return kCallExpr("get_noc_multicast_addr", {arg("dest_x0"), arg("dest_y0"), arg("dest_x1"), arg("dest_y1"), l1});
  }
};

class DataMovementLowering {
public:
  DataMovementLowering(TTProgram &p, bool reader) : p_(p), reader_(reader) {
    // Block indices run over the grid (every schedule skips positions outside it).
    const PrimFunc &f = *p.func;
    for (size_t d = 0; d < f.blockVars.size(); ++d)
      if (auto g = d < p.schedule.gridConst.size() ? p.schedule.gridConst[d] : std::nullopt; g && *g > 0)
        ranges_.bind(f.blockVars[d].get(), {0, *g - 1});
  }

  KBody lower(const Stmt &s) {
    if (auto *sq = s->as<Seq>()) {
      KBody out;
      for (const Stmt &x : sq->stmts)
        append(out, lower(x));
      return out;
    }
    if (auto *f = s->as<For>()) {
      auto lo = asConstInt(f->min), n = asConstInt(f->extent);
      if (lo && n && *n > 0)
        ranges_.bind(f->var.get(), {*lo, *lo + *n - 1});
      KBody body = lower(f->body);
      ranges_.unbind(f->var.get());
      if (body.empty())
        return {};
      return {kFor(kIr(f->var), kIr(f->min), add(kIr(f->min), kIr(f->extent)), body)};
    }
    if (auto *i = s->as<If>()) { // block-uniform (validate-tt): the same branch as compute's
      KBody then = lower(i->thenBody), otherwise = i->elseBody ? lower(i->elseBody) : KBody{};
      KBody out;
      if (!then.empty())
        out.push_back(kIf(kIr(i->cond), then));
      if (!otherwise.empty())
        out.push_back(kIf(kNot(kIr(i->cond)), otherwise));
      return out;
    }
    if (auto *l = s->as<LetStmt>()) {
      KBody out = {kDecl(KType::MaybeUnusedU32, kIr(l->var), kIr(l->value))};
      if (auto r = ranges_.of(l->value))
        ranges_.bind(l->var.get(), *r);
      append(out, lower(l->body));
      ranges_.unbind(l->var.get());
      return out;
    }
    if (auto *c = s->as<Copy>())
      return lowerCopy(*c);
    if (auto *m = s->as<Map>(); m && reader_ && isIndexTileMap(*m))
      return indexTile(*m);
    return {};
  }

private:
  TTProgram &p_;
  bool reader_;
  int counter_ = 0;
  IndexRanges ranges_; // of the block indices, loop variables and lets around the current copy

  KBody lowerCopy(const Copy &c) {
    bool fromDram = c.src.buffer->scope == Scope::Global, toDram = c.dst.buffer->scope == Scope::Global;
    if (fromDram)
      for (const McastPlan &m : p_.mcasts)
        if (m.copy == &c)
          return m.inWriter == !reader_ ? multicast(c, m) : KBody{};
    if (reader_ && fromDram)
      return transfer(c.src, c.dst.buffer, true, c.loc).all();
    if (!reader_ && toDram)
      return transfer(c.dst, c.src.buffer, false, c.loc).all();
    return {};
  }

  // An index tile (IndexTiles.cpp): every element's value computed from its row and column and
  // written as float32 into the CB's pages, tile by tile, face by face (a tile in L1 is four 16x16
  // faces, row-major inside each), one word per element. Costs ~1024 stores (plus the value's
  // integer arithmetic) per tile on the reader's RISC each time the map runs, and no NoC traffic.
  KBody indexTile(const Map &m) {
    const CbPlan *cb = p_.cbFor(m.dst.buffer);
    if (!cb)
      fail(m.loc, "internal: no circular buffer for '" + m.dst.buffer->name + "'");
    std::string base = cxxName(m.dst.buffer);
    Var tr = var("idx_tile_r"), tc = var("idx_tile_c"), face = var("face"), fr = var("face_r"), fc = var("face_c");
    // face / 2 and face % 2: which 16x16 quarter; a tile loop of one step is left out
    auto coord = [&](const Var &tile, int64_t tiles, BinaryOp quarter, const Var &within) {
      Expr inTile = add(mul(binary(quarter, face, intImm(2)), intImm(16)), within);
      return tiles > 1 ? add(mul(tile, intImm(kTile)), inTile) : inTile;
    };
    Expr row = coord(tr, cb->tileRows, BinaryOp::FloorDiv, fr), col = coord(tc, cb->tileCols, BinaryOp::FloorMod, fc);
    Expr value = substitute(m.value, {{m.axes[0].get(), row}, {m.axes[1].get(), col}});
    KExpr cbName = kName(cb->name), words = kName(base + "_words"), w = kName(base + "_w");
    KBody element = {kAssign(kIndex(words, w), kHelper("float_bits", {kIr(value)})), kAddAssign(w, kInt(1))};
    KBody loops = {kFor(kIr(fc), kInt(0), kInt(16), element)};
    loops = {kFor(kIr(fr), kInt(0), kInt(16), loops)};
    loops = {kFor(kIr(face), kInt(0), kInt(4), loops)};
    if (cb->tileCols > 1)
      loops = {kFor(kIr(tc), kInt(0), kInt(cb->tileCols), loops)};
    if (cb->tileRows > 1)
      loops = {kFor(kIr(tr), kInt(0), kInt(cb->tileRows), loops)};
    KBody out = {kComment(m.dst.buffer->name + " = " + printExpr(m.value) + ", built element by element"),
                 kCall("cb_reserve_back", {cbName, kInt(cb->valueTiles)}),
                 kDecl(KType::L1Words, words, kL1Ptr(kCallExpr("get_write_ptr", {cbName}))),
                 kDecl(KType::U32, w, kInt(0))};
    append(out, loops);
    out.push_back(kCall("cb_push_back", {cbName, kInt(cb->valueTiles)}));
    return out;
  }

  // The sender reads the tile from DRAM as usual, waits until every receiver has reserved its CB
  // slot (they increment its sender semaphore), multicasts the pages into the same L1 address on
  // each of them, then multicasts the VALID flag that releases them (same NoC, so the flag lands
  // after the data). Receivers reserve, reset their flag, report ready, wait for VALID.
  KBody multicast(const Copy &c, const McastPlan &m) {
    McastNames names{m.prefix};
    Transfer read = transfer(c.src, c.dst.buffer, true, c.loc);
    KExpr isSender = names.arg("is_sender");
    return {kComment(read.comment.text + (m.alongRow ? ", multicast along the core row" : ", multicast down the core column")),
            read.claim, kIf(isSender, send(read, *p_.cbFor(c.dst.buffer), names)), kIf(kNot(isSender), receive(names)),
            read.release};
  }

  static KBody send(const Transfer &read, const CbPlan &cb, const McastNames &names) {
    KExpr senderSem = names.arg("sender_sem"), receiverSem = names.arg("receiver_sem");
    KExpr receiverSemAddr = names.arg("receiver_sem_addr"), dests = names.arg("num_dests");
    KExpr l1 = kCallExpr("get_write_ptr", {kName(cb.name)});
    KExpr bytes = kBinary(KOp::Mul, kInt(cb.valueTiles), kInt(cb.pageBytes));
    KBody out = {read.addrDecl};
    append(out, read.tiles);
    out.push_back(read.barrier);
    out.push_back(kCall("noc_semaphore_wait", {senderSem, dests}));
    out.push_back(kCall("noc_semaphore_set", {senderSem, kInt(0)}));
    out.push_back(kCall("noc_async_write_multicast", {l1, names.destinations(l1), bytes, dests}));
    out.push_back(kCall("noc_async_writes_flushed"));
    out.push_back(kCall("noc_semaphore_set", {receiverSem, kConst(KConst::SemaphoreValid)}));
    out.push_back(kCall("noc_semaphore_set_multicast", {receiverSemAddr, names.destinations(receiverSemAddr), dests}));
    return out;
  }

  static KBody receive(const McastNames &names) {
    KExpr receiverSem = names.arg("receiver_sem");
    KExpr sender = kCallExpr("get_noc_addr", {names.arg("sender_x"), names.arg("sender_y"), names.arg("sender_sem_addr")});
    return {kCall("noc_semaphore_set", {receiverSem, kConst(KConst::SemaphoreInvalid)}),
            kCall("noc_semaphore_inc", {sender, kInt(1)}),
            kCall("noc_semaphore_wait", {receiverSem, kConst(KConst::SemaphoreValid)})};
  }

  // Moves every tile of `tile` between its CB and the DRAM region. The CB always carries the whole
  // tile (compute pushes and pops it whole), so a tile position outside the tensor still takes its
  // page of the CB: the reader fills it with zeros (what the host's padding and T.copy's
  // out-of-bounds reads give), the writer leaves it unwritten.
  Transfer transfer(const Region &dram, const Buffer &tile, bool read, SourceLoc loc) {
    const CbPlan *cb = p_.cbFor(tile);
    if (!cb)
      fail(loc, "internal: no circular buffer for '" + tile->name + "'");
    const TensorPlan &t = p_.tensors[p_.tensorIndex(dram.buffer)];
    KExpr acc = kName(cxxName(dram.buffer) + "_dram"), cbName = kName(cb->name);
    std::string suffix = counter_ ? std::to_string(counter_) : "";
    KExpr addr = kName(fmt::format("{}_l1_addr{}", cxxName(tile), suffix));
    ++counter_;
    KExpr n = kInt(cb->valueTiles);
    KExpr tileR = kName("tile_r"), tileC = kName("tile_c");
    KExpr row = cb->tileRows > 1 ? tileR : kInt(0), col = cb->tileCols > 1 ? tileC : kInt(0);
    TilePosition pos = TileLocator(t, dram, ranges_, cb->tileRows, cb->tileCols).at(row, col);
    // An integer tensor read into a float32 tile (widen-integer-tiles): each page lands in the top
    // of its float32 slot and is widened in place after the barrier (widen_pages, PrintKernels.cpp).
    bool widened = read && t.pageBytes < cb->pageBytes;
    KExpr pageAt = widened ? add(addr, kInt(cb->pageBytes - t.pageBytes)) : addr;
    KBody move = {kCall(read ? "read_page" : "write_page", {pos.page, acc, pageAt})};
    KBody perTile;
    if (pos.inside.empty()) {
      perTile = move;
    } else {
      KExpr inside = conjunction(pos.inside);
      perTile.push_back(kIf(inside, move));
      if (read)
        perTile.push_back(kIf(kNot(inside), zeroPage(addr, cb->pageBytes)));
    }
    perTile.push_back(kAddAssign(addr, kInt(cb->pageBytes)));
    KBody tiles = perTile;
    if (cb->tileCols > 1)
      tiles = {kFor(tileC, kInt(0), kInt(cb->tileCols), tiles)};
    if (cb->tileRows > 1)
      tiles = {kFor(tileR, kInt(0), kInt(cb->tileRows), tiles)};
    Transfer out;
    out.comment = kComment(fmt::format("{} {} {} {}", printRegion(dram), read ? "->" : "<-", tile->name,
                                       cb->valueTiles > 1 ? "(" + std::to_string(cb->valueTiles) + " tiles)" : ""));
    out.claim = kCall(read ? "cb_reserve_back" : "cb_wait_front", {cbName, n});
    out.addrDecl = kDecl(KType::U32, addr, kCallExpr(read ? "get_write_ptr" : "get_read_ptr", {cbName}));
    out.tiles = tiles;
    out.barrier = kCall(read ? "noc_async_read_barrier" : "noc_async_write_barrier");
    out.release = kCall(read ? "cb_push_back" : "cb_pop_front", {cbName, n});
    if (read && !isFloat(dram.buffer->dtype) && isFloat(tile->dtype))
      out.widen = {kDecl(KType::MaybeUnusedU32, kName(fmt::format("{}_widened{}", cxxName(tile), suffix)),
                         kHelper(fmt::format("widen_pages<{}>", integerCType(dram.buffer->dtype)),
                                 {kCallExpr("get_write_ptr", {cbName}), n}))};
    return out;
  }
};

// The scaler tile of reductions: every element 1.0 in bfloat16 (two per 32-bit word).
KBody fillScaler(const CbPlan &cb) {
  KExpr name = kName(cb.name), scaler = kName("scaler"), k = kName("k");
  return {kComment("the reduce scaler: one tile of 1.0, filled once"),
          kCall("cb_reserve_back", {name, kInt(1)}),
          kDecl(KType::L1Words, scaler, kL1Ptr(kCallExpr("get_write_ptr", {name}))),
          kFor(k, kInt(0), kInt(cb.pageBytes / 4), {kAssign(kIndex(scaler, k), kBf16PairBits(1.0))}),
          kCall("cb_push_back", {name, kInt(1)})};
}

// Each multicast's semaphores: their L1 addresses and word pointers.
KBody semaphores(const McastPlan &m) {
  KBody out;
  for (const char *which : {"sender", "receiver"}) {
    std::string base = m.prefix + "_" + which + "_sem";
    out.push_back(kDecl(KType::ConstU32, kName(base + "_addr"), kCallExpr("get_semaphore", {kName(base + "_id")})));
    out.push_back(kDecl(KType::L1Words, kName(base), kL1Ptr(kName(base + "_addr"))));
  }
  return out;
}

} // namespace

void lowerDataMovement(TTProgram &p) {
  DataMovementLowering reader(p, true), writer(p, false);
  p.reader.perBlock = reader.lower(p.func->body);
  p.writer.perBlock = writer.lower(p.func->body);
  if (const CbPlan *scaler = p.scalerCb())
    p.reader.prologue = fillScaler(*scaler);
  for (const McastPlan &m : p.mcasts) {
    KernelPlan &k = m.inWriter ? p.writer : p.reader;
    append(k.prologue, semaphores(m));
    // semaphore increments and multicasts complete before the kernel ends
    k.epilogue = {kCall("noc_async_write_barrier"), kCall("noc_async_atomic_barrier")};
  }
}

} // namespace tilec::tt
