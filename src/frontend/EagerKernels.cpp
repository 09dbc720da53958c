// The eager style (TileLang, May 2026): a `@tilelang.jit` def whose own body opens
// `with T.Kernel` is the kernel itself. Its body declares its sizes (`M, N = T.const("M, N")`,
// `T.dynamic(...)`), annotates its tensor parameters where it stands (`A: T.Tensor((M, K), dt)`),
// allocates its outputs (`C = T.empty((M, N), dt)`) and returns them. Other parameters are
// compile-time values (block sizes, dtypes). `matmul.compile(M=1024, block_M=128, ...)` (or a
// call, `matmul(block_M=128)`) specialises it; the specialised function is the kernel.
#include "frontend/Evaluator.h"
#include "frontend/Names.h"

#include <algorithm>
#include <cctype>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

bool isKernelLaunch(const ast::Expr &e) {
  const auto *call = e.dyn_cast<ast::Call>();
  if (!call)
    return false;
  if (const auto *a = call->func->dyn_cast<ast::Attribute>())
    return a->attr == "Kernel";
  return false;
}

// Walks the statements of a body, not entering nested defs or classes (their bodies are other
// functions).
template <class Visit> void walkOwnStatements(const ast::StmtList &body, const Visit &visit) {
  for (const ast::StmtPtr &s : body) {
    visit(*s);
    if (auto *i = s->dyn_cast<ast::If>()) {
      walkOwnStatements(i->body, visit);
      walkOwnStatements(i->orelse, visit);
    } else if (auto *f = s->dyn_cast<ast::For>()) {
      walkOwnStatements(f->body, visit);
    } else if (auto *w = s->dyn_cast<ast::While>()) {
      walkOwnStatements(w->body, visit);
    } else if (auto *t = s->dyn_cast<ast::Try>()) {
      walkOwnStatements(t->body, visit);
    }
  }
}

bool opensKernel(const ast::StmtList &body) {
  bool found = false;
  walkOwnStatements(body, [&](const ast::Stmt &s) {
    if (auto *w = s.dyn_cast<ast::With>())
      for (const ast::WithItem &item : w->items)
        found = found || isKernelLaunch(*item.contextExpr);
  });
  return found;
}

std::vector<const ast::Arg *> parametersOf(const ast::Arguments &params) {
  std::vector<const ast::Arg *> all;
  for (const std::vector<ast::Arg> *group : {&params.posonly, &params.args, &params.kwonly})
    for (const ast::Arg &a : *group)
      all.push_back(&a);
  return all;
}

// The parameters the body annotates without assigning (`A: T.Tensor((M, K), dtype)`).
std::vector<std::string> annotatedParameters(const ast::FunctionDef &def) {
  std::vector<std::string> names;
  for (const ast::Arg *a : parametersOf(def.args)) {
    bool annotated = false;
    walkOwnStatements(def.body, [&](const ast::Stmt &s) {
      if (auto *ann = s.dyn_cast<ast::AnnAssign>(); ann && !ann->value)
        if (auto *n = ann->target->dyn_cast<ast::Name>(); n && n->id == a->name)
          annotated = true;
    });
    if (annotated)
      names.push_back(a->name);
  }
  return names;
}

