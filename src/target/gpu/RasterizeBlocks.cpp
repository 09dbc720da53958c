// rasterize-blocks: `T.use_swizzle(panel_size, order)` changes which tile each launched block
// computes, so that the blocks resident at the same time share operand tiles in L2.
//
// The GPU launches blocks in linear order L = blockIdx.y * gridDim.x + blockIdx.x. For order "row"
// the grid's rows (by) are cut into panels of `panel_size` rows; block L takes panel
// p = L / (panel_size * gx), and inside it walks down the panel's h rows of one column before the
// next column (by = p * panel_size + o % h, bx = o / h with o = L % (panel_size * gx), h the
// panel's height: panel_size, or what is left for the last panel), odd panels walking the columns
// backwards so that a panel starts where the previous one ended. Every (bx, by) is taken by
// exactly one block (a bijection of the grid; gpu-interp runs every block and checks the result).
// Order "column" is the same with the roles of x and y exchanged. The kernel's block variables
// become the launch indices (`bx_launch`, `by_launch`), and bx, by are bound to the swizzled
// indices before the body.
#include "target/gpu/Lower.h"

namespace tilec::gpu {

using namespace sx;

namespace {

Expr minOf(const Expr &a, const Expr &b) {
  return fold(std::make_shared<ir::Select>(lt(a, b), a, b));
}

} // namespace

void rasterizeBlocks(Kernel &k, const ir::PrimFunc &f) {
  auto it = f.annotations.find("use_swizzle");
  if (it == f.annotations.end() || k.blockVars.size() < 2)
    return;
  int64_t panel = std::get<int64_t>(it->second.at("panel_size").value);
  bool byRows = std::get<std::string>(it->second.at("order").value) == "row";
  size_t major = byRows ? 1 : 0, minor = byRows ? 0 : 1; // panels cut the major axis
  Var bx = k.blockVars[0], by = k.blockVars[1];
  auto fresh = [&](const std::string &name) { return ir::var(name, DType::Int32, bx->loc); };
  Var rawX = fresh(bx->name + "_launch"), rawY = fresh(by->name + "_launch");
  Var linear = fresh("block_linear"), p = fresh("panel"), o = fresh("in_panel"), h = fresh("panel_height");
  Expr gMajor = k.grid[major], gMinor = k.grid[minor];
  Expr panelBlocks = times(i32(panel), gMinor);
  Expr walk = div(o, h);
  Expr odd = lt(i32(0), mod(p, i32(2)));
  std::vector<std::pair<Var, Expr>> lets = {
      {linear, plus(times(rawY, k.grid[0]), rawX)},
      {p, div(linear, panelBlocks)},
      {o, mod(linear, panelBlocks)},
      {h, minOf(i32(panel), minus(gMajor, times(p, i32(panel))))},
      {k.blockVars[major], plus(times(p, i32(panel)), mod(o, h))},
      {k.blockVars[minor], fold(std::make_shared<ir::Select>(odd, minus(minus(gMinor, i32(1)), walk), walk))},
  };
  k.blockVars[0] = rawX;
  k.blockVars[1] = rawY;
  for (auto l = lets.rbegin(); l != lets.rend(); ++l)
    k.body = std::make_shared<SLet>(l->first, l->second, k.body);
}

} // namespace tilec::gpu
