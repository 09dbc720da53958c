// Reader and writer kernels: every Copy from DRAM into a tile becomes NoC reads into the tile's CB
// (reserve the whole tile, read its 32x32 pages through the tensor's address generator, one
// barrier, push), every Copy from a tile to DRAM becomes NoC writes out of the CB (wait, write,
// one barrier, pop). The loops around copies are kept, so both kernels walk the block body in the
// same order as compute — the order of pushes on a CB is the contract between its two kernels.
// The reader also fills the reduce scaler tile once, before the persistent loop.
#include "ir/Printer.h"
#include "target/tt/IndexRanges.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <fmt/format.h>
#include <functional>

namespace tilec::tt {

using namespace ir;

namespace {

std::string plus(const std::string &a, const std::string &b) {
  if (a == "0")
    return b;
  if (b == "0")
    return a;
  return a + " + " + b;
}
std::string times(const std::string &a, const std::string &b) {
  if (a == "0" || b == "0")
    return "0";
  if (a == "1")
    return b;
  if (b == "1")
    return a;
  auto wrap = [](const std::string &s) { return s.find_first_of("+-") == std::string::npos ? s : "(" + s + ")"; };
  return wrap(a) + " * " + wrap(b);
}

// Tile (row, col) of a copy's DRAM region: its page (tile id) and the conditions under which it
// lies inside the tensor, as C++. A block need not divide its tensor (`T.ceildiv(N, 64)` blocks
// of 64 columns over N = 96): the last block's tiles past the tensor's tile extents have no page —
// the row-major tile id of column 3 of a 3-column tensor is column 0 of the next row — so each
// such tile is guarded. Conditions the index ranges prove true are left out.
struct TilePosition {
  std::string page;
  std::vector<std::string> inside; // all must hold for the tile to exist in DRAM
};

// The number of tiles of a tensor along one tile-grid dimension, when the size is a constant.
std::optional<int64_t> constTiles(const Expr &size) {
  auto n = asConstInt(size);
  if (!n)
    return std::nullopt;
  return (*n + kTile - 1) / kTile;
}

class TileLocator {
public:
  TileLocator(const TensorPlan &t, const Region &r, const IndexRanges &ranges, int64_t cbRows, int64_t cbCols)
      : t_(t), r_(r), ranges_(ranges), cbRows_(cbRows), cbCols_(cbCols) {}

  TilePosition at(const std::string &row, const std::string &col) const {
    size_t rank = r_.buffer->rank();
    TilePosition pos;
    if (rank == 1) { // a vector tile buffer is one row of tiles (tileGrid): its tile index is `col`
      const std::string &count = t_.layout == VectorLayout::Row ? t_.tileCols : t_.tileRows;
      Expr start = tileStart(r_.starts[0]);
      pos.page = plus(cxx(start), col);
      bound(pos, start, cbCols_, col, count, constTiles(r_.buffer->shape[0]));
      return pos;
    }
    for (size_t d = 0; d + 2 < rank; ++d)
      if (auto e = asConstInt(r_.extents[d]); !e || *e != 1)
        fail(r_.loc, "copies of '" + r_.buffer->name + "' must move whole tiles of its last two dimensions "
                     "(the leading dimensions are batch indices)");
    std::string batch = "0";
    for (size_t d = 0; d + 2 < rank; ++d) {
      batch = plus(times(batch, t_.dims[d]), cxx(r_.starts[d]));
      auto dim = asConstInt(r_.buffer->shape[d]);
      auto idx = ranges_.of(r_.starts[d]);
      if (!dim || !idx || idx->hi >= *dim)
        pos.inside.push_back(cxx(r_.starts[d]) + " < " + t_.dims[d]);
    }
    Expr rowStart = tileStart(r_.starts[rank - 2]), colStart = tileStart(r_.starts[rank - 1]);
    std::string rowTile = plus(cxx(rowStart), row), colTile = plus(cxx(colStart), col);
    bound(pos, rowStart, cbRows_, row, t_.tileRows, constTiles(r_.buffer->shape[rank - 2]));
    bound(pos, colStart, cbCols_, col, t_.tileCols, constTiles(r_.buffer->shape[rank - 1]));
    if (t_.columnMajorTiles)
      pos.page = plus(times(plus(times(batch, t_.tileCols), colTile), t_.tileRows), rowTile);
    else
      pos.page = plus(times(plus(times(batch, t_.tileRows), rowTile), t_.tileCols), colTile);
    return pos;
  }

private:
  const TensorPlan &t_;
  const Region &r_;
  const IndexRanges &ranges_;
  int64_t cbRows_, cbCols_;

