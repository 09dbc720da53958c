// run(): binds sizes, parameters and per-block tiles, compiles the body once, then executes every
// block of the grid in turn.
#include "interp/Interpreter.h"

#include "interp/Runtime.h"

namespace tilec::interp {

using detail::BufferState;
using detail::Compiler;

namespace {

std::vector<int64_t> rowMajorStrides(const std::vector<int64_t> &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;)
    strides[d - 1] = strides[d] * shape[d];
  return strides;
}

int64_t product(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

void bindSizes(Compiler &c, const ir::PrimFunc &f, const SizeBindings &sizes) {
  for (const ir::Var &v : f.sizeVars) {
    auto it = sizes.find(v->name);
    if (it == sizes.end())
      fail(v->loc.valid() ? v->loc : f.loc,
           "no value for the symbolic size '" + v->name + "' (pass -D " + v->name + "=<value>)");
    c.bindConstant(v.get(), static_cast<double>(it->second));
  }
}

// Everything one execution of a kernel needs, in a form the compiled code points into.
struct Program {
  std::vector<std::unique_ptr<BufferState>> buffers; // stable addresses for the code objects
  std::vector<BufferState *> allocs;
  std::vector<int64_t> grid;
  std::vector<int> blockSlots;
  detail::StmtPtr body;
  int numSlots = 0;
};

BufferState &addState(Program &p, Compiler &c, const ir::Buffer &b) {
  auto state = std::make_unique<BufferState>();
  state->name = b->name;
  state->dtype = b->dtype;
  state->shape = c.concreteShape(*b);
  state->strides = rowMajorStrides(state->shape);
  state->loc = b->loc;
  c.bindBuffer(b.get(), state.get());
  p.buffers.push_back(std::move(state));
  return *p.buffers.back();
}

void bindParams(Program &p, Compiler &c, const ir::PrimFunc &f, std::vector<Tensor> &args) {
  if (args.size() != f.params.size())
    fail(f.loc, "kernel '" + f.name + "' takes " + std::to_string(f.params.size()) +
                    " tensors, got " + std::to_string(args.size()));
  for (size_t i = 0; i < args.size(); ++i) {
    BufferState &b = addState(p, c, f.params[i]);
    Tensor &t = args[i];
    if (t.shape != b.shape || static_cast<int64_t>(t.data.size()) != product(b.shape))
      fail(b.loc.valid() ? b.loc : f.loc, "tensor for '" + b.name + "' has shape " +
                                              detail::formatList(t.shape) + ", the kernel expects " +
                                              detail::formatList(b.shape));
    b.data = t.data.data();
  }
}

void bindAllocs(Program &p, Compiler &c, const ir::PrimFunc &f) {
  for (const ir::Buffer &a : f.allocs) {
    BufferState &b = addState(p, c, a);
    b.storage.assign(static_cast<size_t>(product(b.shape)), 0.0);
    b.data = b.storage.data();
    p.allocs.push_back(&b);
  }
}

void bindGrid(Program &p, Compiler &c, const ir::PrimFunc &f) {
  if (f.grid.size() != f.blockVars.size())
    fail(f.loc, "kernel grid has " + std::to_string(f.grid.size()) + " extents but " +
                    std::to_string(f.blockVars.size()) + " block variables");
  // Every extent is evaluated before any block index gets a slot, so an extent can only
  // depend on sizes (constants) and evaluating it reads no slot.
  for (size_t d = 0; d < f.grid.size(); ++d) {
    double extent = c.compile(f.grid[d])->eval(nullptr);
    if (!(extent >= 0 && extent <= 0x1p40))
      fail(f.loc, "grid extent " + std::to_string(d) + " is invalid (" + std::to_string(extent) + ")");
    p.grid.push_back(static_cast<int64_t>(extent));
  }
  for (const ir::Var &v : f.blockVars)
    p.blockSlots.push_back(c.declareSlot(v.get()));
}

// Block indices in CUDA order: the first grid dimension (bx) varies fastest.
template <class F> void forEachBlock(const std::vector<int64_t> &grid, F f) {
  for (int64_t e : grid)
    if (e == 0)
      return;
  std::vector<int64_t> idx(grid.size(), 0);
  while (true) {
    f(idx);
    size_t d = 0;
    while (d < grid.size() && ++idx[d] == grid[d])
      idx[d++] = 0;
    if (d == grid.size())
      return;
  }
}

} // namespace

void run(const ir::PrimFunc &f, std::vector<Tensor> &args, const SizeBindings &sizes) {
  Compiler c(sizes);
  Program p;
  bindSizes(c, f, sizes);
  bindParams(p, c, f, args);
  bindAllocs(p, c, f);
  bindGrid(p, c, f);
  p.body = c.compile(f.body);
  std::vector<double> slots(static_cast<size_t>(c.numSlots()) + 1, 0.0);
  forEachBlock(p.grid, [&](const std::vector<int64_t> &block) {
    for (BufferState *a : p.allocs) // tiles are fresh, zeroed, in every block
      std::fill(a->storage.begin(), a->storage.end(), 0.0);
    for (size_t d = 0; d < block.size(); ++d)
      slots[p.blockSlots[d]] = static_cast<double>(block[d]);
    p.body->exec(slots.data());
  });
}

// Exposed for makeInputs: the concrete shape of every parameter.
std::vector<std::vector<int64_t>> concreteParamShapes(const ir::PrimFunc &f, const SizeBindings &sizes) {
  Compiler c(sizes);
  bindSizes(c, f, sizes);
  std::vector<std::vector<int64_t>> shapes;
  for (const ir::Buffer &b : f.params)
    shapes.push_back(c.concreteShape(*b));
  return shapes;
}

} // namespace tilec::interp
