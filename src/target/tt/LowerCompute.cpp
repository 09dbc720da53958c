// The compute kernel. Tile buffers live in CBs; at any point of the block body the compiler knows
// which of them compute "holds" (their whole value waited for at the CB front). Tile ops become
// DST-blocked loops (docs/TT_BACKEND.md):
//   - a destination of n tiles is computed in chunks of c tiles, c the largest divisor of n whose
//     c x (slots per tile) fits DST (8 tiles of 16-bit, 4 with fp32 accumulation); per chunk:
//     acquire, compute into DST, commit, wait, reserve, pack, push, release;
//   - overwriting a held intermediate first pops its old value; afterwards compute waits for the
//     new one (it is both producer and consumer of intermediate CBs);
//   - updating a tile in place (C += A @ B, x = f(x), a reduction with clear=False) rotates its CB:
//     each chunk's old tiles are reloaded from the front (copy_tile: the partial-result reload),
//     popped, and the new tiles pushed at the back — after a full pass the order is restored;
//   - a tile the reader fills is waited for at its T.copy and popped when the next value arrives
//     or when its loop iteration / block ends, so the reader can run a stage ahead.
// The K loop of a GEMM whose accumulator fits DST keeps the accumulator in DST across the whole
// loop instead (acquire before, pack after): no spill and no reload.
#include "target/tt/BufferUses.h"
#include "target/tt/ComputeBuilder.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <fmt/format.h>
#include <functional>
#include <optional>

namespace tilec::tt {

using namespace ir;

namespace {

using PerTile = std::function<void(const TileSite &, Slot, KBody &)>;

int largestDivisorAtMost(int n, int limit) {
  for (int c = std::min(n, limit); c > 1; --c)
    if (n % c == 0)
      return c;
  return 1;
}

std::vector<Stmt> flatten(const Stmt &s) {
  if (auto *sq = s->as<Seq>())
    return sq->stmts;
  return {s};
}

// Index arithmetic as readable C++: "0" and "1" fold away, compound operands get parentheses.
std::string paren(const std::string &x) { return x.find(' ') == std::string::npos ? x : "(" + x + ")"; }
std::string scaled(const std::string &x, int64_t k) {
  if (x == "0" || k == 0)
    return "0";
  return k == 1 ? x : paren(x) + " * " + std::to_string(k);
}
std::string divided(const std::string &x, int64_t k) {
  if (x == "0")
    return "0";
  return k == 1 ? x : paren(x) + " / " + std::to_string(k);
}
std::string modulo(const std::string &x, int64_t k) {
  if (x == "0" || k == 1)
    return "0";
  return paren(x) + " % " + std::to_string(k);
}

// Does any statement of `body` spell the identifier `name`?
bool mentionsName(const KBody &body, const std::string &name) {
  auto in = [&](const std::string &text) {
    for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
      auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
      bool before = at > 0 && word(text[at - 1]), after = at + name.size() < text.size() && word(text[at + name.size()]);
      if (!before && !after)
        return true;
    }
    return false;
  };
  for (const KStmt &s : body) {
    if (in(s.text) || in(s.init) || in(s.end) || mentionsName(s.body, name))
      return true;
    for (const std::string &a : s.args)
      if (in(a))
        return true;
  }
  return false;
}

bool isZeroFill(const Stmt &s, const Buffer &b) {
  auto *f = s->as<Fill>();
  if (!f || f->dst.buffer != b)
    return false;
  auto *x = f->value->as<FloatImm>();
  auto *i = f->value->as<IntImm>();
  return (x && x->value == 0) || (i && i->value == 0);
}

class ComputeLowering {
public:
  explicit ComputeLowering(TTProgram &p) : p_(p) {
    std::set<int> formats;
    for (const CbPlan &cb : p.cbs)
      if (cb.role == CbRole::Output || cb.role == CbRole::Intermediate)
        formats.insert(static_cast<int>(cb.dtype));
    mixedPackFormats_ = formats.size() > 1;
  }

  KBody lowerBlock(const Stmt &body) {
    inits_.current = "";
    inits_.keys.clear();
    KBody out = lower(body);
    std::set<std::string> keys(inits_.keys.begin(), inits_.keys.end());
    if (keys.size() == 1) { // one op family for the whole kernel: initialise it once, up front
      hoistedInit = inits_.initFor.at(*keys.begin());
      removeCalls(out, *hoistedInit);
    }
    // in CB order, not pointer order: the printed kernel must not depend on where nodes live
    for (const CbPlan &cb : p_.cbs)
      if (cb.buffer && held_[cb.buffer.get()]) {
        out.push_back(kCall("cb_pop_front", {cb.name, std::to_string(cb.valueTiles)}));
        held_[cb.buffer.get()] = false;
      }
    return out;
  }

