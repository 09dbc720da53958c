#include "target/gpu/Layout.h"

#include "target/gpu/Simt.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace tilec::gpu {

using namespace ir;
using sx::plus;
using sx::div;
using sx::i32;
using sx::mod;
using sx::times;

namespace {

// Largest power of two <= limit that divides n.
int pow2Divisor(int64_t n, int64_t limit) {
  int p = 1;
  while (p * 2 <= limit && n % (p * 2) == 0)
    p *= 2;
  return p;
}

} // namespace

LayoutPtr Layout::rowGroup(int64_t rows, int64_t cols, int rank, int threads, int vec) {
  if (vec < 1 || cols % vec || (rank == 1 && vec != 1))
    throw std::logic_error(fmt::format("a RowGroup run of {} does not divide {} columns", vec, cols));
  auto l = std::make_shared<Layout>();
  l->kind = Kind::RowGroup;
  l->threads = threads;
  l->rank = rank;
  l->rows = rows;
  l->cols = cols;
  l->vec = vec;
  int64_t runs = cols / vec;
  l->tpr = rank == 1 ? 1 : pow2Divisor(runs, std::min<int64_t>({32, runs, threads}));
  return l;
}

LayoutPtr Layout::mma(int64_t rows, int64_t cols, int warpsM, int warpsN, int threads) {
  auto l = std::make_shared<Layout>();
  l->kind = Kind::Mma;
  l->threads = threads;
  l->rows = rows;
  l->cols = cols;
  l->warpsM = warpsM;
  l->warpsN = warpsN;
  return l;
}

LayoutPtr Layout::wgmma(int64_t rows, int64_t cols, int groupsM, int groupsN, int threads) {
  auto l = std::make_shared<Layout>(*mma(rows, cols, groupsM, groupsN, threads));
  l->kind = Kind::Wgmma;
  return l;
}

LayoutPtr Layout::mfma(int64_t rows, int64_t cols, int warpsM, int warpsN, int threads) {
  auto l = std::make_shared<Layout>();
  l->kind = Kind::Mfma;
  l->threads = threads;
  l->rows = rows;
  l->cols = cols;
  l->warpsM = warpsM;
  l->warpsN = warpsN;
  return l;
}

LayoutPtr Layout::rowVector(LayoutPtr base) {
  auto l = std::make_shared<Layout>();
  l->kind = Kind::RowVector;
  l->threads = base->threads;
  l->rank = 1;
  l->rows = base->rows;
  l->base = std::move(base);
  return l;
}

LayoutPtr Layout::replicated(std::vector<int64_t> shape, int threads) {
  auto l = std::make_shared<Layout>();
  l->kind = Kind::Replicated;
  l->threads = threads;
  l->rank = static_cast<int>(shape.size());
  l->replShape = std::move(shape);
  return l;
}

std::vector<int64_t> Layout::shape() const {
  if (kind == Kind::Replicated)
    return replShape;
  if (rank == 1)
    return {rows};
  return {rows, cols};
}

// Rows of a RowGroup that one pass of the block covers.
static int64_t rowStride(const Layout &l) { return l.threads / l.tpr; }

int64_t Layout::rowRegs() const {
  switch (kind) {
  case Kind::RowGroup: return (rows + rowStride(*this) - 1) / rowStride(*this);
  case Kind::Mma: return rows / warpsM / 16 * 2;
  case Kind::Wgmma: return rows / warpsM / 64 * 2; // 2 rows of every m64 tile
  case Kind::Mfma: return rows / warpsM / 16 * 4; // 4 rows of every 16x16 tile
  default: return 1;
  }
}

int64_t Layout::regsPerRow() const {
  switch (kind) {
  case Kind::RowGroup: return cols / tpr;
  case Kind::Mma:
  case Kind::Wgmma: return cols / warpsN / 8 * 2;
  case Kind::Mfma: return cols / warpsN / 16; // 1 column of every 16x16 tile
  default: return 1;
  }
}

int64_t Layout::regs() const {
  switch (kind) {
  case Kind::RowGroup:
  case Kind::Mma:
  case Kind::Wgmma:
  case Kind::Mfma: return rowRegs() * regsPerRow();
  case Kind::RowVector: return base->rowRegs();
  case Kind::Replicated: {
    int64_t n = 1;
    for (int64_t d : replShape)
      n *= d;
    return n;
  }
  }
  return 1;
}

