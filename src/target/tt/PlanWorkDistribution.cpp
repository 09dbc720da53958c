// Work distribution: the kernel's grid of blocks becomes one persistent loop per core
// (docs/TT_BACKEND.md). The blocks are put in an order (row_major: bx fastest; column_major: by
// fastest; z_order: Morton order over the power-of-two square that covers the grid, codes outside
// the grid skipped), then given to cores by a policy:
//   contiguous   — each core a contiguous run of the ordered blocks, the first cores one more
//                  when it does not divide (split_work_to_cores);
//   strided      — core c runs blocks c, c + ncores, c + 2 ncores, ...;
//   block_linear — the (bx, by) plane is cut into one rectangle per core of the core grid, so
//                  cores in a row share A row-blocks and cores in a column share B column-blocks.
// Each core's kernels receive four schedule runtime args (slotNames) and decode (bx, by, bz).
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <algorithm>
#include <fmt/format.h>

namespace tilec::tt {

using namespace ir;

std::vector<std::string> SchedulePlan::slotNames(const std::string &policy, const std::string &) {
  if (policy == "block_linear")
    return {"block_x0", "block_y0", "blocks_w", "blocks_h"};
  return {"first_block", "num_blocks", "block_stride", "unused_slot"};
}

SchedulePlan planWorkDistribution(const PrimFunc &f, const ArchInfo &arch, const TTOptions &opts) {
  SchedulePlan s;
  s.policy = scheduleString(f, "policy");
  s.order = scheduleString(f, "order");
  s.chunkKTiles = static_cast<int>(scheduleInt(f, "chunk_k_tiles").value_or(0));
  for (size_t d = 0; d < 3; ++d) {
    Expr e = d < f.grid.size() ? f.grid[d] : intImm(1);
    s.grid.push_back(e);
    s.gridConst.push_back(asConstInt(e));
  }
  s.coresX = opts.gridX.value_or(arch.gridX);
  s.coresY = opts.gridY.value_or(arch.gridY);
  if (s.coresX < 1 || s.coresY < 1 || s.coresX > arch.gridX || s.coresY > arch.gridY)
    fail(f.loc, fmt::format("--grid {}x{} does not fit the {} core grid ({}x{})", s.coresX, s.coresY,
                            arch.card, arch.gridX, arch.gridY));
  // block_linear: a core grid that divides the block grid gives every core the same rectangle,
  // which keeps core rows and columns in step (what multicast needs) and no core idle.
  auto divisorAtMost = [](int64_t n, int limit) {
    for (int d = limit; d > 1; --d)
      if (n % d == 0)
        return d;
    return 1;
  };
  if (s.policy == "block_linear" && s.gridConst[0] && s.gridConst[1]) {
    s.coresX = divisorAtMost(*s.gridConst[0], s.coresX);
    s.coresY = divisorAtMost(*s.gridConst[1], s.coresY);
  }
  return s;
}

namespace {

int64_t pow2Side(int64_t gx, int64_t gy) {
  int64_t side = 1;
  while (side < std::max(gx, gy))
    side *= 2;
  return side;
}

// Morton decode: even bits → x, odd bits → y.
std::pair<int64_t, int64_t> morton(int64_t code) {
  int64_t x = 0, y = 0;
  for (int bit = 0; bit < 31; ++bit) {
    x |= ((code >> (2 * bit)) & 1) << bit;
    y |= ((code >> (2 * bit + 1)) & 1) << bit;
  }
  return {x, y};
}

// Position in the order → block, or nullopt for a Morton code outside the grid.
std::optional<std::array<int64_t, 3>> blockAt(const std::string &order, int64_t p, int64_t gx, int64_t gy) {
  if (order == "column_major")
    return std::array<int64_t, 3>{(p / gy) % gx, p % gy, p / (gx * gy)};
  if (order == "z_order") {
    int64_t side = pow2Side(gx, gy);
    auto [x, y] = morton(p % (side * side));
    if (x >= gx || y >= gy)
      return std::nullopt;
    return std::array<int64_t, 3>{x, y, p / (side * side)};
  }
  return std::array<int64_t, 3>{p % gx, (p / gx) % gy, p / (gx * gy)};
}

int64_t orderPositions(const std::string &order, int64_t gx, int64_t gy, int64_t gz) {
  if (order == "z_order") {
    int64_t side = pow2Side(gx, gy);
    return side * side * gz;
  }
  return gx * gy * gz;
}

} // namespace

BlockAssignment assignBlocks(const SchedulePlan &s, int64_t gx, int64_t gy, int64_t gz) {
  BlockAssignment a;
  int64_t ncores = int64_t(s.coresX) * s.coresY;
  for (int64_t c = 0; c < ncores; ++c) {
    std::vector<int64_t> slots(4, 0);
    std::vector<std::array<int64_t, 3>> blocks;
    if (s.policy == "block_linear") {
      int64_t bw = (gx + s.coresX - 1) / s.coresX, bh = (gy + s.coresY - 1) / s.coresY;
      int64_t x0 = (c % s.coresX) * bw, y0 = (c / s.coresX) * bh;
      int64_t w = std::max<int64_t>(0, std::min(bw, gx - x0)), h = std::max<int64_t>(0, std::min(bh, gy - y0));
      slots = {x0, y0, w, h};
      for (int64_t z = 0; z < gz; ++z)
        for (int64_t i = 0; i < w * h; ++i)
          blocks.push_back(s.order == "column_major" ? std::array<int64_t, 3>{x0 + i / h, y0 + i % h, z}
                                                     : std::array<int64_t, 3>{x0 + i % w, y0 + i / w, z});
    } else {
      int64_t units = orderPositions(s.order, gx, gy, gz);
      int64_t first = 0, count = 0, stride = 1;
      if (s.policy == "strided") {
        first = c, stride = ncores, count = c < units ? (units - c + ncores - 1) / ncores : 0;
      } else {
        int64_t q = units / ncores, r = units % ncores;
        count = q + (c < r ? 1 : 0);
        first = c * q + std::min(c, r);
      }
      slots = {first, count, stride, 0};
      for (int64_t i = 0; i < count; ++i)
        if (auto b = blockAt(s.order, first + i * stride, gx, gy))
          blocks.push_back(*b);
    }
    a.slots.push_back(slots);
    a.blocks.push_back(blocks);
  }
  return a;
}

// ---- the kernels' side ----

namespace {

// The kernel's own block indices (T.Kernel(...) as (bx, by)); dimensions it does not name get ours.
std::array<KExpr, 3> blockIndices(const TTProgram &p) {
  std::array<KExpr, 3> out = {kName("block_x"), kName("block_y"), kName("block_z")};
  for (size_t d = 0; d < p.func->blockVars.size() && d < 3; ++d)
    out[d] = kIr(p.func->blockVars[d]);
  return out;
}

// A block index the body may or may not read.
KStmt declareIndex(const KExpr &index, KExpr value) { return kDecl(KType::MaybeUnusedU32, index, std::move(value)); }

// (bx, by, bz) of the block at position `pos` of the order.
KBody decodeBlock(const SchedulePlan &s, const KExpr &pos, const std::array<KExpr, 3> &block) {
  KExpr gridX = kName("grid_x"), gridY = kName("grid_y");
  KBody out;
  if (s.order == "z_order") {
    KExpr side = kName("z_side"), code = kName("code"), zx = kName("zx"), zy = kName("zy");
    KExpr square = mul(side, side);
    out.push_back(kDecl(KType::ConstU32, code, mod(pos, square)));
    out.push_back(kDecl(KType::ConstU32, zx, kHelper("morton_even_bits", {code})));
    out.push_back(kDecl(KType::ConstU32, zy, kHelper("morton_even_bits", {kBinary(KOp::Shr, code, kInt(1))})));
    out.push_back(kIf(kBinary(KOp::Or, kBinary(KOp::Ge, zx, gridX), kBinary(KOp::Ge, zy, gridY)), {kContinue()}));
    out.push_back(declareIndex(block[0], zx));
    out.push_back(declareIndex(block[1], zy));
    out.push_back(declareIndex(block[2], div(pos, square)));
    return out;
  }
  if (s.order == "column_major") {
    out.push_back(declareIndex(block[1], mod(pos, gridY)));
    out.push_back(declareIndex(block[0], mod(div(pos, gridY), gridX)));
  } else {
    out.push_back(declareIndex(block[0], mod(pos, gridX)));
    out.push_back(declareIndex(block[1], mod(div(pos, gridX), gridY)));
  }
  out.push_back(declareIndex(block[2], div(pos, mul(gridX, gridY))));
  return out;
}

} // namespace

KBody persistentLoop(const TTProgram &p, const KBody &perBlock) {
  const SchedulePlan &s = p.schedule;
  std::array<KExpr, 3> block = blockIndices(p);
  KExpr i = kName("i");
  KBody out;
  out.push_back(kDecl(KType::ConstU32, kName("grid_x"), kIr(s.grid[0])));
  out.push_back(kDecl(KType::ConstU32, kName("grid_y"), kIr(s.grid[1])));
  if (s.policy == "block_linear") {
    KExpr w = kName("blocks_w"), h = kName("blocks_h"), x0 = kName("block_x0"), y0 = kName("block_y0");
    out.push_back(kDecl(KType::ConstU32, kName("grid_z"), kIr(s.grid[2])));
    bool byColumns = s.order == "column_major";
    KBody inner = {declareIndex(block[0], add(x0, byColumns ? div(i, h) : mod(i, w))),
                   declareIndex(block[1], add(y0, byColumns ? mod(i, h) : div(i, w)))};
    append(inner, perBlock);
    out.push_back(kComment("this core's rectangle of blocks, every bz"));
    // the loop over bz declares the kernel's own third block index (its symbol), like bx and by
    out.push_back(kFor(block[2], kInt(0), kName("grid_z"), {kFor(i, kInt(0), mul(w, h), inner)}));
    return out;
  }
  if (s.order == "z_order")
    out.push_back(kDecl(KType::ConstU32, kName("z_side"),
                        kHelper("next_pow2", {kBinary(KOp::Max, kName("grid_x"), kName("grid_y"))})));
  KExpr pos = kName("pos");
  KBody body = {kDecl(KType::ConstU32, pos, add(kName("first_block"), mul(i, kName("block_stride"))))};
  append(body, decodeBlock(s, pos, block));
  append(body, perBlock);
  out.push_back(kComment(s.policy == "strided" ? "every block_stride-th block, from first_block"
                                               : "this core's run of consecutive blocks"));
  out.push_back(kFor(i, kInt(0), kName("num_blocks"), body));
  return out;
}

std::string hostScheduleFunction(const SchedulePlan &s) {
  std::string order = s.order == "z_order" ? "positions = next_pow2(std::max(gx, gy)); positions *= positions * gz;"
                                           : "positions = gx * gy * gz;";
  if (s.policy == "block_linear")
    return R"(// block_linear: the (bx, by) plane in one rectangle per core of the cores_x x cores_y grid.
std::array<uint32_t, 4> schedule_args(uint32_t core, uint32_t cores_x, uint32_t cores_y, uint32_t gx,
                                      uint32_t gy, uint32_t /*gz*/) {
    uint32_t bw = (gx + cores_x - 1) / cores_x, bh = (gy + cores_y - 1) / cores_y;
    uint32_t x0 = (core % cores_x) * bw, y0 = (core / cores_x) * bh;
    uint32_t w = x0 < gx ? std::min(bw, gx - x0) : 0, h = y0 < gy ? std::min(bh, gy - y0) : 0;
    return {x0, y0, w, h};
}
)";
  std::string split = s.policy == "strided"
                          ? "    // strided: blocks core, core + ncores, ...\n"
                            "    uint32_t count = core < positions ? (positions - core + ncores - 1) / ncores : 0;\n"
                            "    return {core, count, ncores, 0};\n"
                          : "    // contiguous: as split_work_to_cores, the first cores take one block more\n"
                            "    uint32_t q = positions / ncores, r = positions % ncores;\n"
                            "    return {core * q + std::min(core, r), q + (core < r ? 1u : 0u), 1, 0};\n";
  return "std::array<uint32_t, 4> schedule_args(uint32_t core, uint32_t cores_x, uint32_t cores_y, uint32_t gx,\n"
         "                                      uint32_t gy, uint32_t gz) {\n"
         "    uint32_t ncores = cores_x * cores_y;\n"
         "    uint32_t " + order + "\n" + split + "}\n";
}

} // namespace tilec::tt
