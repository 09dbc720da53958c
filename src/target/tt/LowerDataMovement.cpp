// Reader and writer kernels: every Copy from DRAM into a tile becomes NoC reads into the tile's CB
// (reserve the whole tile, read its 32x32 pages through the tensor's address generator, one
// barrier, push), every Copy from a tile to DRAM becomes NoC writes out of the CB (wait, write,
// one barrier, pop). The loops around copies are kept, so both kernels walk the block body in the
// same order as compute — the order of pushes on a CB is the contract between its two kernels.
// The reader also fills the reduce scaler tile once, before the persistent loop.
#include "ir/Printer.h"
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

std::string tileStart(const Expr &start, const Region &r) {
  auto t = divideByTile(start);
  if (!t)
    fail(r.loc, "the region of '" + r.buffer->name + "' starts at " + printExpr(start) +
                    ", which is not a multiple of 32; Tenstorrent moves whole 32x32 tiles");
  return cxx(*t);
}

// The DRAM page (tile id) of tile (row, col) of the region, as C++.
std::string pageOf(const TensorPlan &t, const Region &r, const std::string &row, const std::string &col) {
  size_t rank = r.buffer->rank();
  if (rank == 1) // a vector tile buffer is one row of tiles (tileGrid): its tile index is `col`
    return plus(tileStart(r.starts[0], r), col);
  for (size_t d = 0; d + 2 < rank; ++d)
    if (auto e = asConstInt(r.extents[d]); !e || *e != 1)
      fail(r.loc, "copies of '" + r.buffer->name + "' must move whole tiles of its last two dimensions "
                  "(the leading dimensions are batch indices)");
  std::string batch = "0";
  for (size_t d = 0; d + 2 < rank; ++d)
    batch = plus(times(batch, t.dims[d]), cxx(r.starts[d]));
  std::string rowTile = plus(tileStart(r.starts[rank - 2], r), row);
  std::string colTile = plus(tileStart(r.starts[rank - 1], r), col);
  if (t.columnMajorTiles)
    return plus(times(plus(times(batch, t.tileCols), colTile), t.tileRows), rowTile);
  return plus(times(plus(times(batch, t.tileRows), rowTile), t.tileCols), colTile);
}

class DataMovementLowering {
public:
  DataMovementLowering(TTProgram &p, bool reader) : p_(p), reader_(reader) {}

  KBody lower(const Stmt &s) {
    if (auto *sq = s->as<Seq>()) {
      KBody out;
      for (const Stmt &x : sq->stmts)
        append(out, lower(x));
      return out;
    }
    if (auto *f = s->as<For>()) {
      KBody body = lower(f->body);
      if (body.empty())
        return {};
      return {kFor(cxxName(f->var), cxx(f->min), plus(cxx(f->min), cxx(f->extent)), body)};
    }
    if (auto *l = s->as<LetStmt>()) {
      KBody out = {kDecl("[[maybe_unused]] const uint32_t " + cxxName(l->var), cxx(l->value))};
      append(out, lower(l->body));
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

  // Moves every tile of `tile` between its CB and the DRAM region.
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
    KBody perTile = {kCall(read ? "read_page" : "write_page", {pageOf(t, dram, rowVar, colVar), acc, addr}),
                     kRaw(addr + " += " + std::to_string(cb->pageBytes))};
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