// Mma helpers: warp coordinates and the row of row-register `a` for thread tx.
static Expr mmaWarpM(const Layout &l, const Expr &tx) { return mod(div(tx, i32(32)), i32(l.warpsM)); }
static Expr mmaWarpN(const Layout &l, const Expr &tx) { return div(div(tx, i32(32)), i32(l.warpsM)); }
static Expr mmaRowOf(const Layout &l, const Expr &tx, const Expr &a) {
  int64_t wm = l.rows / l.warpsM;
  Expr lane = mod(tx, i32(32));
  return plus(plus(times(mmaWarpM(l, tx), i32(wm)), times(div(a, i32(2)), i32(16))),
             plus(div(lane, i32(4)), times(mod(a, i32(2)), i32(8))));
}

// Wgmma helpers: warpgroup coordinates (128 threads each). Row register a = mi * 2 + h is row
// 16 w + lane / 4 + 8 h of m64 tile mi, w the thread's warp within its group.
static Expr wgmmaGroupM(const Layout &l, const Expr &tx) { return mod(div(tx, i32(128)), i32(l.warpsM)); }
static Expr wgmmaGroupN(const Layout &l, const Expr &tx) { return div(div(tx, i32(128)), i32(l.warpsM)); }
static Expr wgmmaRowOf(const Layout &l, const Expr &tx, const Expr &a) {
  Expr lane = mod(tx, i32(32)), warpInGroup = mod(div(tx, i32(32)), i32(4));
  return plus(plus(times(wgmmaGroupM(l, tx), i32(l.rows / l.warpsM)), times(div(a, i32(2)), i32(64))),
              plus(plus(times(warpInGroup, i32(16)), div(lane, i32(4))), times(mod(a, i32(2)), i32(8))));
}

// Mfma helpers: wavefront coordinates (64 lanes each). Register `reg` of a thread is element
// e = reg % 4 of 16x16 tile (mi, ni) = (reg / 4 / tilesN, reg / 4 % tilesN); the lane holds
// column lane % 16 and rows 4 (lane / 16) + e of each tile. Row register a = mi * 4 + e.
static Expr mfmaWaveM(const Layout &l, const Expr &tx) { return mod(div(tx, i32(64)), i32(l.warpsM)); }
static Expr mfmaWaveN(const Layout &l, const Expr &tx) { return div(div(tx, i32(64)), i32(l.warpsM)); }
static int64_t mfmaTilesN(const Layout &l) { return l.cols / l.warpsN / 16; }
static Expr mfmaRowOf(const Layout &l, const Expr &tx, const Expr &a) {
  Expr lane = mod(tx, i32(64));
  return plus(plus(times(mfmaWaveM(l, tx), i32(l.rows / l.warpsM)), times(div(a, i32(4)), i32(16))),
              plus(times(div(lane, i32(16)), i32(4)), mod(a, i32(4))));
}

// Row of row-register `a` of a 2-D layout, for thread tx.
static Expr rowOfRowReg(const Layout &l, const Expr &tx, const Expr &a) {
  if (l.kind == Layout::Kind::Mma)
    return mmaRowOf(l, tx, a);
  if (l.kind == Layout::Kind::Wgmma)
    return wgmmaRowOf(l, tx, a);
  if (l.kind == Layout::Kind::Mfma)
    return mfmaRowOf(l, tx, a);
  return plus(div(tx, i32(l.tpr)), times(a, i32(rowStride(l))));
}

