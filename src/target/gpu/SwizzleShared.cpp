// swizzle-shared: the XOR swizzle on 16-byte chunks for shared tiles that ldmatrix reads.
//
// ldmatrix reads 8 rows of 16 bytes per matrix in one phase; in a row-major tile whose rows are 64,
// 128 or 256 bytes long those rows fall into the same few banks (4-way for 64-byte rows, 8-way for
// 128 bytes and more). Storing chunk c of row r at chunk c ^ f(r) spreads them over all 32 banks:
// view the tile as consecutive 128-byte lines of 8 chunks; f(r) is the line's number mod the
// chunks per row (at most 8), so the rows of one 8-row ldmatrix phase land in 8 different chunk
// slots, and the 8 chunks of one line (what a quarter warp of 16-byte cp.async / vector copies
// writes) stay a permutation of that line. This is the Swizzle<B=log2(period), M=3, S=3> of
// CUTLASS's notation for 16-bit elements.
//
// Tiles that wgmma reads (sm_90a) get the layout its descriptors describe (WgmmaTile.h): for rows
// of 32, 64 or 128 bytes that is this same swizzle; longer rows are split into column blocks of
// 64 elements, each a rows x 64 tile with the 128-byte swizzle (the buffer gets the shape
// [stages.., cols / 64, rows, 64]). They are laid out so even when the ldmatrix swizzle is off.
//
// The swizzle changes where an element lives, so every access to the buffer goes through it: this
// pass rewrites all of them after lowering (loads in any expression, stores, vector copies,
// cp.async, ldmatrix), whichever op made them. Accesses never straddle a chunk: vector accesses
// are at most 16 bytes and aligned to their size, so a chunk moves as a whole.
#include "target/gpu/Lower.h"

#include "ir/Functor.h"

#include <map>