  std::string firstFamily;
  std::vector<std::string> firstCbs;
  std::optional<KStmt> hoistedInit;

private:
  static void removeCalls(KBody &body, const KStmt &call) {
    for (size_t i = 0; i < body.size();) {
      KStmt &s = body[i];
      if (s.kind == KStmt::Kind::Call && s.op == call.op && s.args == call.args && s.tmpl == call.tmpl) {
        body.erase(body.begin() + i);
        continue;
      }
      removeCalls(s.body, call);
      ++i;
    }
  }

  TTProgram &p_;
  std::map<const BufferNode *, bool> held_;
  InitTracker inits_;
  bool mixedPackFormats_ = false;
  const BufferNode *residentAcc_ = nullptr; // accumulator kept in DST across the current K loop
  bool l1AccPack_ = false;                  // packs add onto the CB page (partials stay in L1)
  // When set, computes a whole DST chunk (its first tile's index given) in place of the per-tile passes.
  std::function<void(const std::string &, KBody &)> chunkPass_;
  // When > 0, the chunk's DST holds C's tiles column-major (colRows_ rows of colCols_ tiles): the packer
  // reads slot (u % colCols_) * colRows_ + u / colCols_ for the chunk's u-th (row-major) tile.
  int64_t colRows_ = 0, colCols_ = 0;

  const CbPlan *cbOf(const BufferNode *b) const {
    for (const CbPlan &cb : p_.cbs)
      if (cb.buffer.get() == b)
        return &cb;
    return nullptr;
  }
  const CbPlan &cbOf(const Buffer &b, SourceLoc loc) const {
    const CbPlan *cb = cbOf(b.get());
    if (!cb)
      fail(loc, "internal: no circular buffer for '" + b->name + "'");
    return *cb;
  }
  void note(const std::string &family, std::vector<std::string> cbs) {
    if (firstFamily.empty()) {
      firstFamily = family;
      firstCbs = std::move(cbs);
    }
  }

  // ---- structure ----

  KBody lower(const Stmt &s) {
    if (auto *sq = s->as<Seq>())
      return lowerSeq(sq->stmts);
    if (auto *f = s->as<For>())
      return lowerFor(*f, false);
    if (auto *l = s->as<LetStmt>()) {
      KBody out = {kDecl("[[maybe_unused]] const uint32_t " + cxxName(l->var), cxx(l->value))};
      append(out, lower(l->body));
      return out;
    }
    if (auto *c = s->as<Copy>())
      return lowerCopy(*c);
    if (auto *m = s->as<Map>())
      return lowerMap(m->axes, m->dst, m->value, m->loc);
    if (auto *f = s->as<Fill>())
      return lowerMap({}, f->dst, f->value, f->loc);
    if (auto *r = s->as<Reduce>())
      return lowerReduce(*r);
    if (auto *g = s->as<Gemm>())
      return lowerGemm(*g);
    return {};
  }

  KBody lowerSeq(const std::vector<Stmt> &stmts) {
    KBody out;
    for (size_t i = 0; i < stmts.size(); ++i) {
      // T.clear(C) right before a K loop that keeps C in DST: DST starts zeroed, nothing to fill.
      if (i + 1 < stmts.size()) {
        auto *loop = stmts[i + 1]->as<For>();
        if (loop && residentAccumulator(*loop) && isZeroFill(stmts[i], residentAccumulator(*loop)->c.buffer) &&
            !held_[residentAccumulator(*loop)->c.buffer.get()]) {
          append(out, lowerFor(*loop, true));
          ++i;
          continue;
        }
      }
      append(out, lower(stmts[i]));
    }
    return out;
  }

  // A K loop [copies..., gemm into C] whose C fits DST and is touched by nothing else in the loop.
  const Gemm *residentAccumulator(const For &loop) const {
    const Gemm *gemm = nullptr;
    for (const Stmt &s : flatten(loop.body)) {
      if (auto *g = s->as<Gemm>()) {
        if (gemm)
          return nullptr;
        gemm = g;
        continue;
      }
      auto *c = s->as<Copy>();
      if (!c || c->src.buffer->scope != Scope::Global)
        return nullptr;
    }
    if (!gemm || gemm->clearAccum || gemm->transposeA) // transposing A needs DST inside the loop
      return nullptr;
    const CbPlan *cb = cbOf(gemm->c.buffer.get());
    if (!cb || cb->role != CbRole::Intermediate || cb->valueTiles > p_.compute.dstTiles)
      return nullptr;
    return gemm;
  }