std::vector<Expr> Layout::element(const Expr &tx, const Expr &reg) const {
  switch (kind) {
  case Kind::RowGroup: {
    Expr a = div(reg, i32(regsPerRow())), b = mod(reg, i32(regsPerRow()));
    Expr row = rowOfRowReg(*this, tx, a);
    if (rank == 1)
      return {row};
    if (vec == 1)
      return {row, plus(mod(tx, i32(tpr)), times(b, i32(tpr)))};
    // b = c * vec + e: element e of the thread's run c in the row
    Expr runCol = plus(times(div(b, i32(vec)), i32(int64_t(tpr) * vec)), times(mod(tx, i32(tpr)), i32(vec)));
    return {row, plus(runCol, mod(b, i32(vec)))};
  }
  case Kind::Mma: {
    int64_t tilesN = cols / warpsN / 8;
    Expr e = mod(reg, i32(4));
    Expr mi = div(reg, i32(tilesN * 4)), ni = mod(div(reg, i32(4)), i32(tilesN));
    Expr lane = mod(tx, i32(32));
    Expr row = plus(plus(times(mmaWarpM(*this, tx), i32(rows / warpsM)), times(mi, i32(16))),
                    plus(div(lane, i32(4)), times(div(e, i32(2)), i32(8))));
    Expr col = plus(plus(times(mmaWarpN(*this, tx), i32(cols / warpsN)), times(ni, i32(8))),
                   plus(times(mod(lane, i32(4)), i32(2)), mod(e, i32(2))));
    return {row, col};
  }
  case Kind::Wgmma: {
    Expr e = mod(reg, i32(4)), chunk = mod(div(reg, i32(4)), i32(cols / warpsN / 8));
    Expr lane = mod(tx, i32(32));
    Expr col = plus(plus(times(wgmmaGroupN(*this, tx), i32(cols / warpsN)), times(chunk, i32(8))),
                    plus(times(mod(lane, i32(4)), i32(2)), mod(e, i32(2))));
    return {wgmmaRowOf(*this, tx, rowRegOf(reg)), col};
  }
  case Kind::Mfma: {
    int64_t tilesN = mfmaTilesN(*this);
    Expr ni = mod(div(reg, i32(4)), i32(tilesN));
    Expr lane = mod(tx, i32(64));
    Expr row = mfmaRowOf(*this, tx, rowRegOf(reg));
    Expr col = plus(plus(times(mfmaWaveN(*this, tx), i32(cols / warpsN)), times(ni, i32(16))), mod(lane, i32(16)));
    return {row, col};
  }
  case Kind::RowVector: return {rowOfRowReg(*base, tx, reg)};
  case Kind::Replicated: {
    std::vector<Expr> idx(replShape.size());
    Expr rest = reg;
    for (size_t d = replShape.size(); d-- > 0;) {
      idx[d] = d == 0 ? rest : mod(rest, i32(replShape[d]));
      rest = div(rest, i32(replShape[d]));
    }
    return idx;
  }
  }
  return {};
}

std::vector<Expr> Layout::runStart(const Expr &tx, const Expr &run) const {
  if ((kind == Kind::Mma || kind == Kind::Wgmma) && rank == 2)
    return element(tx, times(run, i32(2)));
  if (kind != Kind::RowGroup || rank != 2)
    throw std::logic_error("runStart: only 2-D RowGroup, Mma and Wgmma layouts have runs");
  int64_t runsPerRow = regsPerRow() / vec;
  Expr a = div(run, i32(runsPerRow)), c = mod(run, i32(runsPerRow));
  return {rowOfRowReg(*this, tx, a),
          plus(times(c, i32(int64_t(tpr) * vec)), times(mod(tx, i32(tpr)), i32(vec)))};
}

Expr Layout::valid(const Expr &tx, const Expr &reg) const {
  const Layout &rowsOf = kind == Kind::RowVector ? *base : *this;
  if (rowsOf.kind != Kind::RowGroup || rowsOf.rows % rowStride(rowsOf) == 0)
    return nullptr;
  Expr a = kind == Kind::RowVector ? reg : div(reg, i32(regsPerRow()));
  return sx::lt(rowOfRowReg(rowsOf, tx, a), i32(rowsOf.rows));
}

Expr Layout::rowRegOf(const Expr &reg) const {
  if (kind == Kind::Mma || kind == Kind::Wgmma) { // the same register order: 4 per m16n8 (8-column) tile
    int64_t tilesN = cols / warpsN / 8;
    return plus(times(div(reg, i32(tilesN * 4)), i32(2)), div(mod(reg, i32(4)), i32(2)));
  }
  if (kind == Kind::Mfma)
    return plus(times(div(reg, i32(mfmaTilesN(*this) * 4)), i32(4)), mod(reg, i32(4)));
  return div(reg, i32(regsPerRow()));
}

Expr Layout::regInRow(const Expr &a, const Expr &b) const {
  if (kind == Kind::Mma || kind == Kind::Wgmma) {
    // b = ni * 2 + e2: tile ni, element e2 of the tile's row
    int64_t tilesN = cols / warpsN / 8;
    Expr tile = plus(times(div(a, i32(2)), i32(tilesN)), div(b, i32(2)));
    return plus(times(tile, i32(4)), plus(times(mod(a, i32(2)), i32(2)), mod(b, i32(2))));
  }
  if (kind == Kind::Mfma) // a = mi * 4 + e, b = ni: element e of tile (mi, ni)
    return plus(times(plus(times(div(a, i32(4)), i32(mfmaTilesN(*this))), b), i32(4)), mod(a, i32(4)));
  return plus(times(a, i32(regsPerRow())), b);
}