namespace tilec::gpu {

using namespace ir;

namespace {

constexpr int64_t kChunkElems = 8; // 16 bytes of a 16-bit type

struct Swizzle {
  int64_t rowsPerLine; // rows of the tile in one 128-byte line (1 when a row is >= 128 bytes)
  int64_t period;      // how many chunk slots the XOR can reach: min(chunks per row, 8)
  Buffer blocked;      // wgmma tiles with rows over 128 bytes: the [.., cols / 64, rows, 64] buffer
};

bool powerOfTwo(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

// The swizzle of a shared tile, or none when it cannot or need not be swizzled.
std::optional<Swizzle> swizzleFor(const Buffer &b) {
  if (b->scope != Scope::Shared || dtypeBytes(b->dtype) != 2 || b->rank() < 2)
    return std::nullopt;
  std::vector<int64_t> shape = staticShape(b);
  int64_t cols = shape.back();
  if (cols % kChunkElems)
    return std::nullopt;
  int64_t chunks = cols / kChunkElems;
  if (chunks < 2 || !powerOfTwo(std::min<int64_t>(chunks, 8)) || (chunks > 8 && chunks % 8))
    return std::nullopt;
  return Swizzle{std::max<int64_t>(1, 8 / chunks), std::min<int64_t>(chunks, 8), nullptr};
}

// The layout of a tile wgmma reads: the swizzle above, in column blocks when rows are longer
// than the 128-byte swizzle segment.
std::optional<Swizzle> wgmmaSwizzleFor(const Buffer &b) {
  std::vector<int64_t> shape = staticShape(b);
  std::optional<WgmmaTile> t = wgmmaTileFor(shape, b->dtype);
  if (!t)
    fail({}, "internal: wgmma reads shared tile '" + b->name + "' that has no wgmma layout");
  if (!t->blocked())
    return swizzleFor(b);
  std::vector<int64_t> blockedShape(shape.begin(), shape.end() - 2);
  blockedShape.insert(blockedShape.end(), {t->cols / t->segmentElems(), t->rows, t->segmentElems()});
  return Swizzle{1, 8, makeBuffer(b->name, blockedShape, b->dtype, Scope::Shared)};
}

Expr bitXor(Expr a, Expr b) {
  if (auto x = asConstInt(a), y = asConstInt(b); x && y)
    return sx::i32(*x ^ *y);
  if (auto y = asConstInt(b); y && *y == 0)
    return a;
  return std::make_shared<Call>("bitwise_xor", std::vector<Expr>{std::move(a), std::move(b)}, DType::Int32);
}

// e / d when e is visibly a multiple of d (sums and products of constants' multiples), so
// chunk-aligned columns print as `v` rather than `v * 8 / 8` and `+ v * 8 % 8`.
std::optional<Expr> exactDiv(const Expr &e, int64_t d) {
  if (auto c = asConstInt(e))
    return *c % d == 0 ? std::optional<Expr>(sx::i32(*c / d)) : std::nullopt;
  auto *b = e->as<Binary>();
  if (!b)
    return std::nullopt;
  if (b->op == BinaryOp::Mul)
    if (auto c = asConstInt(b->b); c && *c % d == 0)
      return sx::times(b->a, sx::i32(*c / d));
  if (b->op == BinaryOp::Add) {
    auto x = exactDiv(b->a, d), y = exactDiv(b->b, d);
    if (x && y)
      return sx::plus(*x, *y);
  }
  return std::nullopt;
}

// The tile indices with the column moved to its swizzled chunk (and, for a blocked tile, the
// column block before the row).
std::vector<Expr> swizzled(std::vector<Expr> idx, const Swizzle &s) {
  Expr row = idx[idx.size() - 2];
  Expr col = idx.back();
  Expr mask = sx::mod(sx::div(row, sx::i32(s.rowsPerLine)), sx::i32(s.period));
  std::optional<Expr> aligned = exactDiv(col, kChunkElems);
  Expr chunk = aligned ? *aligned : sx::div(col, sx::i32(kChunkElems));
  Expr block;
  if (s.blocked) { // 8 chunks (64 elements) per column block
    block = sx::div(chunk, sx::i32(8));
    chunk = sx::mod(chunk, sx::i32(8));
  }
  Expr start = sx::times(bitXor(chunk, mask), sx::i32(kChunkElems));
  idx.back() = aligned ? start : sx::plus(start, sx::mod(col, sx::i32(kChunkElems)));
  if (block)
    idx.insert(idx.end() - 2, block);
  return idx;
}

class Swizzler : public IRMutator {
public:
  explicit Swizzler(std::map<const BufferNode *, Swizzle> tiles) : tiles_(std::move(tiles)) {}

  std::vector<Expr> indices(const Buffer &b, const std::vector<Expr> &idx) {
    std::vector<Expr> out;
    for (const Expr &e : idx)
      out.push_back(mutate(e));
    auto it = tiles_.find(b.get());
    return it == tiles_.end() ? out : swizzled(std::move(out), it->second);
  }
  Expr expr(const Expr &e) { return e ? mutate(e) : e; }
  // The buffer an access goes to: a blocked wgmma tile's new buffer, else the same.
  Buffer buf(const Buffer &b) const {
    auto it = tiles_.find(b.get());
    return it != tiles_.end() && it->second.blocked ? it->second.blocked : b;
  }

  SStmt stmt(const SStmt &s) {
    if (!s)
      return s;
    if (SStmt control = rebuildControl(
            s, [&](const SStmt &c) { return stmt(c); }, [&](const Expr &e) { return expr(e); }))
      return control;
    switch (s->kind) {
    case SKind::Store: {
      auto *n = s->as<SStore>();
      return std::make_shared<SStore>(buf(n->buffer), indices(n->buffer, n->indices), expr(n->value), n->atomic);
    }
    case SKind::VecCopy: {
      auto *n = s->as<SVecCopy>();
      return std::make_shared<SVecCopy>(buf(n->dst), indices(n->dst, n->dstIdx), buf(n->src),
                                        indices(n->src, n->srcIdx), n->lanes);
    }
    case SKind::CpAsync: {
      auto *n = s->as<SCpAsync>();
      return std::make_shared<SCpAsync>(buf(n->dst), indices(n->dst, n->dstIdx), n->src, indices(n->src, n->srcIdx),
                                        n->lanes, expr(n->inBounds));
    }
    case SKind::LdMatrix: {
      auto *n = s->as<SLdMatrix>();
      return std::make_shared<SLdMatrix>(n->dst, expr(n->dstOffset), n->num, n->trans, buf(n->src),
                                         indices(n->src, n->srcIdx));
    }
    case SKind::Mma: {
      auto *n = s->as<SMma>();
      return std::make_shared<SMma>(n->a, expr(n->aOffset), n->b, expr(n->bOffset), n->c, expr(n->cOffset));
    }
    case SKind::Mfma: {
      auto *n = s->as<SMfma>();
      return std::make_shared<SMfma>(n->a, expr(n->aOffset), n->b, expr(n->bOffset), n->c, expr(n->cOffset));
    }
    case SKind::Wgmma: {
      auto *n = s->as<SWgmma>();
      return std::make_shared<SWgmma>(buf(n->a), indices(n->a, n->aIdx), n->aLayout, buf(n->b), indices(n->b, n->bIdx),
                                      n->bLayout, n->n, n->c, expr(n->cOffset));
    }
    case SKind::Tma: { // the box's first element: the hardware swizzles the rest by address as the tile is
      auto *n = s->as<STma>();
      return std::make_shared<STma>(buf(n->dst), indices(n->dst, n->dstIdx), n->src, n->coords, n->map, n->bar,
                                    n->barIdx);
    }
    case SKind::Op: {
      auto *n = s->as<SOp>();
      auto out = std::make_shared<SOp>(*n); // keeps what the op is (tmaFull, pipelineStages)
      out->body = stmt(n->body);
      return out;
    }
    case SKind::Seq:
    case SKind::For:
    case SKind::Let:
    case SKind::If:
    case SKind::While: // rebuilt above
    case SKind::Mbarrier:
    case SKind::Barrier:
    case SKind::CpAsyncCommit:
    case SKind::CpAsyncWait:
    case SKind::WgmmaSync: return s;
    }
    return s;
  }

protected:
  Expr mutateLoad(const Expr &, const Load &n) override {
    std::vector<Expr> idx = indices(n.buffer, n.indices);
    return std::make_shared<Load>(buf(n.buffer), std::move(idx), n.loc);
  }

private:
  std::map<const BufferNode *, Swizzle> tiles_;
};

// The shared tiles ldmatrix reads (when `ldmatrix`) and those wgmma reads, with their layouts.
void collectSources(const SStmt &s, bool ldmatrix, std::map<const BufferNode *, Swizzle> &out) {
  if (!s)
    return;
  switch (s->kind) {
  case SKind::Seq:
    for (const SStmt &c : s->as<SSeq>()->stmts)
      collectSources(c, ldmatrix, out);
    return;
  case SKind::For: collectSources(s->as<SFor>()->body, ldmatrix, out); return;
  case SKind::Let: collectSources(s->as<SLet>()->body, ldmatrix, out); return;
  case SKind::If:
    collectSources(s->as<SIf>()->thenBody, ldmatrix, out);
    collectSources(s->as<SIf>()->elseBody, ldmatrix, out);
    return;
  case SKind::While: collectSources(s->as<SWhile>()->body, ldmatrix, out); return;
  case SKind::Op: collectSources(s->as<SOp>()->body, ldmatrix, out); return;
  case SKind::LdMatrix: {
    const Buffer &b = s->as<SLdMatrix>()->src;
    if (ldmatrix && !out.count(b.get()))
      if (auto sw = swizzleFor(b))
        out.emplace(b.get(), *sw);
    return;
  }
  case SKind::Wgmma: // wgmma's layout wins over ldmatrix's (both read it: any layout works for ldmatrix)
    for (const Buffer *b : {&s->as<SWgmma>()->a, &s->as<SWgmma>()->b})
      if ((*b)->scope == ir::Scope::Shared) // not a register A (the RS form)
        out.insert_or_assign(b->get(), *wgmmaSwizzleFor(*b));
    return;
  default: return;
  }
}

} // namespace

void swizzleSharedOperands(Kernel &k, bool ldmatrixTiles) {
  std::map<const BufferNode *, Swizzle> tiles;
  collectSources(k.body, ldmatrixTiles, tiles);
  if (tiles.empty())
    return;
  for (Buffer &b : k.shared) // blocked wgmma tiles: the new buffer takes the old one's place
    if (auto it = tiles.find(b.get()); it != tiles.end() && it->second.blocked) {
      if (k.wgmmaTiles.erase(b.get()))
        k.wgmmaTiles.insert(it->second.blocked.get());
      b = it->second.blocked;
    }
  k.body = Swizzler(std::move(tiles)).stmt(k.body);
}

} // namespace tilec::gpu