  KBody lowerFor(const For &f, bool startsZeroed) {
    auto entry = held_;
    const Gemm *resident = residentAccumulator(f);
    KBody before, after;
    if (resident && (startsZeroed || held_[resident->c.buffer.get()])) {
      const CbPlan &acc = cbOf(resident->c.buffer, resident->loc);
      std::string n = std::to_string(acc.valueTiles);
      before.push_back(kComment(resident->c.buffer->name + " stays in DST for the whole K loop"));
      before.push_back(kCall("tile_regs_acquire", {}));
      if (!startsZeroed) {
        inits_.ensure(before, "copy:" + acc.name, kCall("copy_init", {acc.name}));
        before.push_back(kFor("u", "0", n, {kCall("copy_tile", {acc.name, "u", "u"})}));
        before.push_back(kCall("cb_pop_front", {acc.name, n}));
      }
      residentAcc_ = resident->c.buffer.get();
      held_[residentAcc_] = false;
      entry[residentAcc_] = false;
      after = packChunk(acc, acc.valueTiles, 1, false);
      after.push_back(kCall("cb_wait_front", {acc.name, n}));
    }
    inits_.current = "";
    KBody body = lower(f.body);
    for (const CbPlan &cb : p_.cbs)
      if (cb.buffer && held_[cb.buffer.get()] && !entry[cb.buffer.get()]) {
        body.push_back(kCall("cb_pop_front", {cb.name, std::to_string(cb.valueTiles)}));
        held_[cb.buffer.get()] = false;
      }
    inits_.current = "";
    if (residentAcc_ && resident) {
      held_[residentAcc_] = true;
      residentAcc_ = nullptr;
    }
    if (body.empty())
      return {};
    KBody out = before;
    std::string var = cxxName(f.var);
    std::string end = cxxPlus(cxx(f.min), cxx(f.extent));
    out.push_back(kFor(var, cxx(f.min), end, body));
    append(out, after);
    return out;
  }

  // ---- copies ----

  KBody lowerCopy(const Copy &c) {
    bool fromDram = c.src.buffer->scope == Scope::Global, toDram = c.dst.buffer->scope == Scope::Global;
    if (toDram)
      return {}; // the writer drains it; compute produced it where it was defined
    if (fromDram) {
      const CbPlan &cb = cbOf(c.dst.buffer, c.loc);
      if (cb.role == CbRole::Passthrough)
        return {};
      KBody out = popIfHeld(cb);
      out.push_back(kCall("cb_wait_front", {cb.name, std::to_string(cb.valueTiles)}));
      held_[cb.buffer.get()] = true;
      return out;
    }
    // tile → tile: an element-wise map of the identity (pack converts the data format)
    for (const Region *r : {&c.src, &c.dst})
      for (size_t d = 0; d < r->buffer->rank(); ++d)
        if (asConstInt(r->starts[d]).value_or(1) != 0 || printExpr(r->extents[d]) != printExpr(r->buffer->shape[d]))
          fail(c.loc, "copies between tiles must copy whole tiles on Tenstorrent");
    std::vector<Var> axes;
    std::vector<Expr> idx;
    for (size_t d = 0; d < c.dst.buffer->rank(); ++d) {
      axes.push_back(var(d == 0 ? "i" : "j"));
      idx.push_back(axes.back());
    }
    if (c.src.buffer->rank() != c.dst.buffer->rank())
      fail(c.loc, "copies between tiles of different ranks are not supported on Tenstorrent");
    return lowerMap(axes, c.dst, load(c.src.buffer, idx, c.loc), c.loc);
  }

  // ---- the CB protocol of a destination ----

  KBody popIfHeld(const CbPlan &cb) {
    if (!held_[cb.buffer.get()])
      return {};
    held_[cb.buffer.get()] = false;
    return {kCall("cb_pop_front", {cb.name, std::to_string(cb.valueTiles)})};
  }

  void requireHeld(const BufferNode *b, SourceLoc loc) {
    const CbPlan *cb = cbOf(b);
    if (!cb || cb->role == CbRole::Scaler || held_[b])
      return;
    fail(loc, "'" + b->name + "' is read here before any value was written to it (T.clear or T.fill it first)");
  }