int Layout::lanesPerRow() const {
  switch (kind) {
  case Kind::Mma:
  case Kind::Wgmma: return 4;
  case Kind::Mfma: return 16;
  default: return tpr;
  }
}

std::vector<int> Layout::rowShuffleMasks() const {
  int width = lanesPerRow(); // lanes sharing a row, consecutive and aligned
  std::vector<int> masks;
  for (int m = width / 2; m >= 1; m /= 2)
    masks.push_back(m);
  return masks;
}

Expr Layout::primary(const Expr &tx) const {
  if (kind != Kind::RowVector)
    return nullptr;
  if (base->kind == Kind::Mma) { // replicated over a quad's lanes and over the warps along N
    Expr firstLane = binary(BinaryOp::Eq, mod(tx, i32(4)), i32(0));
    if (base->warpsN == 1)
      return firstLane;
    return binary(BinaryOp::And, firstLane, binary(BinaryOp::Eq, mmaWarpN(*base, tx), i32(0)));
  }
  if (base->kind == Kind::Wgmma) { // replicated over a quad's lanes and over the warpgroups along N
    Expr firstLane = binary(BinaryOp::Eq, mod(tx, i32(4)), i32(0));
    if (base->warpsN == 1)
      return firstLane;
    return binary(BinaryOp::And, firstLane, binary(BinaryOp::Eq, wgmmaGroupN(*base, tx), i32(0)));
  }
  if (base->kind == Kind::Mfma) { // replicated over the 16 lanes of a row and the waves along N
    Expr firstLane = binary(BinaryOp::Eq, mod(tx, i32(16)), i32(0));
    if (base->warpsN == 1)
      return firstLane;
    return binary(BinaryOp::And, firstLane, binary(BinaryOp::Eq, mfmaWaveN(*base, tx), i32(0)));
  }
  if (base->tpr == 1)
    return nullptr;
  return binary(BinaryOp::Eq, mod(tx, i32(base->tpr)), i32(0));
}

std::string Layout::key() const {
  switch (kind) {
  case Kind::RowGroup:
    return fmt::format("rg{}:{}x{}:{}:{}", rank, rows, cols, tpr, threads) + (vec > 1 ? fmt::format(":v{}", vec) : "");
  case Kind::Mma: return fmt::format("mma:{}x{}:{}x{}:{}", rows, cols, warpsM, warpsN, threads);
  case Kind::Wgmma: return fmt::format("wgmma:{}x{}:{}x{}:{}", rows, cols, warpsM, warpsN, threads);
  case Kind::Mfma: return fmt::format("mfma:{}x{}:{}x{}:{}", rows, cols, warpsM, warpsN, threads);
  case Kind::RowVector: return "rows(" + base->rowKey() + ")";
  case Kind::Replicated: return "repl";
  }
  return "";
}

std::string Layout::rowKey() const {
  switch (kind) {
  case Kind::RowGroup: return fmt::format("rg:{}:{}:{}", rows, tpr, threads);
  case Kind::Mma: return fmt::format("mma:{}:{}:{}", rows, warpsM, threads);
  case Kind::Wgmma: return fmt::format("wgmma:{}:{}:{}", rows, warpsM, threads);
  case Kind::Mfma: return fmt::format("mfma:{}:{}:{}", rows, warpsM, threads);
  case Kind::RowVector: return base->rowKey();
  case Kind::Replicated: return "repl";
  }
  return "";
}

std::string Layout::describe() const {
  switch (kind) {
  case Kind::RowGroup:
    return rank == 1   ? fmt::format("{} per thread", regs())
           : vec == 1 ? fmt::format("{} threads per row, {} per thread", tpr, regs())
                      : fmt::format("{} threads per row, {} per thread in runs of {}", tpr, regs(), vec);
  case Kind::Mma:
    return fmt::format("mma m16n8 accumulator, {}x{} warps, {} per thread", warpsM, warpsN, regs());
  case Kind::Wgmma:
    return fmt::format("wgmma m64nN accumulator, {}x{} warpgroups, {} per thread", warpsM, warpsN, regs());
  case Kind::Mfma:
    return fmt::format("mfma 16x16 accumulator, {}x{} wavefronts of 64, {} per thread", warpsM, warpsN, regs());
  case Kind::RowVector: return fmt::format("rows of a {}x{} tile, {} per thread", base->rows, base->cols, regs());
  case Kind::Replicated: return "replicated in every thread";
  }
  return "";
}

