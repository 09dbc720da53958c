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
    s.gridCxx.push_back(cxx(e));
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

// The kernel's own names of its block indices (T.Kernel(...) as (bx, by)); unused dims get ours.
std::vector<std::string> blockNames(const TTProgram &p) {
  std::vector<std::string> names = {"block_x", "block_y", "block_z"};
  for (size_t d = 0; d < p.func->blockVars.size() && d < 3; ++d)
    names[d] = cxxName(p.func->blockVars[d]);
  return names;
}

KBody decodeBlock(const SchedulePlan &s, const std::string &pos) {
  KBody out;
  if (s.order == "column_major") {
    out.push_back(kDecl("const uint32_t by", pos + " % grid_y"));
    out.push_back(kDecl("const uint32_t bx", "(" + pos + " / grid_y) % grid_x"));
  } else if (s.order == "z_order") {
    out.push_back(kDecl("const uint32_t code", pos + " % (z_side * z_side)"));
    out.push_back(kDecl("const uint32_t zx", "morton_even_bits(code)"));
    out.push_back(kDecl("const uint32_t zy", "morton_even_bits(code >> 1)"));
    out.push_back(kIf("zx >= grid_x || zy >= grid_y", {kRaw("continue")}));
    out.push_back(kDecl("const uint32_t bx", "zx"));
    out.push_back(kDecl("const uint32_t by", "zy"));
    out.push_back(kDecl("const uint32_t bz", pos + " / (z_side * z_side)"));
    return out;
  } else {
    out.push_back(kDecl("const uint32_t bx", pos + " % grid_x"));
    out.push_back(kDecl("const uint32_t by", "(" + pos + " / grid_x) % grid_y"));
  }
  out.push_back(kDecl("const uint32_t bz", pos + " / (grid_x * grid_y)"));
  return out;
}

// decodeBlock declares bx/by/bz; give them the kernel's names and mark them maybe-unused.
void renameBlockIndices(KBody &body, const std::vector<std::string> &names) {
  const char *ours[3] = {"const uint32_t bx", "const uint32_t by", "const uint32_t bz"};
  for (KStmt &s : body)
    for (int d = 0; d < 3; ++d)
      if (s.kind == KStmt::Kind::Decl && s.text == ours[d])
        s.text = "[[maybe_unused]] const uint32_t " + names[d];
}

} // namespace

KBody persistentLoop(const TTProgram &p, const KBody &perBlock) {
  const SchedulePlan &s = p.schedule;
  KBody out;
  out.push_back(kDecl("const uint32_t grid_x", s.gridCxx[0]));
  out.push_back(kDecl("const uint32_t grid_y", s.gridCxx[1]));
  if (s.policy == "block_linear") {
    out.push_back(kDecl("const uint32_t grid_z", s.gridCxx[2]));
    KBody inner = {kDecl("const uint32_t bx", s.order == "column_major" ? "block_x0 + i / blocks_h" : "block_x0 + i % blocks_w"),
                   kDecl("const uint32_t by", s.order == "column_major" ? "block_y0 + i % blocks_h" : "block_y0 + i / blocks_w")};
    append(inner, perBlock);
    std::vector<std::string> names = blockNames(p);
    renameBlockIndices(inner, names);
    out.push_back(kComment("this core's rectangle of blocks, every bz"));
    // the loop over bz declares the kernel's own third block index (its symbol), like bx and by
    out.push_back(kFor(names[2], "0", "grid_z", {kFor("i", "0", "blocks_w * blocks_h", inner)}));
    return out;
  }
  if (s.order == "z_order")
    out.push_back(kDecl("const uint32_t z_side", "next_pow2(std::max(grid_x, grid_y))"));
  KBody body = {kDecl("const uint32_t pos", "first_block + i * block_stride")};
  append(body, decodeBlock(s, "pos"));
  append(body, perBlock);
  renameBlockIndices(body, blockNames(p));
  out.push_back(kComment(s.policy == "strided" ? "every block_stride-th block, from first_block"
                                               : "this core's run of consecutive blocks"));
  out.push_back(kFor("i", "0", "num_blocks", body));
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