  KBody packChunk(const CbPlan &dst, int c, int slotsPerTile, bool rotate) {
    KBody out = {kCall("tile_regs_commit", {})};
    if (rotate)
      out.push_back(kCall("cb_pop_front", {dst.name, std::to_string(c)}));
    out.push_back(kCall("tile_regs_wait", {}));
    out.push_back(kCall("cb_reserve_back", {dst.name, std::to_string(c)}));
    if (mixedPackFormats_)
      out.push_back(kCall("pack_reconfig_data_format", {dst.name}));
    std::string slot = slotsPerTile == 1 ? "u" : "u * " + std::to_string(slotsPerTile);
    if (colRows_ > 0 && c == colRows_ * colCols_)
      slot = cxxPlus(scaled(modulo("u", colCols_), colRows_), divided("u", colCols_));
    if (l1AccPack_)
      out.push_back(kCall("pack_reconfig_l1_acc", {"1"}));
    if (c == 1)
      out.push_back(kCall("pack_tile", {"0", dst.name}));
    else
      out.push_back(kFor("u", "0", std::to_string(c), {kCall("pack_tile", {slot, dst.name})}));
    if (l1AccPack_)
      out.push_back(kCall("pack_reconfig_l1_acc", {"0"}));
    out.push_back(kCall("cb_push_back", {dst.name, std::to_string(c)}));
    out.push_back(kCall("tile_regs_release", {}));
    return out;
  }

  // One pass over the tiles of a chunk; its init hoisted out of the loop when it needs only one.
  KBody tilePass(const PerTile &perTile, int c, int k, bool chunked) {
    auto generate = [&](KBody &body) {
      TileSite site;
      site.t = c == 1 ? (chunked ? "t0" : "0") : (chunked ? "t" : "u");
      site.u = c == 1 ? "0" : "u";
      Slot slot{c == 1 ? "0" : (k == 1 ? "u" : "u * " + std::to_string(k)), 0};
      KBody tile;
      perTile(site, slot, tile);
      if (c > 1 && chunked && mentionsName(tile, "t"))
        body.push_back(kDecl("const uint32_t t", "t0 + u"));
      append(body, tile);
    };
    return hoisted(generate, [&](KBody body) -> KBody {
      if (c == 1)
        return body;
      return {kFor("u", "0", std::to_string(c), body)};
    });
  }

  // Generates `gen`'s code once in a dry run; if it needed exactly one init, that init goes before
  // `wrap` (a loop) and the real body has none.
  KBody hoisted(const std::function<void(KBody &)> &gen, const std::function<KBody(KBody)> &wrap) {
    InitTracker saved = inits_;
    inits_.current = "";
    inits_.keys.clear();
    KBody scratch;
    gen(scratch);
    std::set<std::string> keys(inits_.keys.begin(), inits_.keys.end());
    std::map<std::string, KStmt> initFor = inits_.initFor;
    inits_ = saved;
    KBody out;
    if (keys.size() == 1)
      inits_.ensure(out, *keys.begin(), initFor.at(*keys.begin()));
    else
      inits_.current = "";
    KBody body;
    gen(body);
    append(out, wrap(body));
    if (keys.size() > 1)
      inits_.current = "";
    return out;
  }

  // Computes every tile of `dst` chunk by chunk; `passes` run in order within each chunk.
  KBody produce(const CbPlan &dst, int slotsPerTile, bool rotate, const std::vector<PerTile> &passes,
                SourceLoc loc) {
    if (slotsPerTile > p_.compute.dstTiles)
      fail(loc, fmt::format("this expression needs {} DST tiles at once but only {} fit; split it into "
                            "several statements",
                            slotsPerTile, p_.compute.dstTiles));
    int n = dst.valueTiles;
    int c = largestDivisorAtMost(n, p_.compute.dstTiles / slotsPerTile);
    bool chunked = n > c;
    auto chunkBody = [&](KBody &body) {
      body.push_back(kCall("tile_regs_acquire", {}));
      if (chunkPass_)
        chunkPass_(chunked ? "t0" : "0", body);
      else
        for (const PerTile &pass : passes)
          append(body, tilePass(pass, c, slotsPerTile, chunked));
      append(body, packChunk(dst, c, slotsPerTile, rotate));
    };
    return hoisted(chunkBody, [&](KBody body) -> KBody {
      if (!chunked)
        return body;
      KStmt loop = kFor("t0", "0", std::to_string(n), body);
      loop.step = std::to_string(c);
      return {loop};
    });
  }

  // Writes a new value into `dst`: Output CBs are simply produced; intermediates are popped first
  // (overwrite) or rotated (update), then held again.
  KBody define(const CbPlan &dst, bool update, int slotsPerTile, const std::vector<PerTile> &passes,
               SourceLoc loc) {
    KBody out;
    if (dst.role == CbRole::Output) {
      append(out, produce(dst, slotsPerTile, false, passes, loc));
      return out;
    }
    if (update)
      requireHeld(dst.buffer.get(), loc);
    else
      append(out, popIfHeld(dst));
    append(out, produce(dst, slotsPerTile, update, passes, loc));
    out.push_back(kCall("cb_wait_front", {dst.name, std::to_string(dst.valueTiles)}));
    held_[dst.buffer.get()] = true;
    return out;
  }