bool contains(const std::vector<std::string> &names, const std::string &name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// "M, N, K" (commas and/or spaces) → {"M", "N", "K"}.
std::vector<std::string> splitNames(const std::string &text) {
  std::vector<std::string> names;
  std::string current;
  for (char c : text + ",") {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty())
        names.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return names;
}

bool isIdentifier(const std::string &s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
    return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string describeLoc(SourceLoc loc) {
  if (!loc.valid())
    return "?";
  return loc.file->path() + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

Value oneOrTuple(std::vector<Value> values) {
  return values.size() == 1 ? values[0] : Value::tuple(std::move(values));
}

} // namespace

void markEager(Function &fn) {
  if (!fn.def || !opensKernel(fn.def->body))
    return;
  fn.isEager = true;
  fn.tensorParams = annotatedParameters(*fn.def);
}

// ---------------------------------------------------------------------------------------------
// Specialisation: `matmul.compile(M=1024, block_M=128)`, `matmul(block_M=128)`

Value Evaluator::specialiseEager(const Function &fn, CallArgs &args, bool compileForm) {
  if (kernel_)
    fail(args.loc, "cannot call the eager kernel '" + fn.name + "' from inside a kernel; use "
                   "@T.macro for code shared between kernels");
  auto binding = std::make_shared<EagerBinding>();
  binding->loc = args.loc;
  std::vector<std::string> parameterNames;
  for (const ast::Arg *a : parametersOf(*fn.args))
    parameterNames.push_back(a->name);
  if (compileForm && !args.args.empty())
    fail(args.argLocs[0], fn.name + ".compile() takes keyword arguments only: parameters and "
                          "T.const sizes by name, e.g. " + fn.name + ".compile(M=1024, block_M=128)");
  binding->args = args.args;
  binding->argLocs = args.argLocs;
  for (const auto &[name, value] : args.keywords) {
    if (contains(parameterNames, name) || !compileForm) {
      binding->keywords.emplace_back(name, value);
      continue;
    }
    if (!value.is(K::Int))
      fail(args.loc, "the T.const size '" + name + "' given to " + fn.name +
                         ".compile() must be an integer, got " + repr(value));
    binding->consts[name] = value.intValue;
  }
  auto kernel = std::make_shared<Function>(fn);
  kernel->isPrimFunc = true;
  kernel->eager = binding;
  Value v;
  v.kind = K::Function;
  v.function = kernel;
  noteKernelBuilt(v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// The kernel

ir::PrimFuncPtr Evaluator::buildEagerKernel(const Function &kernel) {
  const EagerBinding &binding = *kernel.eager;
  KernelBuilder builder(kernel.name, kernel.loc);
  EagerRun run;
  run.fn = &kernel;
  Frame frame;
  frame.depth = frame_->depth + 1;
  frame.isKernelBody = true;
  Restore<KernelBuilder *> active(kernel_, &builder);
  Restore<EagerRun *> eager(eager_, &run);
  Env *scope = newEnv(kernel.closure);
  Restore<Env *> env(env_, scope);

  // Tensor parameters the call left out stand for an error until their annotation binds them.
  CallArgs args;
  args.args = binding.args;
  args.argLocs = binding.argLocs;
  args.keywords = binding.keywords;
  args.loc = binding.loc;
  std::vector<const ast::Arg *> params = parametersOf(*kernel.args);
  for (size_t i = 0; i < params.size(); ++i) {
    const std::string &name = params[i]->name;
    if (!contains(kernel.tensorParams, name))
      continue;
    bool byKeyword = std::any_of(args.keywords.begin(), args.keywords.end(),
                                 [&](const auto &kw) { return kw.first == name; });
    bool positional = i < kernel.args->posonly.size() + kernel.args->args.size() &&
                      i < args.args.size();
    if (positional || byKeyword) {
      const Value &given = positional ? args.args[i] : std::find_if(args.keywords.begin(),
                           args.keywords.end(), [&](const auto &kw) { return kw.first == name; })->second;
      if (!given.is(K::TensorType))
        fail(positional ? args.argLocs[i] : args.loc,
             "'" + name + "' is a tensor parameter of " + kernel.name + " (annotated in its body); "
             "pass T.Tensor(shape, dtype) or leave it out, got " + typeName(given));
      run.callTypes[name] = given;
      continue;
    }
    args.keywords.emplace_back(
        name, deferredError(CompileError(params[i]->loc, "tensor parameter '" + name +
                                                             "' is used before its annotation "
                                                             "(" + name + ": T.Tensor(shape, dtype))")));
  }
  bindParameters(kernel, args, *scope);

  Restore<Frame *> body(frame_, &frame);
  for (const auto &[name, annotation] : kernel.annotations)
    builder.func().annotations[name] = annotation;
  execBlock(*kernel.body);

  for (const EagerRun::Output &out : run.outputs)
    if (!out.returned)
      fail(out.loc, "the output tensor '" + out.buffer->name + "' made by T.empty is never "
                    "returned; an eager kernel's outputs are the T.empty tensors it returns "
                    "(return " + out.buffer->name + ")");
  for (const std::string &name : kernel.tensorParams)
    if (!run.annotated.count(name))
      fail(kernel.loc, "tensor parameter '" + name + "' of " + kernel.name +
                           " is never annotated on this path; its annotation (" + name +
                           ": T.Tensor(shape, dtype)) gives its shape");
  ir::PrimFuncPtr func = builder.finish(dynamicSizes_);
  // The signature: tensor parameters in the def's order, then the outputs in T.empty order.
  auto rank = [&](const ir::Buffer &b) {
    auto it = std::find(kernel.tensorParams.begin(), kernel.tensorParams.end(), b->name);
    return it == kernel.tensorParams.end() ? kernel.tensorParams.size()
                                           : static_cast<size_t>(it - kernel.tensorParams.begin());
  };
  std::stable_sort(func->params.begin(), func->params.end(),
                   [&](const ir::Buffer &a, const ir::Buffer &b) { return rank(a) < rank(b); });
  func->emptyOutputs = run.outputs.size();
  return func;
}

// `A: T.Tensor((M, K), dtype)` in an eager body: the tensor parameter A gets its shape here.
bool Evaluator::stageEagerAnnotation(const ast::AnnAssign &stmt) {
  if (!eager_ || stmt.value || !frame_->isKernelBody)
    return false;
  const auto *target = stmt.target->dyn_cast<ast::Name>();
  if (!target || !contains(eager_->fn->tensorParams, target->id))
    return false;
  const std::string &name = target->id;
  if (eager_->annotated.count(name))
    fail(stmt.loc, "tensor parameter '" + name + "' is annotated twice");
  if (kernel_->inLaunch())
    fail(stmt.loc, "annotate tensor parameter '" + name + "' before 'with T.Kernel(...)'");
  Value type = eval(*stmt.annotation);
  if (!type.is(K::TensorType))
    fail(stmt.annotation->loc, "tensor parameter '" + name + "' must be annotated with "
                               "T.Tensor(shape, dtype) or T.Tensor[shape, dtype], got " +
                               typeName(type));
  ir::Buffer buffer = addTensorParam(name, *type.tensorType, target->loc, stmt.annotation->loc);
  auto given = eager_->callTypes.find(name);
  if (given != eager_->callTypes.end())
    checkCallType(name, *given->second.tensorType, buffer, stmt.annotation->loc);
  eager_->annotated.insert(name);
  env_->set(name, Value::fromBuffer(buffer), 0);
  return true;
}

// The call passed `T.Tensor(shape, dtype)` for a tensor parameter: it must agree with the
// annotation wherever both are known.
void Evaluator::checkCallType(const std::string &name, const TensorType &given,
                              const ir::Buffer &annotated, SourceLoc loc) {
  std::string callText = "the call (" + eager_->fn->name + " at " +
                         describeLoc(eager_->fn->eager->loc) + ")";
  if (given.shape.size() != annotated->rank())
    fail(loc, "'" + name + "' has " + std::to_string(annotated->rank()) +
                  " dimensions here but " + callText + " passes a tensor of " +
                  std::to_string(given.shape.size()));
  for (size_t d = 0; d < given.shape.size(); ++d) {
    std::optional<int64_t> here = ir::asConstInt(annotated->shape[d]);
    const Value &there = given.shape[d];
    if (here && there.is(K::Int) && *here != there.intValue)
      fail(loc, "shape mismatch for '" + name + "': dimension " + std::to_string(d) + " is " +
                    std::to_string(*here) + " here but " + std::to_string(there.intValue) +
                    " in " + callText);
  }
  ir::DType dtype = toDType(Value::string(given.dtype), loc, "the dtype of " + name);
  if (dtype != annotated->dtype)
    fail(loc, "dtype mismatch for '" + name + "': " + std::string(ir::dtypeName(annotated->dtype)) +
                  " here but " + ir::dtypeName(dtype) + " in " + callText);
}

// `C = T.empty((M, N), dtype)`: an output tensor of the eager kernel.
Value Evaluator::eagerEmpty(CallArgs &args) {
  auto a = bindBuiltinArgs(args, "T.empty", {"shape", "dtype"}, 2);
  if (!eager_ || !kernel_)
    fail(args.loc, "T.empty makes an output tensor of an eager kernel (a @tilelang.jit def whose "
                   "body opens 'with T.Kernel'); a @T.prim_func takes its outputs as parameters");
  if (kernel_->inLaunch())
    fail(args.loc, "T.empty makes an output tensor; call it before 'with T.Kernel(...)'");
  TensorType type;
  type.shape = a[0]->isSequence() ? a[0]->elements() : std::vector<Value>{*a[0]};
  type.dtype = strOf(*a[1]);
  std::string name = pendingName_.empty() ? "out" + std::to_string(eager_->outputs.size())
                                          : pendingName_;
  pendingName_.clear();
  ir::Buffer buffer = addTensorParam(name, type, args.loc, args.loc);
  eager_->outputs.push_back({buffer, args.loc, false});
  return Value::fromBuffer(buffer);
}

// `return C` / `return C, D` at the end of an eager body.
void Evaluator::eagerReturn(const Value &value, SourceLoc loc) {
  std::vector<Value> items = value.isSequence() ? value.elements() : std::vector<Value>{value};
  if (value.is(K::None))
    items.clear();
  for (const Value &v : items) {
    auto out = std::find_if(eager_->outputs.begin(), eager_->outputs.end(), [&](const auto &o) {
      return v.is(K::Buffer) && o.buffer == v.buffer;
    });
    if (out == eager_->outputs.end())
      fail(loc, "an eager kernel returns the output tensors it made with T.empty, got " +
                    (v.is(K::Buffer) ? "the tensor '" + v.buffer->name + "'" : typeName(v)));
    out->returned = true;
  }
}

// The shape a tensor annotation spells, `T.Tensor((M, K), dt)` or `T.Tensor[[M, K], dt]`.
static const ast::ExprList *annotatedShape(const ast::Expr &annotation) {
  const ast::Expr *shape = nullptr;
  if (const auto *call = annotation.dyn_cast<ast::Call>(); call && !call->args.empty())
    shape = call->args[0].get();
  else if (const auto *sub = annotation.dyn_cast<ast::Subscript>()) {
    const auto *t = sub->slice->dyn_cast<ast::Tuple>();
    shape = t && !t->elts.empty() ? t->elts[0].get() : sub->slice.get();
  }
  if (const auto *t = shape ? shape->dyn_cast<ast::Tuple>() : nullptr)
    return &t->elts;
  if (const auto *l = shape ? shape->dyn_cast<ast::List>() : nullptr)
    return &l->elts;
  return nullptr;
}

// TileLang infers a T.const from the tensors a call passes: `matmul(A, B)` with A a
// `torch.randn(64, 32)` (a tensor type at compile time) binds M=64, K=32 where A's annotation
// is `A: T.Tensor((M, K), ...)`. The size of `name` so given, if any.
std::optional<int64_t> Evaluator::constFromCallTypes(const std::string &name) {
  if (!eager_ || !eager_->fn->def)
    return std::nullopt;
  for (const ast::StmtPtr &stmt : eager_->fn->def->body) {
    const auto *ann = stmt->dyn_cast<ast::AnnAssign>();
    const auto *target = ann ? ann->target->dyn_cast<ast::Name>() : nullptr;
    auto given = target ? eager_->callTypes.find(target->id) : eager_->callTypes.end();
    if (given == eager_->callTypes.end())
      continue;
    const ast::ExprList *dims = annotatedShape(*ann->annotation);
    const std::vector<Value> &shape = given->second.tensorType->shape;
    for (size_t d = 0; dims && d < dims->size() && d < shape.size(); ++d)
      if (const auto *n = (*dims)[d]->dyn_cast<ast::Name>(); n && n->id == name && shape[d].is(K::Int))
        return shape[d].intValue;
  }
  return std::nullopt;
}

// `M, N, K = T.const("M, N, K")`: sizes fixed at compile time, bound by `.compile(M=...)` or -D.
Value Evaluator::eagerConst(CallArgs &args) {
  auto a = bindBuiltinArgs(args, "T.const", {"names"}, 1);
  if (!a[0]->is(K::Str))
    fail(args.loc, "T.const takes the sizes' names in one string, e.g. T.const(\"M, N, K\")");
  std::vector<std::string> names = splitNames(a[0]->str);
  if (names.empty())
    fail(args.loc, "T.const needs at least one name");
  std::vector<Value> values;
  for (const std::string &name : names) {
    if (!isIdentifier(name))
      fail(args.loc, "T.const: '" + name + "' is not a name");
    if (eager_ && eager_->fn->eager) {
      auto bound = eager_->fn->eager->consts.find(name);
      if (bound != eager_->fn->eager->consts.end()) {
        values.push_back(Value::integer(bound->second));
        continue;
      }
    }
    auto defined = defines_.find(name);
    if (defined != defines_.end()) {
      values.push_back(Value::integer(defined->second));
      continue;
    }
    if (std::optional<int64_t> fromCall = constFromCallTypes(name)) {
      values.push_back(Value::integer(*fromCall));
      continue;
    }
    std::string fn = eager_ ? eager_->fn->name : "kernel";
    fail(args.loc, "the T.const size '" + name + "' is not bound; give it a value with " + fn +
                       ".compile(" + name + "=...) in --call, or with -D " + name + "=...");
  }
  return oneOrTuple(std::move(values));
}

// `T.dynamic("M, N")`: sizes known only at run time, one symbolic size per name.
Value Evaluator::dynamicSizes(CallArgs &args, const std::string &fname) {
  auto a = bindBuiltinArgs(args, fname, {"name", "dtype"}, 1);
  if (!a[0]->is(K::Str))
    fail(args.loc, fname + " takes the size's name as a string, e.g. " + fname + "(\"M\")");
  std::vector<std::string> names = splitNames(a[0]->str);
  if (names.empty())
    fail(args.loc, fname + " needs at least one name");
  std::vector<Value> values;
  for (const std::string &name : names) {
    if (!isIdentifier(name))
      fail(args.loc, fname + ": '" + name + "' is not a name");
    auto [it, inserted] = dynamicSizes_.try_emplace(name, nullptr);
    if (inserted)
      it->second = ir::var(name, ir::DType::Int32, args.loc);
    values.push_back(Value::fromExpr(it->second));
  }
  return oneOrTuple(std::move(values));
}

} // namespace tilec::frontend