  Expr tileStart(const Expr &start) const {
    auto t = divideByTile(start);
    if (!t)
      fail(r_.loc, "the region of '" + r_.buffer->name + "' starts at " + printExpr(start) +
                       ", which is not a multiple of 32; Tenstorrent moves whole 32x32 tiles");
    return *t;
  }

  // Adds `start + offset < count` unless every start the block can have, plus the last of the
  // `span` tiles the CB holds along this dimension, provably stays below the tensor's tile count.
  void bound(TilePosition &pos, const Expr &start, int64_t span, const std::string &offset,
             const std::string &count, std::optional<int64_t> constCount) const {
    auto range = ranges_.of(start);
    if (constCount && range && range->hi + span - 1 < *constCount)
      return;
    std::string index = plus(cxx(start), offset);
    pos.inside.push_back((index.find_first_of("+-") == std::string::npos ? index : "(" + index + ")") + " < " +
                         (count.find_first_of("+-*/ ") == std::string::npos ? count : "(" + count + ")"));
  }
};

std::string conjunction(const std::vector<std::string> &conds) {
  std::string out;
  for (const std::string &c : conds)
    out += (out.empty() ? "" : " && ") + c;
  return out;
}

// One page of L1 set to zero (the reader's stand-in for a tile outside its tensor).
KBody zeroPage(const std::string &addr, int pageBytes) {
  return {kDecl("volatile tt_l1_ptr uint32_t* zeros", "reinterpret_cast<volatile tt_l1_ptr uint32_t*>(" + addr + ")"),
          kFor("w", "0", std::to_string(pageBytes / 4), {kRaw("zeros[w] = 0")})};
}

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
      return {kFor(cxxName(f->var), cxx(f->min), plus(cxx(f->min), cxx(f->extent)), body)};
    }
    if (auto *l = s->as<LetStmt>()) {
      KBody out = {kDecl("[[maybe_unused]] const uint32_t " + cxxName(l->var), cxx(l->value))};
      if (auto r = ranges_.of(l->value))
        ranges_.bind(l->var.get(), *r);
      append(out, lower(l->body));
      ranges_.unbind(l->var.get());
      return out;
    }
    if (auto *c = s->as<Copy>())
      return lowerCopy(*c);
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
      return transfer(c.src, c.dst.buffer, true, c.loc);
    if (!reader_ && toDram)
      return transfer(c.dst, c.src.buffer, false, c.loc);
    return {};
  }

  // The sender reads the tile from DRAM as usual, waits until every receiver has reserved its CB
  // slot (they increment its sender semaphore), multicasts the pages into the same L1 address on
  // each of them, then multicasts the VALID flag that releases them (same NoC, so the flag lands
  // after the data). Receivers reserve, reset their flag, report ready, wait for VALID.
  KBody multicast(const Copy &c, const McastPlan &m) {
    const CbPlan *cb = p_.cbFor(c.dst.buffer);
    std::string n = std::to_string(cb->valueTiles), pre = m.prefix;
    KBody read = transfer(c.src, c.dst.buffer, true, c.loc);
    // transfer() = [comment, reserve, addr decl, tiles..., barrier, push]: keep its middle part.
    std::string addr = read[2].text.substr(std::string("uint32_t ").size());
    KBody sender(read.begin() + 2, read.end() - 1);
    std::string mcastAddr = fmt::format("get_noc_multicast_addr({0}_dest_x0, {0}_dest_y0, {0}_dest_x1, {0}_dest_y1, ", pre);
    sender.push_back(kRaw(fmt::format("noc_semaphore_wait({0}_sender_sem, {0}_num_dests)", pre)));
    sender.push_back(kRaw(fmt::format("noc_semaphore_set({0}_sender_sem, 0)", pre)));
    sender.push_back(kRaw(fmt::format("noc_async_write_multicast(get_write_ptr({1}), {2}get_write_ptr({1})), {3} * {4}, {0}_num_dests)",
                                      pre, cb->name, mcastAddr, n, cb->pageBytes)));
    sender.push_back(kRaw("noc_async_writes_flushed()"));
    sender.push_back(kRaw(fmt::format("noc_semaphore_set({0}_receiver_sem, VALID)", pre)));
    sender.push_back(kRaw(fmt::format("noc_semaphore_set_multicast({0}_receiver_sem_addr, {1}{0}_receiver_sem_addr), {0}_num_dests)",
                                      pre, mcastAddr)));
    KBody receiver = {
        kRaw(fmt::format("noc_semaphore_set({0}_receiver_sem, INVALID)", pre)),
        kRaw(fmt::format("noc_semaphore_inc(get_noc_addr({0}_sender_x, {0}_sender_y, {0}_sender_sem_addr), 1)", pre)),
        kRaw(fmt::format("noc_semaphore_wait({0}_receiver_sem, VALID)", pre)),
    };
    KStmt branch = kIf(pre + "_is_sender", sender);
    KStmt otherwise = kIf("!" + pre + "_is_sender", receiver);
    (void)addr;
    return {kComment(read[0].text + (m.alongRow ? ", multicast along the core row" : ", multicast down the core column")),
            read[1], branch, otherwise, read.back()};
  }

  // Moves every tile of `tile` between its CB and the DRAM region. The CB always carries the whole
  // tile (compute pushes and pops it whole), so a tile position outside the tensor still takes its
  // page of the CB: the reader fills it with zeros (what the host's padding and T.copy's
  // out-of-bounds reads give), the writer leaves it unwritten.
  KBody transfer(const Region &dram, const Buffer &tile, bool read, SourceLoc loc) {
    const CbPlan *cb = p_.cbFor(tile);
    if (!cb)
      fail(loc, "internal: no circular buffer for '" + tile->name + "'");
    const TensorPlan &t = p_.tensors[p_.tensorIndex(dram.buffer)];
    std::string acc = cxxName(dram.buffer) + "_dram";
    std::string addr = fmt::format("{}_l1_addr{}", cxxName(tile), counter_ ? std::to_string(counter_) : "");
    ++counter_;
    std::string n = std::to_string(cb->valueTiles);
    std::string rowVar = cb->tileRows > 1 ? "tile_r" : "0", colVar = cb->tileCols > 1 ? "tile_c" : "0";
    TilePosition pos = TileLocator(t, dram, ranges_, cb->tileRows, cb->tileCols).at(rowVar, colVar);
    KBody move = {kCall(read ? "read_page" : "write_page", {pos.page, acc, addr})};
    KBody perTile;
    if (pos.inside.empty()) {
      perTile = move;
    } else {
      std::string inside = conjunction(pos.inside);
      perTile.push_back(kIf(inside, move));
      if (read)
        perTile.push_back(kIf("!(" + inside + ")", zeroPage(addr, cb->pageBytes)));
    }
    perTile.push_back(kRaw(addr + " += " + std::to_string(cb->pageBytes)));
    KBody tiles = perTile;
    if (cb->tileCols > 1)
      tiles = {kFor("tile_c", "0", std::to_string(cb->tileCols), tiles)};
    if (cb->tileRows > 1)
      tiles = {kFor("tile_r", "0", std::to_string(cb->tileRows), tiles)};
    KBody out;
    out.push_back(kComment(fmt::format("{} {} {} {}", printRegion(dram), read ? "->" : "<-", tile->name,
                                       cb->valueTiles > 1 ? "(" + n + " tiles)" : "")));
    if (read) {
      out.push_back(kCall("cb_reserve_back", {cb->name, n}));
      out.push_back(kDecl("uint32_t " + addr, "get_write_ptr(" + cb->name + ")"));
      append(out, tiles);
      out.push_back(kCall("noc_async_read_barrier", {}));
      out.push_back(kCall("cb_push_back", {cb->name, n}));
    } else {
      out.push_back(kCall("cb_wait_front", {cb->name, n}));
      out.push_back(kDecl("uint32_t " + addr, "get_read_ptr(" + cb->name + ")"));
      append(out, tiles);
      out.push_back(kCall("noc_async_write_barrier", {}));
      out.push_back(kCall("cb_pop_front", {cb->name, n}));
    }
    return out;
  }
};