  // ---- tile ops ----

  KBody lowerMap(const std::vector<Var> &axes, const Region &dstRegion, const Expr &value, SourceLoc loc) {
    const CbPlan &dst = cbOf(dstRegion.buffer, loc);
    for (size_t d = 0; d < dstRegion.buffer->rank(); ++d)
      if (asConstInt(dstRegion.starts[d]).value_or(1) != 0 ||
          printExpr(dstRegion.extents[d]) != printExpr(dstRegion.buffer->shape[d]))
        fail(loc, "element-wise updates of part of the tile '" + dstRegion.buffer->name +
                      "' are not supported on Tenstorrent; compute the whole tile");
    ExprTensorizer tensorizer(p_, axes, inits_, dst.name);
    bool update = readsBuffer(value, dst.buffer.get());
    for (const BufferNode *b : tensorizer.operands(value))
      if (b != dst.buffer.get())
        requireHeld(b, loc);
    int k = tensorizer.slotsNeeded(value);
    TileSite base;
    base.dstCols = dst.tileCols;
    base.dst2d = dstRegion.buffer->rank() == 2;
    base.rotating = update ? dst.buffer.get() : nullptr;
    PerTile pass = [&, base](const TileSite &site, Slot slot, KBody &out) {
      TileSite s = base;
      s.t = site.t;
      s.u = site.u;
      tensorizer.emit(value, s, slot, out);
    };
    KBody out = define(dst, update, k, {pass}, loc);
    if (!tensorizer.firstFamily.empty())
      note(tensorizer.firstFamily, {tensorizer.firstCbs.first, tensorizer.firstCbs.second, dst.name});
    return out;
  }

  // transpose_A: A^T's tile (r, k) is the transpose of A's tile (k, r), written into a scratch CB.
  KBody transposeOperand(const Gemm &g, const CbPlan &src) {
    const CbPlan &dst = cbOf(p_.transposedA.at(&g), g.loc);
    int64_t kt = dst.tileCols, mt = dst.tileRows;
    PerTile pass = [&, kt, mt](const TileSite &site, Slot slot, KBody &out) {
      inits_.ensure(out, "transpose:" + src.name, kCall("transpose_init", {src.name}));
      std::string idx = cxxPlus(scaled(modulo(site.t, kt), mt), divided(site.t, kt));
      out.push_back(kCall("transpose_tile", {src.name, idx, slot.str()}));
    };
    return define(dst, false, 1, {pass}, g.loc);
  }