bool unitCoordinate(const Expr &index, int64_t extent) {
  return extent == 1 && asConstInt(fold(index)) == std::optional<int64_t>(0);
}

bool sameCoordinate(const Expr &a, int64_t extentA, const Expr &b, int64_t extentB) {
  if (unitCoordinate(a, extentA) && unitCoordinate(b, extentB))
    return true;
  const VarNode *v = a->as<VarNode>();
  return v && v == b->as<VarNode>();
}

Expr registerFor(const Layout &driver, const std::vector<Expr> &driverIdx, const Expr &driverReg,
                 const Layout &layout, const std::vector<Expr> &indices) {
  if (layout.kind == Layout::Kind::Replicated || driver.kind == Layout::Kind::Replicated)
    return nullptr; // a replicated tile is handled by the caller (any index, any thread)
  std::vector<int64_t> shape = layout.shape(), driverShape = driver.shape();
  auto same = [&](size_t d, size_t dd) {
    return sameCoordinate(indices[d], shape[d], driverIdx[dd], driverShape[dd]);
  };
  if (layout.key() == driver.key() && indices.size() == driverIdx.size()) {
    for (size_t d = 0; d < indices.size(); ++d)
      if (!same(d, d))
        return nullptr;
    return driverReg;
  }
  // A row vector read inside a 2-D nest: the thread holds the rows it iterates.
  if (layout.kind == Layout::Kind::RowVector && driver.rank == 2 && driver.kind != Layout::Kind::RowVector &&
      indices.size() == 1 && driverIdx.size() == 2 && same(0, 0) && layout.rowKey() == driver.rowKey())
    return driver.rowRegOf(driverReg);
  // Two 1-D tiles over the same rows.
  if (layout.rank == 1 && driver.rank == 1 && indices.size() == 1 && driverIdx.size() == 1 && same(0, 0) &&
      layout.rowKey() == driver.rowKey() && layout.regs() == driver.regs())
    return driverReg;
  return nullptr;
}

bool reducesInRegisters(const Reduce &r, const Layout *src) {
  if (r.dim != 1 || !src || src->rank != 2)
    return false;
  if (!(src->kind == Layout::Kind::RowGroup || (src->isMatrixAccumulator() && src->warpsN == 1)))
    return false;
  // The register path reduces every register of the tile: the region must be the whole tile.
  for (size_t d = 0; d < r.src.starts.size(); ++d)
    if (asConstInt(r.src.starts[d]) != std::optional<int64_t>(0))
      return false;
  std::vector<int64_t> shape = src->shape();
  for (size_t d = 0; d < r.src.extents.size() && d < shape.size(); ++d)
    if (asConstInt(r.src.extents[d]) != std::optional<int64_t>(shape[d]))
      return false;
  return true;
}

bool tensorCoreDtypes(const Gemm &g) {
  DType a = g.a.buffer->dtype, b = g.b.buffer->dtype, c = g.c.buffer->dtype;
  return a == b && (a == DType::Float16 || a == DType::BFloat16) && c == DType::Float32;
}

LayoutPtr wgmmaRegisterA(const Gemm &g, const Layout &c) {
  std::vector<int64_t> a = opShape(g.a);
  if (c.kind != Layout::Kind::Wgmma || c.warpsN != 1 || g.transposeA || a.size() != 2 || a[0] != c.rows)
    return nullptr;
  return Layout::wgmma(a[0], a[1], c.warpsM, 1, c.threads);
}

std::vector<int64_t> opShape(const Region &r) {
  std::vector<int64_t> out;
  const std::vector<Expr> &ext = r.extents.empty() ? r.buffer->shape : r.extents;
  for (const Expr &e : ext) {
    auto v = asConstInt(e);
    if (!v)
      fail(r.loc, "the GPU backend needs tile extents known at compile time (got '" + r.buffer->name +
                      "' with a symbolic extent)");
    if (*v != 1)
      out.push_back(*v);
  }
  return out;
}

} // namespace tilec::gpu
