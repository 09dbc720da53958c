// IR staging: the kernel constructs of a `@T.prim_func` body turned into Tile IR while the meta
// level runs it. The signature becomes the kernel's tensors and sizes, `with T.Kernel` its
// launch, a range over kernel values a loop, an `if` on a run-time condition an IfThenElse, a
// subscript assignment a store, and a scalar that reads memory a let. The bodies of these
// constructs are evaluated by the meta level (MetaStatements.cpp), which calls back here for
// whatever inside them reaches the kernel. `T.` calls are staged in TileOps.cpp.
#include "frontend/Evaluator.h"
#include "frontend/Operators.h"
#include "ir/Accesses.h"

namespace tilec::frontend {

namespace {

using K = Value::Kind;

bool hasLoad(const ir::Expr &e) {
  if (!e)
    return false;
  switch (e->kind) {
  case ir::ExprKind::Load: return true;
  case ir::ExprKind::Binary: {
    auto *b = e->as<ir::Binary>();
    return hasLoad(b->a) || hasLoad(b->b);
  }
  case ir::ExprKind::Unary: return hasLoad(e->as<ir::Unary>()->a);
  case ir::ExprKind::Cast: return hasLoad(e->as<ir::Cast>()->value);
  case ir::ExprKind::Select: {
    auto *s = e->as<ir::Select>();
    return hasLoad(s->cond) || hasLoad(s->a) || hasLoad(s->b);
  }
  case ir::ExprKind::Call: {
    for (const ir::Expr &a : e->as<ir::Call>()->args)
      if (hasLoad(a))
        return true;
    return false;
  }
  default: return false;
  }
}

std::string plural(size_t n, const std::string &word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// `A[i, j]` with an index per dimension and no slice: one element, a scalar.
bool isElementAccess(const BufferAccess &a) {
  for (const AccessIndex &idx : a.indices)
    if (idx.isSlice)
      return false;
  return a.indices.size() == a.buffer->rank();
}

// The names `for i in ...` / `for i, j in ...` binds; a kernel loop binds only plain names.
std::vector<const ast::Name *> loopVariableNames(const ast::Expr &target) {
  if (auto *n = target.dyn_cast<ast::Name>())
    return {n};
  const ast::ExprList *elts = nullptr;
  if (auto *t = target.dyn_cast<ast::Tuple>())
    elts = &t->elts;
  else if (auto *l = target.dyn_cast<ast::List>())
    elts = &l->elts;
  if (!elts)
    fail(target.loc, "a kernel loop variable must be a name or a tuple of names");
  std::vector<const ast::Name *> names;
  for (const ast::ExprPtr &e : *elts) {
    auto *n = e->dyn_cast<ast::Name>();
    if (!n)
      fail(e->loc, "a kernel loop variable must be a plain name");
    names.push_back(n);
  }
  return names;
}

// The names `with T.Kernel(...) as (bx, by):` binds, one per grid dimension.
std::vector<const ast::Name *> blockIndexNames(const ast::WithItem &item, size_t gridDims) {
  std::vector<const ast::Name *> names;
  if (!item.optionalVars)
    return names;
  const ast::Expr &vars = *item.optionalVars;
  if (auto *n = vars.dyn_cast<ast::Name>()) {
    names.push_back(n);
  } else if (auto *t = vars.dyn_cast<ast::Tuple>()) {
    for (const ast::ExprPtr &e : t->elts) {
      auto *n = e->dyn_cast<ast::Name>();
      if (!n)
        fail(e->loc, "block index variables must be plain names");
      names.push_back(n);
    }
  } else {
    fail(vars.loc, "block index variables must be a name or a tuple of names");
  }
  if (names.size() != gridDims)
    fail(vars.loc, "T.Kernel has " + plural(gridDims, "grid dimension") + " but 'as' binds " +
                       std::to_string(names.size()) + (names.size() == 1 ? " name" : " names"));
  return names;
}

} // namespace

int Evaluator::controlDepth() const { return kernel_ ? kernel_->controlDepth() : 0; }

KernelBuilder &Evaluator::requireKernel(const std::string &op, SourceLoc loc) {
  if (!kernel_)
    fail(loc, op + " can only be used inside a @T.prim_func kernel");
  return *kernel_;
}

// ---------------------------------------------------------------------------------------------
// The kernel and its signature

ir::PrimFuncPtr Evaluator::buildKernel(const Function &kernel) {
  if (kernel.eager)
    return buildEagerKernel(kernel);
  if (!kernel.def)
    fail(kernel.loc, "a kernel must be a def decorated with @T.prim_func");
  KernelBuilder builder(kernel.name, kernel.loc);
  Frame frame;
  frame.depth = frame_->depth + 1;
  frame.isKernelBody = true;
  Restore<KernelBuilder *> active(kernel_, &builder);
  Restore<Env *> scope(env_, newEnv(kernel.closure));
  Restore<Frame *> body(frame_, &frame);
  buildSignature(kernel);
  for (const auto &[name, args] : kernel.annotations)
    builder.func().annotations[name] = args;
  execBlock(*kernel.body);
  return builder.finish(dynamicSizes_);
}

// Each parameter is a global tensor; its annotation gives shape and dtype. Free names in shapes
// become the kernel's symbolic sizes (unless -D binds them).
void Evaluator::buildSignature(const Function &kernel) {
  const ast::Arguments &params = *kernel.args;
  if (params.elided)
    fail(kernel.loc, "kernel '" + kernel.name + "' has an elided parameter list '(...)'; list "
                     "its tensor parameters, e.g. A: T.Tensor((M, K), \"float16\")");
  if (params.vararg || params.kwarg)
    fail(kernel.loc, "kernel '" + kernel.name + "' cannot take *args or **kwargs");
  std::vector<const ast::Arg *> all;
  for (const std::vector<ast::Arg> *group : {&params.posonly, &params.args, &params.kwonly})
    for (const ast::Arg &a : *group)
      all.push_back(&a);
  for (const ast::Arg *param : all) {
    if (!param->annotation)
      fail(param->loc, "kernel parameter '" + param->name + "' needs a tensor annotation, e.g. " +
                           param->name + ": T.Tensor((M, K), \"float16\")");
    Value type;
    {
      Restore<bool> signature(signatureMode_, true);
      type = eval(*param->annotation);
    }
    if (type.is(K::DType) || (type.is(K::Builtin) && (type.str == "int" || type.str == "float"))) {
      bindScalarParam(*param, type);
      continue;
    }
    if (!type.is(K::TensorType))
      fail(param->annotation->loc, "kernel parameter '" + param->name +
                                       "' must be annotated with T.Tensor(shape, dtype) or "
                                       "T.Buffer[shape, dtype], got " + typeName(type));
    ir::Buffer buffer =
        addTensorParam(param->name, *type.tensorType, param->loc, param->annotation->loc);
    env_->set(param->name, Value::fromBuffer(buffer), 0);
  }
}

// `seqlen: T.int32`: an integer known only at run time, like a T.dynamic size. It becomes one of the
// kernel's symbolic sizes (passed after the tensors; `tilec run` takes its value from -D), so it
// may appear in index arithmetic, loop bounds, guards and tensor shapes alike.
void Evaluator::bindScalarParam(const ast::Arg &param, const Value &type) {
  bool isInt32 = (type.is(K::DType) && type.str == "int32") || (type.is(K::Builtin) && type.str == "int");
  if (!isInt32)
    fail(param.annotation->loc,
         "scalar kernel parameter '" + param.name + "' has type " +
             (type.is(K::DType) ? type.str : type.str.substr(type.str.rfind('.') + 1)) +
             "; scalar parameters must be T.int32 (run-time sizes and offsets); pass other scalars "
             "as a factory argument (a compile-time constant) or in a one-element tensor");
  ir::Var size = kernel_->sizeVar(param.name, param.loc);
  env_->set(param.name, Value::fromExpr(size), 0);
}

ir::Buffer Evaluator::addTensorParam(const std::string &name, const TensorType &type,
                                     SourceLoc paramLoc, SourceLoc annotationLoc) {
  std::vector<ir::Expr> shape;
  for (const Value &dim : type.shape) {
    ir::Expr e = toExpr(dim, annotationLoc, "a dimension of " + name);
    if (!ir::isInt(e->dtype))
      fail(annotationLoc, "a dimension of " + name + " must be an integer, got " + repr(dim));
    kernel_->noteSizes(e);
    shape.push_back(e);
  }
  ir::DType dtype = toDType(Value::string(type.dtype), annotationLoc, "the dtype of " + name);
  return kernel_->addParam(name, std::move(shape), dtype, paramLoc);
}

// ---------------------------------------------------------------------------------------------
// Control flow that reaches the kernel

// `with T.Kernel(g0, g1, threads=...) as (bx, by):` opens the launch; the names are block indices.
Evaluator::Flow Evaluator::stageLaunch(const ast::With &stmt) {
  if (stmt.items.size() != 1)
    fail(stmt.loc, "only 'with T.Kernel(...) as ...:' is supported, with a single item");
  const ast::WithItem &item = stmt.items[0];
  Value context = eval(*item.contextExpr);
  if (!context.is(K::Launch))
    fail(item.contextExpr->loc, "unsupported 'with' context (" + typeName(context) +
                                    "); kernels use 'with T.Kernel(...) as (bx, by):'");
  KernelBuilder &kb = requireKernel("'with T.Kernel(...)'", stmt.loc);
  const KernelLaunch &launch = *context.launch;
  std::vector<const ast::Name *> names = blockIndexNames(item, launch.grid.size());
  static const char *defaultNames[] = {"bx", "by", "bz"};
  std::vector<ir::Expr> grid;
  std::vector<ir::Var> blockVars;
  for (size_t d = 0; d < launch.grid.size(); ++d) {
    grid.push_back(toExpr(launch.grid[d], launch.loc, "a T.Kernel grid extent"));
    std::string name = d < names.size() ? names[d]->id : defaultNames[d];
    blockVars.push_back(ir::var(name, ir::DType::Int32, d < names.size() ? names[d]->loc : stmt.loc));
  }
  kb.openLaunch(grid, blockVars, launch.threads, stmt.loc);
  for (size_t d = 0; d < names.size(); ++d)
    env_->set(names[d]->id, Value::fromExpr(blockVars[d]), kb.controlDepth());
  Flow flow = execBlock(stmt.body);
  kb.closeLaunch();
  return flow;
}

// `for v0, v1 in T.Persistent([d0, d1], wave, index, group_size=g)`, TileLang's persistent loop:
// the tile domain is walked in groups of g along its last dimension (grouped domain
// [ceil(d1 / g), d0, g]); wave w of the block with `index` takes tile t = w * wave + index of it,
// decomposed in that mixed radix (last digit fastest): v0 = digit 1, v1 = digit 0 * g + digit 2.
// A serial loop over ceil(size / wave) waves whose body runs when t is in the grouped domain and
// v1 < d1 (the last group may overhang).
void Evaluator::stagePersistent(const ast::For &stmt, const LoopRange &range) {
  KernelBuilder &kb = requireKernel("T.Persistent loop", stmt.loc);
  const PersistentDomain &p = *range.persistent;
  std::vector<const ast::Name *> names = loopVariableNames(*stmt.target);
  size_t dims = p.domain.size();
  if (names.size() != dims)
    fail(stmt.target->loc, "T.Persistent makes " + plural(dims, "loop variable") + " but the loop binds " +
                               std::to_string(names.size()));
  SourceLoc loc = stmt.iter->loc;
  auto op = [&](ast::BinOpKind k, const Value &a, const Value &b) { return binaryOperation(k, a, b, loc); };
  auto ceilDiv = [&](const Value &a, const Value &b) {
    return op(ast::BinOpKind::FloorDiv, op(ast::BinOpKind::Sub, op(ast::BinOpKind::Add, a, b), Value::integer(1)), b);
  };
  const Value &last = p.domain.back();
  // g = max(1, min(group_size, last extent))
  Value group = p.groupSize;
  if (group.is(K::Int) && last.is(K::Int))
    group = Value::integer(std::max<int64_t>(1, std::min(group.intValue, last.intValue)));
  else if (!group.is(K::Int) || group.intValue < 1)
    fail(loc, "T.Persistent's group_size must be a positive integer known at compile time");
  std::vector<Value> grouped = {ceilDiv(last, group)};
  grouped.insert(grouped.end(), p.domain.begin(), p.domain.end() - 1);
  grouped.push_back(group);
  Value padded = Value::integer(1);
  for (const Value &g : grouped)
    padded = op(ast::BinOpKind::Mult, padded, g);
  ir::Var w = ir::var("w", ir::DType::Int32, stmt.loc);
  ir::Expr waves = toExpr(ceilDiv(padded, p.waveSize), loc, "the T.Persistent wave count");

  Value tile = op(ast::BinOpKind::Add, op(ast::BinOpKind::Mult, Value::fromExpr(w), p.waveSize), p.index);
  std::vector<Value> digits(grouped.size());
  Value rest = tile;
  for (size_t i = grouped.size(); i-- > 1;) {
    digits[i] = op(ast::BinOpKind::Mod, rest, grouped[i]);
    rest = op(ast::BinOpKind::FloorDiv, rest, grouped[i]);
  }
  digits[0] = rest;
  kb.openBlock();
  frame_->metaLoops.push_back(-1);
  for (size_t d = 0; d + 1 < dims; ++d)
    env_->set(names[d]->id, digits[d + 1], kb.controlDepth());
  Value lastCoord = op(ast::BinOpKind::Add, op(ast::BinOpKind::Mult, digits[0], group), digits.back());
  env_->set(names[dims - 1]->id, lastCoord, kb.controlDepth());
  kb.openBlock();
  execBlock(stmt.body);
  ir::Stmt body = kb.closeBlock(stmt.loc);
  auto less = [&](const Value &a, const Value &b) {
    return ir::binary(ir::BinaryOp::Lt, toExpr(a, loc, "a T.Persistent guard"), toExpr(b, loc, "a T.Persistent guard"), loc);
  };
  ir::Expr inDomain = ir::binary(ir::BinaryOp::And, less(tile, padded), less(lastCoord, last), stmt.loc);
  kb.emit(std::make_shared<ir::If>(inDomain, body, ir::Stmt(), stmt.loc), "a T.Persistent tile guard");
  frame_->metaLoops.pop_back();
  ir::Stmt loop = std::make_shared<ir::For>(w, ir::intImm(0, stmt.loc), waves, ir::ForKind::Serial,
                                            kb.closeBlock(stmt.loc), stmt.loc, 0);
  kb.emit(loop, "T.Persistent loop");
}

// `for i, j in T.Parallel(a, b):` → nested For nodes around the body's IR.
void Evaluator::stageLoop(const ast::For &stmt, const LoopRange &range) {
  if (range.persistent) {
    stagePersistent(stmt, range);
    return;
  }
  KernelBuilder &kb = requireKernel(range.spelling + " loop", stmt.loc);
  if (!stmt.orelse.empty())
    fail(stmt.orelse.front()->loc, "'for ... else' is not supported on kernel loops");
  std::vector<const ast::Name *> names = loopVariableNames(*stmt.target);
  size_t dims = range.stops.size();
  if (names.size() != dims)
    fail(stmt.target->loc, range.spelling + " makes " + plural(dims, "loop variable") +
                               " but the loop binds " + std::to_string(names.size()));

  std::vector<ir::Var> vars;
  std::vector<ir::Expr> mins, extents;
  std::optional<int64_t> step;
  if (range.step) {
    if (!range.step->is(K::Int))
      fail(stmt.iter->loc, "the step of a kernel loop must be a compile-time integer");
    if (range.step->intValue == 0)
      fail(stmt.iter->loc, "range() arg 3 must not be zero");
    step = range.step->intValue;
  }
  kb.openBlock();
  frame_->metaLoops.push_back(-1);
  for (size_t d = 0; d < dims; ++d) {
    ir::Var v = ir::var(names[d]->id, ir::DType::Int32, names[d]->loc);
    ir::Expr start = toExpr(range.starts[d], stmt.iter->loc, "a loop bound");
    ir::Expr stop = toExpr(range.stops[d], stmt.iter->loc, "a loop bound");
    vars.push_back(v);
    if (!step || *step == 1) {
      mins.push_back(start);
      extents.push_back(extentBetween(start, stop));
      env_->set(names[d]->id, Value::fromExpr(v), kb.controlDepth());
      continue;
    }
    // range(a, b, s): the IR loop counts iterations; the name is bound to a + v * s.
    int64_t s = *step;
    ir::Expr span = s > 0 ? extentBetween(start, stop) : extentBetween(stop, start);
    int64_t absStep = s > 0 ? s : -s;
    mins.push_back(ir::intImm(0, stmt.loc));
    if (std::optional<int64_t> n = ir::asConstInt(span))
      extents.push_back(ir::intImm(*n <= 0 ? 0 : (*n + absStep - 1) / absStep, stmt.loc));
    else
      extents.push_back(ir::binary(ir::BinaryOp::FloorDiv, ir::add(span, ir::intImm(absStep - 1)),
                                   ir::intImm(absStep), stmt.loc));
    Value scaled = binaryOperation(ast::BinOpKind::Mult, Value::fromExpr(v), Value::integer(s),
                                   stmt.loc);
    env_->set(names[d]->id,
              binaryOperation(ast::BinOpKind::Add, Value::fromExpr(start), scaled, stmt.loc),
              kb.controlDepth());
  }
  execBlock(stmt.body);
  frame_->metaLoops.pop_back();
  ir::Stmt body = kb.closeBlock(stmt.loc);
  for (size_t d = dims; d-- > 0;)
    body = std::make_shared<ir::For>(vars[d], mins[d], extents[d], range.kind, body, stmt.loc,
                                     range.numStages);
  kb.emit(body, range.spelling + " loop");
}

// `while cond:` whose condition is only known at run time (it reads a T.alloc_var the body
// updates): the loop becomes IR, tested before every iteration. The condition may read only
// thread-private scalars (T.alloc_var / T.alloc_local), so every thread tests the same value
// without a barrier; shared or global memory in it would need one before each test.
void Evaluator::stageWhile(const ast::While &stmt, const Value &test) {
  KernelBuilder &kb = requireKernel("a 'while' loop on a run-time condition", stmt.loc);
  if (!stmt.orelse.empty())
    fail(stmt.orelse.front()->loc, "'while ... else' is not supported on run-time loops");
  ir::Expr cond = toExpr(test, stmt.test->loc, "the 'while' condition");
  std::vector<ir::Access> reads = ir::accessesOf(cond);
  if (reads.empty())
    fail(stmt.test->loc, "this run-time 'while' condition reads no T.alloc_var, so nothing the loop "
                         "body does can change it: the loop would run never or forever; test a "
                         "T.alloc_var the body updates (or write an 'if')");
  for (const ir::Access &a : reads)
    if (a.buffer->scope != ir::Scope::Local)
      fail(stmt.test->loc, "a run-time 'while' condition may read T.alloc_var scalars only, but this "
                           "one reads the " + std::string(ir::scopeName(a.buffer->scope)) + " buffer " +
                           a.buffer->name + "; copy the value into a T.alloc_var in the loop body and test that");
  kb.openBlock();
  frame_->metaLoops.push_back(-1);
  execBlock(stmt.body);
  frame_->metaLoops.pop_back();
  kb.emit(std::make_shared<ir::While>(cond, kb.closeBlock(stmt.loc), stmt.loc),
          "a 'while' loop on a run-time condition");
}

// An `if` whose condition is only known at run time: both branches become IR.
void Evaluator::stageIf(const ast::If &stmt, const Value &test) {
  KernelBuilder &kb = requireKernel("an 'if' on a run-time condition", stmt.loc);
  ir::Expr cond = toExpr(test, stmt.test->loc, "the 'if' condition");
  kb.openBlock();
  execBlock(stmt.body);
  ir::Stmt thenBody = kb.closeBlock(stmt.loc);
  ir::Stmt elseBody;
  if (!stmt.orelse.empty()) {
    kb.openBlock();
    execBlock(stmt.orelse);
    elseBody = kb.closeBlock(stmt.loc);
  }
  kb.emit(std::make_shared<ir::If>(cond, thenBody, elseBody, stmt.loc),
          "an 'if' on a run-time condition");
}

// ---------------------------------------------------------------------------------------------
// Buffers and scalars

// `A[i, j]` / `A[a:b, c]` is a kernel value of its own, an access: a load where a scalar is
// needed, a region where a tile op takes one (toExpr / toRegion decide).
Value Evaluator::bufferAccess(const Value &base, const ast::Expr &index, SourceLoc loc) {
  auto access = std::make_shared<BufferAccess>();
  access->buffer = base.buffer;
  access->loc = loc;
  std::vector<const ast::Expr *> parts;
  if (auto *t = index.dyn_cast<ast::Tuple>())
    for (const ast::ExprPtr &e : t->elts)
      parts.push_back(e.get());
  else
    parts.push_back(&index);
  for (const ast::Expr *part : parts) {
    AccessIndex idx;
    idx.loc = part->loc;
    if (auto *s = part->dyn_cast<ast::Slice>()) {
      if (s->step)
        fail(s->step->loc, "slice steps are not supported on buffers");
      idx.isSlice = true;
      if (s->lower)
        idx.lower = eval(*s->lower);
      if (s->upper)
        idx.upper = eval(*s->upper);
    } else {
      idx.scalar = eval(*part);
    }
    access->indices.push_back(std::move(idx));
  }
  Value v;
  v.kind = K::Access;
  v.access = std::move(access);
  return v;
}

// `A[i, j] = value`: one element stored; whole regions are T.fill's and T.copy's.
void Evaluator::stageStore(const ast::Subscript &target, const Value &value, SourceLoc loc) {
  Value base = eval(*target.value);
  if (base.is(K::Error))
    raiseDeferred(base);
  if (!base.is(K::Buffer) && !base.is(K::ScalarVar))
    fail(target.loc, "item assignment on a " + typeName(base) +
                         " is not supported at compile time (values are immutable)");
  Value access = subscriptValue(base, *target.slice, target.loc);
  const BufferAccess &a = *access.access;
  std::string what = "a store to " + a.buffer->name;
  KernelBuilder &kb = requireKernel(what, loc);
  if (a.indices.size() != a.buffer->rank())
    fail(target.loc, a.buffer->name + " has rank " + std::to_string(a.buffer->rank()) +
                         " but the store gives " + plural(a.indices.size(), "index") );
  std::vector<ir::Expr> indices;
  for (const AccessIndex &idx : a.indices) {
    if (idx.isSlice)
      fail(idx.loc, "assigning to a slice of " + a.buffer->name +
                        " is not supported; use T.fill or T.copy for whole regions");
    indices.push_back(toExpr(idx.scalar, idx.loc, "an index of " + a.buffer->name));
  }
  ir::Expr v = toExpr(value, loc, "the value stored into " + a.buffer->name);
  kb.emit(std::make_shared<ir::Store>(a.buffer, std::move(indices), v, loc), what);
}

// `x = value` where x is a T.alloc_var: a store into its one element, not a rebinding.
void Evaluator::stageScalarVarStore(const ir::Buffer &var, const std::string &name,
                                    const Value &value, SourceLoc loc) {
  ir::Expr v = toExpr(value, loc, "the value assigned to " + name);
  kernel_->emit(std::make_shared<ir::Store>(var, std::vector<ir::Expr>{ir::intImm(0, loc)}, v, loc),
                "an assignment to " + name);
}

// A scalar that reads memory is computed once, where it is written (a LetStmt), so a later
// store to that memory does not change it, as in Python.
Value Evaluator::letIfReadsMemory(const std::string &name, const Value &value, SourceLoc loc) {
  bool scalar = value.is(K::Expr) || (value.is(K::Access) && isElementAccess(*value.access));
  if (!scalar)
    return value;
  ir::Expr e = toExpr(value, loc, "the value of " + name);
  if (!hasLoad(e))
    return value;
  ir::Var v = ir::var(name, e->dtype, loc);
  kernel_->bindLet(v, e, loc);
  return Value::fromExpr(v);
}

} // namespace tilec::frontend