  KBody lowerGemm(const Gemm &g) {
    KBody prep;
    if (g.transposeA) {
      requireHeld(g.a.buffer.get(), g.loc);
      prep = transposeOperand(g, cbOf(g.a.buffer, g.loc));
    }
    const CbPlan &a = g.transposeA ? cbOf(p_.transposedA.at(&g), g.loc) : cbOf(g.a.buffer, g.loc);
    const CbPlan &b = cbOf(g.b.buffer, g.loc), &c = cbOf(g.c.buffer, g.loc);
    requireHeld(a.buffer.get(), g.loc);
    requireHeld(b.buffer.get(), g.loc);
    int64_t kt = a.tileCols, nt = c.tileCols;
    if ((g.transposeB ? b.tileCols : b.tileRows) != kt || (g.transposeB ? b.tileRows : b.tileCols) != nt ||
        a.tileRows != c.tileRows)
      fail(g.loc, "T.gemm operand shapes do not agree");
    std::string tr = g.transposeB ? "1" : "0"; // the transpose parameter is a uint32_t at both levels
    note("matmul", {a.name, b.name, c.name});
    auto matmuls = [&, kt, nt, tr](const TileSite &site, Slot slot, KBody &out) {
      inits_.ensure(out, "matmul:" + a.name + b.name + tr, kCall("matmul_init", {a.name, b.name, tr}));
      std::string row = divided(site.t, nt), col = modulo(site.t, nt);
      std::string kVar = kt == 1 ? "0" : "kk";
      std::string aIdx = cxxPlus(scaled(row, kt), kVar);
      std::string bIdx = g.transposeB ? cxxPlus(scaled(col, kt), kVar) : cxxPlus(scaled(kVar, nt), col);
      KStmt mm = kCall("matmul_tiles", {a.name, b.name, aIdx, bIdx, slot.str(), tr});
      if (kt == 1)
        out.push_back(mm);
      else
        out.push_back(kFor("kk", "0", std::to_string(kt), {mm}));
    };
    // matmul_block saves unpacks but issues one unpack -> math step per rt x ct tiles, so the math of a
    // block waits for all of its operands. At HiFi4 a per-tile matmul is already math-bound (64 cycles
    // against ~52 to unpack both bf16 tiles on wormhole), the saving buys nothing and the coarser overlap
    // costs cycles (flash_attention 20149 -> 20199, gemm.py 7615 -> 7717 on tt-sim; HiFi3, 48 cycles, is
    // mixed: 19629 -> 19623, 7419 -> 7461); so the paths below that only matmul_block takes (DST-resident
    // accumulator, transpose_B by columns) are for LoFi and HiFi2.
    bool blockPays = p_.compute.mathFidelity == "LoFi" || p_.compute.mathFidelity == "HiFi2";
    if (residentAcc_ == c.buffer.get()) {
      // Accumulator already in DST slots 0..n-1 (TileSite t == slot).
      KBody out;
      // The whole accumulator is one rt x nt rectangle at DST[0 ..): one matmul_block per K tile. With
      // transpose_B the in1 tiles of a row are kt apart and DST's layout is fixed here, so only nt == 1
      // (or kt == 1) fits.
      int64_t rtAll = nt > 0 ? c.valueTiles / nt : 0;
      if (blockPays && c.valueTiles > 1 && rtAll * nt == c.valueTiles && rtAll == c.tileRows &&
          (!g.transposeB || nt == 1 || kt == 1)) {
        std::vector<std::string> dimArgs = {std::to_string(nt), std::to_string(rtAll), std::to_string(kt)};
        std::string key = "matmul_block:" + a.name + b.name + tr + fmt::format("{}x{}x{}", rtAll, nt, kt);
        inits_.ensure(out, key, kCall("matmul_block_init", {a.name, b.name, tr, dimArgs[0], dimArgs[1], dimArgs[2]}));
        std::string kVar = kt == 1 ? "0" : "kk";
        std::string bIdx = g.transposeB ? kVar : scaled(kVar, nt);
        KStmt mm = kCall("matmul_block", {a.name, b.name, kVar, bIdx, "0", tr, dimArgs[0], dimArgs[1], dimArgs[2]});
        if (kt == 1)
          out.push_back(mm);
        else
          out.push_back(kFor("kk", "0", std::to_string(kt), {mm}));
        return out;
      }
      inits_.ensure(out, "matmul:" + a.name + b.name + tr, kCall("matmul_init", {a.name, b.name, tr}));
      TileSite site;
      site.t = c.valueTiles == 1 ? "0" : "u";
      Slot slot{site.t, 0};
      KBody body;
      matmuls(site, slot, body);
      if (c.valueTiles == 1) {
        append(out, body);
        return out;
      }
      out.push_back(kFor("u", "0", std::to_string(c.valueTiles), body));
      return out;
    }
    bool accumulate = !g.clearAccum;
    if (accumulate && c.role != CbRole::Intermediate)
      fail(g.loc, "T.gemm accumulates into '" + g.c.buffer->name + "', which is only written to DRAM; "
                  "use clear_accum=True or accumulate in a fragment");
    // The partial results are not reloaded into DST: the packer adds the new products onto them
    // in L1 (pack_reconfig_l1_acc). Rotation puts each tile back on the page it was popped from,
    // whose bytes still hold the old partial.
    l1AccPack_ = accumulate;
    // matmul_block over each DST chunk when the chunk is an rt x ct rectangle of C's tiles: one call per
    // K tile multiplies an rt x 1 column of A by a 1 x ct row of B (in0 rows kt tiles apart, in1 tiles of
    // a row adjacent), writing DST[0 .. rt*ct) row-major, which is the chunk's slot order. With
    // transpose_B the in1 tiles of a row are kt apart, so only ct == 1 (or kt == 1) fits.
    int chunk = largestDivisorAtMost(int(c.valueTiles), p_.compute.dstTiles);
    int64_t rt = 0, ct = 0;
    if (chunk <= nt && nt % chunk == 0)
      rt = 1, ct = chunk;
    else if (chunk % nt == 0)
      rt = chunk / nt, ct = nt;
    if (rt * ct > 1 && (!g.transposeB || ct == 1 || kt == 1)) {
      std::string dims = fmt::format("{}x{}x{}", rt, ct, kt);
      std::string key = "matmul_block:" + a.name + b.name + tr + dims;
      std::vector<std::string> dimArgs = {std::to_string(ct), std::to_string(rt), std::to_string(kt)};
      KStmt init = kCall("matmul_block_init", {a.name, b.name, tr, dimArgs[0], dimArgs[1], dimArgs[2]});
      chunkPass_ = [&, kt, nt, tr, key, init, dimArgs](const std::string &t0, KBody &out) {
        inits_.ensure(out, key, init);
        std::string row = divided(t0, nt), col = modulo(t0, nt);
        std::string kVar = kt == 1 ? "0" : "kk";
        std::string aIdx = cxxPlus(scaled(row, kt), kVar);
        std::string bIdx = g.transposeB ? cxxPlus(scaled(col, kt), kVar) : cxxPlus(scaled(kVar, nt), col);
        KStmt mm = kCall("matmul_block", {a.name, b.name, aIdx, bIdx, "0", tr, dimArgs[0], dimArgs[1], dimArgs[2]});
        if (kt == 1)
          out.push_back(mm);
        else
          out.push_back(kFor("kk", "0", std::to_string(kt), {mm}));
      };
    } else if (blockPays && g.transposeB && rt > 1 && ct > 1 && kt > 1) {
      // transpose_B: in1's tiles for one output column are adjacent (B's row), so each call takes one
      // column of the chunk (ct_dim = 1, rt_dim = rt; B's tile reused down the column) into DST held
      // column-major; the packer reads it back in C's row-major order.
      std::string dims = fmt::format("{}x1x{}", rt, kt);
      std::string key = "matmul_block:" + a.name + b.name + tr + dims;
      std::vector<std::string> dimArgs = {"1", std::to_string(rt), std::to_string(kt)};
      KStmt init = kCall("matmul_block_init", {a.name, b.name, tr, dimArgs[0], dimArgs[1], dimArgs[2]});
      colRows_ = rt, colCols_ = ct;
      chunkPass_ = [&, kt, nt, rt, ct, tr, key, init, dimArgs](const std::string &t0, KBody &out) {
        inits_.ensure(out, key, init);
        std::string row = divided(t0, nt); // chunks are whole rows of C (ct == nt)
        std::string aIdx = cxxPlus(scaled(row, kt), "kk");
        std::string bIdx = cxxPlus(scaled("jc", kt), "kk");
        KStmt mm = kCall("matmul_block",
                         {a.name, b.name, aIdx, bIdx, scaled("jc", rt), tr, dimArgs[0], dimArgs[1], dimArgs[2]});
        out.push_back(kFor("jc", "0", std::to_string(ct), {kFor("kk", "0", std::to_string(kt), {mm})}));
      };
    }
    KBody out = define(c, accumulate, 1, {matmuls}, g.loc);
    chunkPass_ = nullptr;
    colRows_ = colCols_ = 0;
    l1AccPack_ = false;
    prep.insert(prep.end(), out.begin(), out.end());
    return prep;
  }