// The scaler tile of reductions: every element 1.0 in bfloat16 (two per 32-bit word).
KBody fillScaler(const CbPlan &cb) {
  return {kComment("the reduce scaler: one tile of 1.0, filled once"),
          kCall("cb_reserve_back", {cb.name, "1"}),
          kDecl("volatile tt_l1_ptr uint32_t* scaler",
                "reinterpret_cast<volatile tt_l1_ptr uint32_t*>(get_write_ptr(" + cb.name + "))"),
          kFor("k", "0", std::to_string(cb.pageBytes / 4), {kRaw("scaler[k] = 0x3F803F80u")}),
          kCall("cb_push_back", {cb.name, "1"})};
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
    for (const char *which : {"sender", "receiver"}) {
      std::string base = m.prefix + "_" + which + "_sem";
      k.prologue.push_back(kDecl("const uint32_t " + base + "_addr", "get_semaphore(" + base + "_id)"));
      k.prologue.push_back(kDecl("volatile tt_l1_ptr uint32_t* " + base,
                                 "reinterpret_cast<volatile tt_l1_ptr uint32_t*>(" + base + "_addr)"));
    }
    // semaphore increments and multicasts complete before the kernel ends
    k.epilogue = {kCall("noc_async_write_barrier", {}), kRaw("noc_async_atomic_barrier()")};
  }
}

} // namespace tilec::tt