  KBody lowerReduce(const Reduce &r) {
    requireHeld(r.src.buffer.get(), r.loc);
    bool min = r.reduceKind == ReduceKind::Min;
    bool absolute = r.reduceKind == ReduceKind::AbsSum || r.reduceKind == ReduceKind::AbsMax;
    KBody prep;
    // min(x) = -max(-x): reduce the negated tile, negate the result; abssum/absmax reduce |x|.
    if (min || absolute)
      prep = prepareOperand(r, cbOf(r.src.buffer, r.loc), min ? "negative" : "abs");
    const CbPlan &src = min || absolute ? cbOf(p_.preparedSrc.at(&r), r.loc) : cbOf(r.src.buffer, r.loc);
    const CbPlan &dst = cbOf(r.dst.buffer, r.loc);
    const CbPlan *scaler = p_.scalerCb();
    bool max = r.reduceKind == ReduceKind::Max || r.reduceKind == ReduceKind::AbsMax || min;
    // A whole vector reduces to one value: every tile of it goes into the one result tile, along
    // the tile dimension its values lie on (row 0 of a row vector, column 0 of a column vector),
    // which leaves the total at element (0, 0).
    bool vectorSrc = r.src.buffer->rank() == 1;
    bool rowReduce = vectorSrc ? cbOf(r.src.buffer, r.loc).layout == VectorLayout::Row : r.dim == 1;
    std::string pool = max ? "PoolType::MAX" : "PoolType::SUM";
    std::string dim = rowReduce ? "ReduceDim::REDUCE_ROW" : "ReduceDim::REDUCE_COL";
    int64_t rows = src.tileRows, cols = src.tileCols;
    if (vectorSrc && !rowReduce) // the column vector's tiles, stacked as one column of tiles
      std::swap(rows, cols);
    if (dst.valueTiles != (rowReduce ? rows : cols))
      fail(r.loc, "the reduction's output does not match its input's shape");
    note("reduce", {src.name, scaler->name, dst.name});
    bool combine = !r.clear;
    int k = combine && max ? 2 : 1;
    std::vector<PerTile> passes;
    if (max) // DST starts at zero after acquire: start the running max at -inf
      passes.push_back([&](const TileSite &, Slot slot, KBody &out) {
        inits_.ensure(out, "fill", kCall("fill_tile_init", {}));
        out.push_back(kCall("fill_tile", {slot.str(), "-INFINITY"}));
      });
    passes.push_back([&, rows, cols](const TileSite &site, Slot slot, KBody &out) {
      inits_.ensure(out, "reduce:" + pool + dim + src.name,
                    kCall("reduce_init", {src.name, scaler->name, dst.name}, {pool, dim}));
      std::string along = rowReduce ? std::to_string(cols) : std::to_string(rows);
      std::string j = along == "1" ? "0" : "jt";
      std::string idx = rowReduce ? cxxPlus(scaled(site.t, cols), j) : cxxPlus(scaled(j, cols), site.t);
      KStmt rt = kCall("reduce_tile", {src.name, scaler->name, idx, "0", slot.str()}, {pool, dim});
      if (along == "1")
        out.push_back(rt);
      else
        out.push_back(kFor("jt", "0", along, {rt}));
    });
    if (min)
      passes.push_back([&](const TileSite &, Slot slot, KBody &out) {
        out.push_back(kCall("reduce_uninit", {dst.name}, {dim}));
        inits_.ensure(out, "sfpu:negative", kCall("negative_tile_init", {}));
        out.push_back(kCall("negative_tile", {slot.str()}));
      });
    if (combine) {
      requireHeld(dst.buffer.get(), r.loc);
      passes.push_back([&](const TileSite &site, Slot slot, KBody &out) {
        if (!min)
          out.push_back(kCall("reduce_uninit", {dst.name}, {dim}));
        if (max) {
          std::string fn = min ? "binary_min_tile" : "binary_max_tile";
          inits_.ensure(out, "copy:" + dst.name, kCall("copy_init", {dst.name}));
          out.push_back(kCall("copy_tile", {dst.name, site.u, slot.plus(1).str()}));
          inits_.ensure(out, "sfpu:" + fn, kCall(fn + "_init", {}));
          out.push_back(kCall(fn, {slot.str(), slot.plus(1).str(), slot.str()}));
        } else {
          std::vector<std::string> tmpl = {"ELWADD", "EltwiseBinaryReuseDestType::DEST_TO_SRCA"};
          inits_.ensure(out, "reuse:add" + dst.name, kCall("binary_dest_reuse_tiles_init", {dst.name}, tmpl));
          out.push_back(kCall("binary_dest_reuse_tiles", {dst.name, site.u, slot.str()}, tmpl));
        }
      });
    }
    KBody out = define(dst, combine, k, passes, r.loc);
    if (!combine && !min) // restore the packer's edge mask before any other op packs
      out.push_back(kCall("reduce_uninit", {dst.name}, {dim}));
    inits_.current = "";
    prep.insert(prep.end(), out.begin(), out.end());
    return prep;
  }

  // The reduction's prepared source: sfpu(x) (negative or abs) of every tile of x.
  KBody prepareOperand(const Reduce &r, const CbPlan &src, const std::string &sfpu) {
    const CbPlan &dst = cbOf(p_.preparedSrc.at(&r), r.loc);
    PerTile pass = [&](const TileSite &site, Slot slot, KBody &out) {
      inits_.ensure(out, "copy:" + src.name, kCall("copy_init", {src.name}));
      out.push_back(kCall("copy_tile", {src.name, site.t, slot.str()}));
      inits_.ensure(out, "sfpu:" + sfpu, kCall(sfpu + "_tile_init", {}));
      out.push_back(kCall(sfpu + "_tile", {slot.str()}));
    };
    return define(dst, false, 1, {pass}, r.loc);
  }
};

std::string hwStartupOp(const std::string &family) {
  if (family == "matmul")
    return "hw_startup_matmul";
  if (family == "unary")
    return "hw_startup_unary";
  return "hw_startup_binary";
}

} // namespace

void lowerCompute(TTProgram &p) {
  ComputeLowering lowering(p);
  p.computeKernel.perBlock = lowering.lowerBlock(p.func->body);
  KBody prologue;
  if (!lowering.firstFamily.empty()) {
    std::vector<std::string> cbs = lowering.firstCbs;
    if (lowering.firstFamily == "unary")
      cbs = {cbs[0], cbs[2]};
    prologue.push_back(kCall(hwStartupOp(lowering.firstFamily), cbs));
  }
  if (lowering.hoistedInit)
    prologue.push_back(*lowering.hoistedInit);
  if (const CbPlan *scaler = p.scalerCb()) {
    prologue.push_back(kCall("cb_wait_front", {scaler->name, "1"}));
    p.computeKernel.epilogue.push_back(kCall("cb_pop_front", {scaler->name, "1"}));
  }
  p.computeKernel.prologue = prologue;
}

} // namespace tilec::tt
