#include "frontend/Evaluator.h"

#include "frontend/Operators.h"
#include "ir/Printer.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

constexpr int kMaxCallDepth = 100;
constexpr int64_t kMaxSteps = 5'000'000;
constexpr int64_t kMaxIterationItems = 1'000'000;

// Python built-in functions the evaluator implements.
const std::set<std::string> kPythonBuiltins = {
    "range", "len",   "min",    "max",  "abs",  "int",     "float",    "str",
    "bool",  "tuple", "list",   "dict", "zip",  "enumerate", "sum",    "print",
    "isinstance", "any", "all", "round", "pow", "divmod",  "sorted",   "reversed", "set"};

// Exception classes: only ever raised, which becomes a compile error.
bool isExceptionName(const std::string &name) {
  return name.size() > 5 && (name.ends_with("Error") || name.ends_with("Exception") ||
                             name == "StopIteration" || name == "KeyboardInterrupt");
}

// `tilelang.language.X` is what `T.X` names; everything is normalised to the `T.` spelling.
std::string canonicalName(const std::string &dotted) {
  const std::string prefix = "tilelang.language";
  if (dotted == prefix)
    return "T";
  if (dotted.rfind(prefix + ".", 0) == 0)
    return "T." + dotted.substr(prefix.size() + 1);
  return dotted;
}

std::string lastComponent(const std::string &dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

std::string strOf(const Value &v) {
  if (v.is(K::Str) || v.is(K::DType))
    return v.str;
  return repr(v);
}

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

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" (Python's wording for missing arguments).
std::string quotedList(const std::vector<std::string> &names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0)
      out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += "'" + names[i] + "'";
  }
  return out;
}

std::string plural(size_t n, const std::string &word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

[[noreturn]] void raiseDeferred(const Value &v) { fail(v.error->loc, v.error->message); }

Value deferredError(const CompileError &e) {
  Value v;
  v.kind = K::Error;
  v.error = std::make_shared<DeferredError>(DeferredError{e.loc(), e.message()});
  return v;
}

// Names a statement binds (for deferring a failed module-level assignment).
void collectTargetNames(const ast::Expr &target, std::vector<std::string> &out) {
  if (auto *n = target.dyn_cast<ast::Name>())
    out.push_back(n->id);
  else if (auto *t = target.dyn_cast<ast::Tuple>())
    for (const ast::ExprPtr &e : t->elts)
      collectTargetNames(*e, out);
  else if (auto *l = target.dyn_cast<ast::List>())
    for (const ast::ExprPtr &e : l->elts)
      collectTargetNames(*e, out);
  else if (auto *s = target.dyn_cast<ast::Starred>())
    collectTargetNames(*s->value, out);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Env

Env::Binding *Env::find(const std::string &name) {
  for (Env *e = this; e; e = e->parent_)
    if (Binding *b = e->findLocal(name))
      return b;
  return nullptr;
}

Env::Binding *Env::findLocal(const std::string &name) {
  auto it = vars_.find(name);
  return it == vars_.end() ? nullptr : &it->second;
}

void Env::set(const std::string &name, Value value, int depth) {
  auto [it, inserted] = vars_.insert_or_assign(name, Binding{std::move(value), depth});
  (void)it;
  if (inserted)
    order_.push_back(name);
}

// ---------------------------------------------------------------------------------------------
// Module level

Evaluator::Evaluator(const ast::Module &module, std::map<std::string, int64_t> defines)
    : module_(module), defines_(std::move(defines)), globals_(newEnv(nullptr)), env_(globals_) {
  // Not "__main__": the `if __name__ == "__main__":` host block is never run.
  globals_->set("__name__", Value::string("__tilec__"));
}

Env *Evaluator::newEnv(Env *parent) {
  envs_.push_back(std::make_unique<Env>(parent));
  return envs_.back().get();
}

void Evaluator::runModule() {
  for (const ast::StmtPtr &stmt : module_.body)
    execModuleStatement(*stmt);
}

// Top-level statements run tolerantly: what fails to evaluate (host code using torch, argparse,
// ...) is recorded against the names it would bind and reported only if a kernel needs them.
void Evaluator::execModuleStatement(const ast::Stmt &stmt) {
  std::vector<std::string> bound;
  switch (stmt.kind) {
  case ast::StmtKind::FunctionDef:
    bound.push_back(stmt.as<ast::FunctionDef>().name);
    break;
  case ast::StmtKind::ClassDef:
    bound.push_back(stmt.as<ast::ClassDef>().name);
    break;
  case ast::StmtKind::Assign:
    for (const ast::ExprPtr &t : stmt.as<ast::Assign>().targets)
      collectTargetNames(*t, bound);
    break;
  case ast::StmtKind::AnnAssign:
    collectTargetNames(*stmt.as<ast::AnnAssign>().target, bound);
    break;
  case ast::StmtKind::AugAssign:
    collectTargetNames(*stmt.as<ast::AugAssign>().target, bound);
    break;
  case ast::StmtKind::Import:
  case ast::StmtKind::ImportFrom:
    break;
  case ast::StmtKind::If: {
    const auto &ifStmt = stmt.as<ast::If>();
    std::optional<bool> taken;
    try {
      taken = truthiness(eval(*ifStmt.test));
    } catch (const CompileError &) {
      return; // a condition on host state: neither branch is kernel code
    }
    if (!taken)
      return;
    for (const ast::StmtPtr &s : *taken ? ifStmt.body : ifStmt.orelse)
      execModuleStatement(*s);
    return;
  }
  default:
    return; // expression statements, loops, with, try: host code, not evaluated
  }
  try {
    exec(stmt);
  } catch (const CompileError &e) {
    for (const std::string &name : bound)
      globals_->set(name, deferredError(e));
  }
}

Value Evaluator::evalInModule(const ast::Expr &expr) {
  Restore<Env *> scope(env_, globals_);
  return eval(expr);
}

const Value *Evaluator::global(const std::string &name) {
  Env::Binding *b = globals_->findLocal(name);
  return b ? &b->value : nullptr;
}

void Evaluator::step(SourceLoc loc) {
  if (++steps_ > kMaxSteps)
    fail(loc, "compile-time evaluation takes too long (more than " + std::to_string(kMaxSteps) +
                  " steps); is there an endless loop?");
}

// ---------------------------------------------------------------------------------------------
// Statements

Evaluator::Flow Evaluator::execBlock(const ast::StmtList &body) {
  for (const ast::StmtPtr &stmt : body) {
    Flow flow = exec(*stmt);
    if (flow != Flow::Normal)
      return flow;
  }
  return Flow::Normal;
}

Evaluator::Flow Evaluator::exec(const ast::Stmt &stmt) {
  step(stmt.loc);
  switch (stmt.kind) {
  case ast::StmtKind::FunctionDef:
    execFunctionDef(stmt.as<ast::FunctionDef>());
    return Flow::Normal;
  case ast::StmtKind::ClassDef: {
    const auto &cls = stmt.as<ast::ClassDef>();
    bindName(cls.name, Value::named(K::Class, cls.name), cls.loc);
    return Flow::Normal;
  }
  case ast::StmtKind::Return: {
    const auto &ret = stmt.as<ast::Return>();
    if (kernel_ && kernel_->controlDepth() != callControlDepth_)
      fail(stmt.loc, "'return' inside a kernel loop or a run-time 'if' is not supported");
    if (kernel_ && callDepth_ == kernelCallDepth_)
      fail(stmt.loc, "a @T.prim_func kernel cannot return a value; it writes its output tensors");
    returnValue_ = ret.value ? eval(*ret.value) : Value::none();
    return Flow::Return;
  }
  case ast::StmtKind::Delete:
  case ast::StmtKind::Global:
  case ast::StmtKind::Nonlocal:
  case ast::StmtKind::Pass:
    return Flow::Normal;
  case ast::StmtKind::Assign:
    execAssign(stmt.as<ast::Assign>());
    return Flow::Normal;
  case ast::StmtKind::AugAssign:
    execAugAssign(stmt.as<ast::AugAssign>());
    return Flow::Normal;
  case ast::StmtKind::AnnAssign: {
    const auto &ann = stmt.as<ast::AnnAssign>();
    if (ann.value)
      assign(*ann.target, eval(*ann.value));
    return Flow::Normal;
  }
  case ast::StmtKind::For:
    return execFor(stmt.as<ast::For>());
  case ast::StmtKind::While:
    return execWhile(stmt.as<ast::While>());
  case ast::StmtKind::If:
    return execIf(stmt.as<ast::If>());
  case ast::StmtKind::With:
    return execWith(stmt.as<ast::With>());
  case ast::StmtKind::Try:
    return execTry(stmt.as<ast::Try>());
  case ast::StmtKind::Raise:
    execRaise(stmt.as<ast::Raise>());
  case ast::StmtKind::Assert:
    execAssert(stmt.as<ast::Assert>());
    return Flow::Normal;
  case ast::StmtKind::Import:
    execImport(stmt.as<ast::Import>());
    return Flow::Normal;
  case ast::StmtKind::ImportFrom:
    execImportFrom(stmt.as<ast::ImportFrom>());
    return Flow::Normal;
  case ast::StmtKind::ExprStmt: {
    const ast::Expr &value = *stmt.as<ast::ExprStmt>().value;
    if (!value.isa<ast::Constant>()) // docstrings and `...` do nothing
      eval(value);
    return Flow::Normal;
  }
  case ast::StmtKind::Break:
  case ast::StmtKind::Continue: {
    const char *what = stmt.kind == ast::StmtKind::Break ? "break" : "continue";
    if (metaLoopDepths_.empty())
      fail(stmt.loc, std::string("'") + what + "' outside a loop");
    if (metaLoopDepths_.back() < 0 || (kernel_ && kernel_->controlDepth() != metaLoopDepths_.back()))
      fail(stmt.loc, std::string("'") + what +
                         "' inside a kernel loop or under a run-time 'if' is not supported");
    return stmt.kind == ast::StmtKind::Break ? Flow::Break : Flow::Continue;
  }
  }
  return Flow::Normal;
}

void Evaluator::execFunctionDef(const ast::FunctionDef &def) {
  auto fn = std::make_shared<Function>();
  fn->name = def.name;
  fn->args = &def.args;
  fn->body = &def.body;
  fn->def = &def;
  fn->loc = def.loc;
  fn->closure = env_;
  // Defaults are evaluated now, as Python does; one that fails only matters if it is used.
  auto addDefault = [&](const ast::Arg &arg) {
    if (!arg.defaultValue)
      return;
    try {
      fn->defaults[arg.name] = eval(*arg.defaultValue);
    } catch (const CompileError &e) {
      fn->defaults[arg.name] = deferredError(e);
    }
  };
  for (const ast::Arg &a : def.args.posonly)
    addDefault(a);
  for (const ast::Arg &a : def.args.args)
    addDefault(a);
  for (const ast::Arg &a : def.args.kwonly)
    addDefault(a);

  // Decorator expressions are evaluated top to bottom and applied bottom to top.
  std::vector<Value> decorators;
  for (const ast::ExprPtr &d : def.decorators)
    decorators.push_back(evalDecorator(*d));
  Value result;
  result.kind = K::Function;
  result.function = fn;
  for (size_t i = decorators.size(); i-- > 0;)
    result = applyDecorator(decorators[i], result, def.decorators[i]->loc);
  bindName(def.name, result, def.loc);
}

// `@name(args)` where `name` comes from a library tilec does not model (`@autotune(configs=...)`):
// recorded as an annotation with whatever arguments evaluate to constants, never an error.
Value Evaluator::evalDecorator(const ast::Expr &decorator) {
  const auto *call = decorator.dyn_cast<ast::Call>();
  if (!call)
    return eval(decorator);
  Value callee = eval(*call->func);
  bool opaque = (callee.is(K::Builtin) || callee.is(K::Module)) &&
                canonicalName(callee.str).rfind("T.", 0) != 0 && !kPythonBuiltins.count(callee.str);
  std::string name = lastComponent(callee.str);
  if (!opaque || callee.str == "tilelang.jit" || name == "annotate_tt_schedule" ||
      name == "annotate_tt_sharding")
    return eval(decorator); // modelled: arguments are checked
  Value d;
  d.kind = K::Decorator;
  d.str = name;
  d.decoratorArgs = std::make_shared<ir::AnnotationValue::Dict>();
  auto record = [&](const std::string &key, const ast::Expr &arg) {
    try {
      if (std::optional<ir::AnnotationValue> a = toAnnotation(eval(arg)))
        (*d.decoratorArgs)[key] = std::move(*a);
    } catch (const CompileError &) {
      // an argument tilec cannot evaluate (a list of autotuning configs) is left out
    }
  };
  for (size_t i = 0; i < call->args.size(); ++i)
    record("_" + std::to_string(i), *call->args[i]);
  for (const ast::Keyword &k : call->keywords)
    if (!k.name.empty())
      record(k.name, *k.value);
  return d;
}

Value Evaluator::applyDecorator(const Value &decorator, Value target, SourceLoc loc) {
  if (decorator.is(K::Function))
    return callFunctionWith(*decorator.function, {target}, loc);
  if (!target.is(K::Function))
    fail(loc, "this decorator applies to functions, not to " + typeName(target));
  auto fn = std::make_shared<Function>(*target.function); // decorators never mutate a shared def
  switch (decorator.kind) {
  case K::Builtin:
  case K::Module: {
    std::string name = canonicalName(decorator.str);
    if (name == "T.prim_func")
      fn->isPrimFunc = true;
    else if (name == "T.macro")
      fn->isMacro = true;
    else // `@tilelang.jit`, or a decorator from a library tilec does not model: recorded
      fn->annotations.emplace(name == "tilelang.jit" ? "jit" : lastComponent(name),
                              ir::AnnotationValue::Dict{});
    break;
  }
  case K::Decorator:
    fn->annotations[decorator.str] = *decorator.decoratorArgs;
    break;
  case K::Error:
    raiseDeferred(decorator);
  default:
    fail(loc, "'" + typeName(decorator) + "' cannot be used as a decorator");
  }
  target.function = fn;
  return target;
}

void Evaluator::execImport(const ast::Import &stmt) {
  for (const ast::Alias &alias : stmt.names) {
    if (!alias.asname.empty()) {
      bindName(alias.asname, Value::named(K::Module, canonicalName(alias.name)), alias.loc);
      continue;
    }
    // `import a.b.c` binds `a`.
    std::string top = alias.name.substr(0, alias.name.find('.'));
    bindName(top, Value::named(K::Module, canonicalName(top)), alias.loc);
  }
}

void Evaluator::execImportFrom(const ast::ImportFrom &stmt) {
  for (const ast::Alias &alias : stmt.names) {
    if (alias.name == "*")
      continue; // star imports bring nothing tilec needs to know by name
    std::string full = canonicalName(stmt.module.empty() ? alias.name
                                                         : stmt.module + "." + alias.name);
    bindName(alias.asname.empty() ? alias.name : alias.asname,
             Value::named(full == "T" ? K::Module : K::Builtin, full), alias.loc);
  }
}

void Evaluator::execAssign(const ast::Assign &stmt) {
  // An allocation takes its buffer name from the variable it is assigned to.
  const auto *single = stmt.targets.size() == 1 ? stmt.targets[0]->dyn_cast<ast::Name>() : nullptr;
  Value value;
  {
    Restore<std::string> name(pendingName_, single ? single->id : "");
    value = eval(*stmt.value);
  }
  for (const ast::ExprPtr &target : stmt.targets)
    assign(*target, value);
}

void Evaluator::execAugAssign(const ast::AugAssign &stmt) {
  if (auto *name = stmt.target->dyn_cast<ast::Name>()) {
    Value current = evalName(*name);
    Value updated = binaryOperation(stmt.op, current, eval(*stmt.value), stmt.loc);
    return bindName(name->id, updated, stmt.loc);
  }
  if (auto *sub = stmt.target->dyn_cast<ast::Subscript>()) {
    Value base = eval(*sub->value);
    if (base.is(K::Buffer) || base.is(K::ScalarVar)) {
      Value current = subscriptValue(base, *sub->slice, sub->loc);
      Value updated = binaryOperation(stmt.op, current, eval(*stmt.value), stmt.loc);
      return storeToBuffer(*sub, updated, stmt.loc);
    }
  }
  fail(stmt.target->loc, "augmented assignment to " + std::string(
                             stmt.target->isa<ast::Attribute>() ? "an attribute" : "this target") +
                             " is not supported at compile time");
}

Evaluator::Flow Evaluator::execIf(const ast::If &stmt) {
  Value test = eval(*stmt.test);
  if (test.is(K::Error))
    raiseDeferred(test);
  if (std::optional<bool> truth = truthiness(test))
    return execBlock(*truth ? stmt.body : stmt.orelse);
  // A run-time condition: both branches become IR.
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
  return Flow::Normal;
}

Evaluator::Flow Evaluator::execFor(const ast::For &stmt) {
  Value iterable = eval(*stmt.iter);
  if (iterable.is(K::Range) && kernel_) { // inside kernels every range is a loop of the IR
    emitKernelLoop(stmt, *iterable.range);
    return Flow::Normal;
  }
  std::vector<Value> items = iterate(iterable, stmt.iter->loc);
  metaLoopDepths_.push_back(kernel_ ? kernel_->controlDepth() : 0);
  Flow result = Flow::Normal;
  bool broke = false;
  for (const Value &item : items) {
    step(stmt.loc);
    assign(*stmt.target, item);
    Flow flow = execBlock(stmt.body);
    if (flow == Flow::Break) {
      broke = true;
      break;
    }
    if (flow == Flow::Return) {
      result = flow;
      break;
    }
  }
  metaLoopDepths_.pop_back();
  if (result == Flow::Normal && !broke)
    return execBlock(stmt.orelse);
  return result;
}

// `for i, j in T.Parallel(a, b):` → nested For nodes around the body's IR.
void Evaluator::emitKernelLoop(const ast::For &stmt, const LoopRange &range) {
  KernelBuilder &kb = requireKernel(range.spelling + " loop", stmt.loc);
  if (!stmt.orelse.empty())
    fail(stmt.orelse.front()->loc, "'for ... else' is not supported on kernel loops");
  std::vector<const ast::Name *> names;
  if (auto *n = stmt.target->dyn_cast<ast::Name>()) {
    names.push_back(n);
  } else {
    const ast::ExprList *elts = nullptr;
    if (auto *t = stmt.target->dyn_cast<ast::Tuple>())
      elts = &t->elts;
    else if (auto *l = stmt.target->dyn_cast<ast::List>())
      elts = &l->elts;
    if (!elts)
      fail(stmt.target->loc, "a kernel loop variable must be a name or a tuple of names");
    for (const ast::ExprPtr &e : *elts) {
      auto *n = e->dyn_cast<ast::Name>();
      if (!n)
        fail(e->loc, "a kernel loop variable must be a plain name");
      names.push_back(n);
    }
  }
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
  metaLoopDepths_.push_back(-1);
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
  metaLoopDepths_.pop_back();
  ir::Stmt body = kb.closeBlock(stmt.loc);
  for (size_t d = dims; d-- > 0;)
    body = std::make_shared<ir::For>(vars[d], mins[d], extents[d], range.kind, body, stmt.loc,
                                     range.numStages);
  kb.emit(body, range.spelling + " loop");
}

Evaluator::Flow Evaluator::execWhile(const ast::While &stmt) {
  metaLoopDepths_.push_back(kernel_ ? kernel_->controlDepth() : 0);
  Flow result = Flow::Normal;
  while (true) {
    step(stmt.loc);
    Value test = eval(*stmt.test);
    std::optional<bool> truth = truthiness(test);
    if (!truth)
      fail(stmt.test->loc, "a 'while' loop needs a condition known at compile time; kernels "
                           "loop with 'for ... in T.serial(n)'");
    if (!*truth) {
      result = execBlock(stmt.orelse);
      break;
    }
    Flow flow = execBlock(stmt.body);
    if (flow == Flow::Break)
      break;
    if (flow == Flow::Return) {
      result = flow;
      break;
    }
  }
  metaLoopDepths_.pop_back();
  return result;
}

Evaluator::Flow Evaluator::execWith(const ast::With &stmt) {
  if (stmt.items.size() != 1)
    fail(stmt.loc, "only 'with T.Kernel(...) as ...:' is supported, with a single item");
  const ast::WithItem &item = stmt.items[0];
  Value context = eval(*item.contextExpr);
  if (!context.is(K::Launch))
    fail(item.contextExpr->loc, "unsupported 'with' context (" + typeName(context) +
                                    "); kernels use 'with T.Kernel(...) as (bx, by):'");
  KernelBuilder &kb = requireKernel("'with T.Kernel(...)'", stmt.loc);
  const KernelLaunch &launch = *context.launch;

  std::vector<const ast::Name *> names;
  if (item.optionalVars) {
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
    if (names.size() != launch.grid.size())
      fail(vars.loc, "T.Kernel has " + plural(launch.grid.size(), "grid dimension") +
                         " but 'as' binds " + std::to_string(names.size()) +
                         (names.size() == 1 ? " name" : " names"));
  }
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

// Nothing tilec evaluates raises a Python exception, so handlers never run.
Evaluator::Flow Evaluator::execTry(const ast::Try &stmt) {
  Flow flow = execBlock(stmt.body);
  if (flow == Flow::Normal)
    flow = execBlock(stmt.orelse);
  Flow finalFlow = execBlock(stmt.finalbody);
  return finalFlow != Flow::Normal ? finalFlow : flow;
}

void Evaluator::execAssert(const ast::Assert &stmt) {
  Value test = eval(*stmt.test);
  std::optional<bool> truth = truthiness(test);
  if (!truth || *truth)
    return; // a run-time condition cannot be checked at compile time
  std::string message = "assertion failed";
  if (stmt.msg)
    message += ": " + strOf(eval(*stmt.msg));
  fail(stmt.loc, message);
}

void Evaluator::execRaise(const ast::Raise &stmt) {
  if (!stmt.exc)
    fail(stmt.loc, "the code raised an exception");
  std::string name = "an exception";
  std::string detail;
  const ast::Expr *exc = stmt.exc.get();
  if (auto *call = exc->dyn_cast<ast::Call>()) {
    exc = call->func.get();
    if (!call->args.empty()) {
      try {
        detail = strOf(eval(*call->args[0]));
      } catch (const CompileError &) {
      }
    }
  }
  if (auto *n = exc->dyn_cast<ast::Name>())
    name = n->id;
  fail(stmt.loc, "the code raised " + name + (detail.empty() ? "" : ": " + detail));
}

// ---------------------------------------------------------------------------------------------
// Assignment

void Evaluator::assign(const ast::Expr &target, const Value &value) {
  if (value.is(K::Error))
    raiseDeferred(value);
  switch (target.kind) {
  case ast::ExprKind::Name:
    return bindName(target.as<ast::Name>().id, value, target.loc);
  case ast::ExprKind::Tuple:
  case ast::ExprKind::List: {
    const ast::ExprList &elts = target.isa<ast::Tuple>() ? target.as<ast::Tuple>().elts
                                                         : target.as<ast::List>().elts;
    std::vector<Value> items = iterate(value, target.loc);
    size_t starAt = elts.size();
    for (size_t i = 0; i < elts.size(); ++i)
      if (elts[i]->isa<ast::Starred>())
        starAt = i;
    if (starAt == elts.size()) {
      if (items.size() != elts.size())
        fail(target.loc, items.size() > elts.size()
                             ? "too many values to unpack (expected " +
                                   std::to_string(elts.size()) + ")"
                             : "not enough values to unpack (expected " +
                                   std::to_string(elts.size()) + ", got " +
                                   std::to_string(items.size()) + ")");
      for (size_t i = 0; i < elts.size(); ++i)
        assign(*elts[i], items[i]);
      return;
    }
    size_t after = elts.size() - starAt - 1;
    if (items.size() < starAt + after)
      fail(target.loc, "not enough values to unpack (expected at least " +
                           std::to_string(starAt + after) + ", got " +
                           std::to_string(items.size()) + ")");
    for (size_t i = 0; i < starAt; ++i)
      assign(*elts[i], items[i]);
    std::vector<Value> rest(items.begin() + static_cast<long>(starAt),
                            items.end() - static_cast<long>(after));
    assign(*elts[starAt]->as<ast::Starred>().value, Value::list(std::move(rest)));
    for (size_t i = 0; i < after; ++i)
      assign(*elts[starAt + 1 + i], items[items.size() - after + i]);
    return;
  }
  case ast::ExprKind::Subscript: {
    const auto &sub = target.as<ast::Subscript>();
    return storeToBuffer(sub, value, target.loc);
  }
  case ast::ExprKind::Attribute:
    fail(target.loc, "assigning to an attribute is not supported at compile time");
  default:
    fail(target.loc, "cannot assign to this expression");
  }
}

void Evaluator::bindName(const std::string &name, const Value &value, SourceLoc loc) {
  int depth = kernel_ ? kernel_->controlDepth() : 0;
  Env::Binding *existing = env_->findLocal(name);
  if (existing && existing->value.is(K::ScalarVar) && kernel_) { // `x = ...` on T.alloc_var
    const ir::Buffer &buffer = existing->value.buffer;
    ir::Expr v = toExpr(value, loc, "the value assigned to " + name);
    kernel_->emit(std::make_shared<ir::Store>(buffer, std::vector<ir::Expr>{ir::intImm(0, loc)}, v,
                                              loc),
                  "an assignment to " + name);
    return;
  }
  if (kernel_ && existing && existing->depth < depth && existing->value.isKernelValue())
    fail(loc, "cannot reassign '" + name +
                  "' inside a kernel loop or run-time 'if': it was bound outside it and kernel "
                  "scalars are immutable; use '" + name +
                  " = T.alloc_var(dtype)' for a mutable scalar");
  Value bound = value;
  // A scalar that reads memory is computed once, where it is written (a LetStmt).
  if (kernel_ && (value.is(K::Expr) || value.is(K::Access))) {
    bool scalarAccess = value.is(K::Access);
    if (scalarAccess)
      for (const AccessIndex &idx : value.access->indices)
        scalarAccess = scalarAccess && !idx.isSlice;
    if (value.is(K::Expr) || (scalarAccess && value.access->indices.size() ==
                                                  value.access->buffer->rank())) {
      ir::Expr e = toExpr(value, loc, "the value of " + name);
      if (hasLoad(e)) {
        ir::Var v = ir::var(name, e->dtype, loc);
        kernel_->bindLet(v, e, loc);
        bound = Value::fromExpr(v);
      }
    }
  }
  env_->set(name, bound, depth);
}

void Evaluator::storeToBuffer(const ast::Subscript &target, const Value &value, SourceLoc loc) {
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

// ---------------------------------------------------------------------------------------------
// Expressions

Value Evaluator::eval(const ast::Expr &expr) {
  step(expr.loc);
  switch (expr.kind) {
  case ast::ExprKind::Name:
    return evalName(expr.as<ast::Name>());
  case ast::ExprKind::Constant: {
    const auto &c = expr.as<ast::Constant>();
    switch (c.valueKind) {
    case ast::ConstantKind::None: return Value::none();
    case ast::ConstantKind::Bool: return Value::boolean(c.boolValue);
    case ast::ConstantKind::Int: return Value::integer(c.intValue);
    case ast::ConstantKind::Float: return Value::real(c.floatValue);
    case ast::ConstantKind::Str:
    case ast::ConstantKind::Bytes: return Value::string(c.strValue);
    case ast::ConstantKind::Ellipsis: return Value::named(K::Builtin, "Ellipsis");
    case ast::ConstantKind::Imaginary:
      fail(expr.loc, "complex numbers are not supported");
    }
    return Value::none();
  }
  case ast::ExprKind::JoinedStr:
    return evalJoinedStr(expr.as<ast::JoinedStr>());
  case ast::ExprKind::BinOp: {
    const auto &b = expr.as<ast::BinOp>();
    Value left = eval(*b.left);
    Value right = eval(*b.right);
    return binaryOperation(b.op, left, right, expr.loc);
  }
  case ast::ExprKind::UnaryOp: {
    const auto &u = expr.as<ast::UnaryOp>();
    return unaryOperation(u.op, eval(*u.operand), expr.loc);
  }
  case ast::ExprKind::BoolOp:
    return evalBoolOp(expr.as<ast::BoolOp>());
  case ast::ExprKind::Compare:
    return evalCompare(expr.as<ast::Compare>());
  case ast::ExprKind::Call:
    return evalCall(expr.as<ast::Call>());
  case ast::ExprKind::Attribute:
    return evalAttribute(expr.as<ast::Attribute>());
  case ast::ExprKind::Subscript:
    return evalSubscript(expr.as<ast::Subscript>());
  case ast::ExprKind::Slice: {
    const auto &s = expr.as<ast::Slice>();
    Value v;
    v.kind = K::Slice;
    v.items = std::make_shared<std::vector<Value>>(std::vector<Value>{
        s.lower ? eval(*s.lower) : Value::none(), s.upper ? eval(*s.upper) : Value::none(),
        s.step ? eval(*s.step) : Value::none()});
    return v;
  }
  case ast::ExprKind::Tuple:
    return Value::tuple(evalSequence(expr.as<ast::Tuple>().elts));
  case ast::ExprKind::List:
    return Value::list(evalSequence(expr.as<ast::List>().elts));
  case ast::ExprKind::Set:
    return Value::list(evalSequence(expr.as<ast::Set>().elts));
  case ast::ExprKind::Dict: {
    const auto &d = expr.as<ast::Dict>();
    std::vector<Value> items;
    for (size_t i = 0; i < d.keys.size(); ++i) {
      if (!d.keys[i]) { // `**other`
        Value other = eval(*d.values[i]);
        if (!other.is(K::Dict))
          fail(d.values[i]->loc, "'" + typeName(other) + "' object is not a mapping");
        items.insert(items.end(), other.elements().begin(), other.elements().end());
        continue;
      }
      items.push_back(eval(*d.keys[i]));
      items.push_back(eval(*d.values[i]));
    }
    Value v = Value::tuple(std::move(items));
    v.kind = K::Dict;
    return v;
  }
  case ast::ExprKind::IfExp:
    return evalIfExp(expr.as<ast::IfExp>());
  case ast::ExprKind::Lambda:
    return evalLambda(expr.as<ast::Lambda>());
  case ast::ExprKind::ListComp:
  case ast::ExprKind::SetComp:
  case ast::ExprKind::GeneratorExp:
  case ast::ExprKind::DictComp:
    return evalComprehension(expr);
  case ast::ExprKind::NamedExpr: {
    const auto &n = expr.as<ast::NamedExpr>();
    Value v = eval(*n.value);
    bindName(n.target->as<ast::Name>().id, v, n.loc);
    return v;
  }
  case ast::ExprKind::Starred:
    fail(expr.loc, "a starred expression is only allowed in calls, displays and assignments");
  case ast::ExprKind::FormattedValue:
  case ast::ExprKind::Await:
  case ast::ExprKind::Yield:
  case ast::ExprKind::YieldFrom:
    break;
  }
  fail(expr.loc, "this expression is not supported at compile time");
}

std::vector<Value> Evaluator::evalSequence(const ast::ExprList &elts) {
  std::vector<Value> out;
  for (const ast::ExprPtr &e : elts) {
    if (auto *star = e->dyn_cast<ast::Starred>()) {
      std::vector<Value> items = iterate(eval(*star->value), star->loc);
      out.insert(out.end(), items.begin(), items.end());
    } else {
      out.push_back(eval(*e));
    }
  }
  return out;
}

Value Evaluator::evalName(const ast::Name &name) {
  if (Env::Binding *b = env_->find(name.id)) {
    if (b->value.is(K::Error))
      raiseDeferred(b->value);
    return b->value;
  }
  if (kPythonBuiltins.count(name.id) || isExceptionName(name.id))
    return Value::named(K::Builtin, name.id);
  return evalFreeName(name.id, name.loc);
}

// A name defined nowhere in the file: bound by -D, a symbolic size of the kernel being built, or
// an error.
Value Evaluator::evalFreeName(const std::string &name, SourceLoc loc) {
  auto defined = defines_.find(name);
  if (defined != defines_.end())
    return Value::integer(defined->second);
  if (kernel_) {
    if (std::optional<ir::Var> size = kernel_->findSize(name))
      return Value::fromExpr(*size);
    if (signatureMode_)
      return Value::fromExpr(kernel_->sizeVar(name, loc));
  }
  fail(loc, "undefined name '" + name + "'");
}

Value Evaluator::evalAttribute(const ast::Attribute &attr) {
  return attributeOf(eval(*attr.value), attr);
}

Value Evaluator::attributeOf(const Value &base, const ast::Attribute &attr) {
  switch (base.kind) {
  case K::Module:
  case K::Builtin: {
    if (base.str == "T")
      return tileLangAttribute(attr.attr, attr.attrLoc);
    std::string full = canonicalName(base.str + "." + attr.attr);
    if (full == "T")
      return Value::named(K::Module, "T");
    if (full == "math.pi")
      return Value::real(M_PI);
    if (full == "math.e")
      return Value::real(M_E);
    if (full == "math.inf")
      return Value::real(INFINITY);
    return Value::named(K::Builtin, full);
  }
  case K::Buffer:
  case K::ScalarVar:
    if (attr.attr == "dtype")
      return Value::string(ir::dtypeName(base.buffer->dtype));
    if (attr.attr == "shape") {
      std::vector<Value> dims;
      for (const ir::Expr &d : base.buffer->shape) {
        auto c = ir::asConstInt(d);
        dims.push_back(c ? Value::integer(*c) : Value::fromExpr(d));
      }
      return Value::tuple(std::move(dims));
    }
    if (attr.attr == "name")
      return Value::string(base.buffer->name);
    break;
  case K::TensorType:
    if (attr.attr == "dtype")
      return Value::string(base.tensorType->dtype);
    if (attr.attr == "shape")
      return Value::tuple(base.tensorType->shape);
    break;
  case K::Function:
    if (attr.attr == "__name__")
      return Value::string(base.function->name);
    break;
  case K::Error:
    raiseDeferred(base);
  default:
    break;
  }
  fail(attr.attrLoc, "'" + typeName(base) + "' has no attribute '" + attr.attr +
                         "' that tilec can evaluate");
}

Value Evaluator::evalSubscript(const ast::Subscript &sub) {
  return subscriptValue(eval(*sub.value), *sub.slice, sub.loc);
}

namespace {

int64_t normalizeIndex(int64_t index, size_t size, SourceLoc loc, const std::string &what) {
  int64_t n = static_cast<int64_t>(size);
  int64_t i = index < 0 ? index + n : index;
  if (i < 0 || i >= n)
    fail(loc, what + " index " + std::to_string(index) + " out of range (length " +
                  std::to_string(n) + ")");
  return i;
}

std::vector<Value> sliceOf(const std::vector<Value> &items, const Value &slice, SourceLoc loc) {
  auto bound = [&](const Value &v, int64_t dflt) -> int64_t {
    if (v.is(K::None))
      return dflt;
    if (!v.is(K::Int))
      fail(loc, "slice indices must be integers");
    return v.intValue;
  };
  int64_t n = static_cast<int64_t>(items.size());
  int64_t step = bound(slice.elements()[2], 1);
  if (step == 0)
    fail(loc, "slice step cannot be zero");
  auto clampIndex = [&](int64_t i, bool isUpper) {
    if (i < 0)
      i += n;
    int64_t lo = step > 0 ? 0 : -1, hi = step > 0 ? n : n - 1;
    (void)isUpper;
    return std::clamp(i, lo, hi);
  };
  int64_t start = slice.elements()[0].is(K::None) ? (step > 0 ? 0 : n - 1)
                                                  : clampIndex(bound(slice.elements()[0], 0), false);
  int64_t stop = slice.elements()[1].is(K::None) ? (step > 0 ? n : -1)
                                                 : clampIndex(bound(slice.elements()[1], 0), true);
  std::vector<Value> out;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
    out.push_back(items[static_cast<size_t>(i)]);
  return out;
}

} // namespace

Value Evaluator::subscriptValue(const Value &base, const ast::Expr &index, SourceLoc loc) {
  if (base.is(K::Error))
    raiseDeferred(base);
  if (base.is(K::Buffer) || base.is(K::ScalarVar)) {
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
  if (base.is(K::Builtin) || base.is(K::Module)) { // T.Buffer[(M, K), "float16"], T.dyn["M"]
    CallArgs args;
    args.loc = loc;
    Value key = eval(index);
    if (key.is(K::Tuple))
      args.args = key.elements();
    else
      args.args.push_back(key);
    args.argLocs.assign(args.args.size(), index.loc);
    std::string name = canonicalName(base.str);
    if (name == "T.dyn")
      return callBuiltin("T.dynamic", args);
    if (name == "T.Buffer" || name == "T.Tensor")
      return callBuiltin(name, args);
    fail(loc, "'" + typeName(base) + "' is not subscriptable at compile time");
  }
  Value key = eval(index);
  if (key.is(K::Error))
    raiseDeferred(key);
  if (base.isSequence() || base.is(K::Str)) {
    std::vector<Value> chars;
    if (base.is(K::Str))
      for (char c : base.str)
        chars.push_back(Value::string(std::string(1, c)));
    const std::vector<Value> &items = base.is(K::Str) ? chars : base.elements();
    if (key.is(K::Slice)) {
      std::vector<Value> part = sliceOf(items, key, index.loc);
      if (base.is(K::Str)) {
        std::string s;
        for (const Value &c : part)
          s += c.str;
        return Value::string(s);
      }
      Value v = Value::tuple(std::move(part));
      v.kind = base.kind;
      return v;
    }
    if (!key.is(K::Int) && !key.is(K::Bool))
      fail(index.loc, typeName(base) + " indices must be integers, got " + typeName(key));
    return items[static_cast<size_t>(normalizeIndex(key.intValue, items.size(), index.loc,
                                                    typeName(base)))];
  }
  if (base.is(K::Dict)) {
    for (size_t i = 0; i + 1 < base.elements().size(); i += 2)
      if (metaEquals(base.elements()[i], key))
        return base.elements()[i + 1];
    fail(index.loc, "key " + repr(key) + " is not in the dict");
  }
  if (base.is(K::TensorType) || base.is(K::Expr))
    fail(loc, "'" + typeName(base) + "' is not subscriptable");
  fail(loc, "'" + typeName(base) + "' is not subscriptable");
}

Value Evaluator::evalBoolOp(const ast::BoolOp &op) {
  bool isAnd = op.op == ast::BoolOpKind::And;
  Value result = eval(*op.values[0]);
  for (size_t i = 1; i < op.values.size(); ++i) {
    std::optional<bool> truth = truthiness(result);
    if (truth) { // Python: the first falsy (and) / truthy (or) operand decides
      if (isAnd != *truth)
        return result;
      result = eval(*op.values[i]);
      continue;
    }
    Value next = eval(*op.values[i]);
    std::optional<bool> nextTruth = truthiness(next);
    if (nextTruth && *nextTruth == isAnd)
      continue; // `x and True` is x
    result = isAnd ? logicalAnd(result, next, op.loc) : logicalOr(result, next, op.loc);
  }
  return result;
}

Value Evaluator::evalCompare(const ast::Compare &cmp) {
  Value left = eval(*cmp.left);
  Value result;
  for (size_t i = 0; i < cmp.ops.size(); ++i) {
    Value right = eval(*cmp.comparators[i]);
    Value link = compareOperation(cmp.ops[i], left, right, cmp.loc);
    if (i == 0) {
      result = link;
    } else if (auto truth = truthiness(result); truth && !*truth) {
      return result;
    } else {
      result = truth ? link : logicalAnd(result, link, cmp.loc);
    }
    left = right;
  }
  return result;
}

Value Evaluator::evalIfExp(const ast::IfExp &e) {
  Value test = eval(*e.test);
  if (std::optional<bool> truth = truthiness(test))
    return eval(*truth ? *e.body : *e.orelse);
  return select(test, eval(*e.body), eval(*e.orelse), e.loc);
}

Value Evaluator::evalComprehension(const ast::Expr &comp) {
  const std::vector<ast::Comprehension> *generators = nullptr;
  if (auto *c = comp.dyn_cast<ast::ListComp>())
    generators = &c->generators;
  else if (auto *c = comp.dyn_cast<ast::SetComp>())
    generators = &c->generators;
  else if (auto *c = comp.dyn_cast<ast::GeneratorExp>())
    generators = &c->generators;
  else
    generators = &comp.as<ast::DictComp>().generators;

  Restore<Env *> scope(env_, newEnv(env_));
  std::vector<Value> out;
  std::function<void(size_t)> run = [&](size_t g) {
    if (g == generators->size()) {
      if (auto *d = comp.dyn_cast<ast::DictComp>()) {
        out.push_back(eval(*d->key));
        out.push_back(eval(*d->value));
      } else if (auto *l = comp.dyn_cast<ast::ListComp>()) {
        out.push_back(eval(*l->elt));
      } else if (auto *s = comp.dyn_cast<ast::SetComp>()) {
        out.push_back(eval(*s->elt));
      } else {
        out.push_back(eval(*comp.as<ast::GeneratorExp>().elt));
      }
      return;
    }
    const ast::Comprehension &clause = (*generators)[g];
    for (const Value &item : iterate(eval(*clause.iter), clause.iter->loc)) {
      step(clause.iter->loc);
      assign(*clause.target, item);
      bool keep = true;
      for (const ast::ExprPtr &cond : clause.ifs) {
        std::optional<bool> truth = truthiness(eval(*cond));
        if (!truth)
          fail(cond->loc, "a comprehension condition must be known at compile time");
        keep = keep && *truth;
      }
      if (keep)
        run(g + 1);
    }
  };
  run(0);
  if (comp.isa<ast::DictComp>()) {
    Value v = Value::tuple(std::move(out));
    v.kind = K::Dict;
    return v;
  }
  return comp.isa<ast::GeneratorExp>() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

Value Evaluator::evalJoinedStr(const ast::JoinedStr &s) {
  std::string out;
  for (const ast::ExprPtr &part : s.values) {
    if (auto *c = part->dyn_cast<ast::Constant>())
      out += c->strValue;
    else if (auto *f = part->dyn_cast<ast::FormattedValue>())
      out += f->conversion == 'r' ? repr(eval(*f->value)) : strOf(eval(*f->value));
  }
  return Value::string(out);
}

Value Evaluator::evalLambda(const ast::Lambda &lambda) {
  auto fn = std::make_shared<Function>();
  fn->name = "<lambda>";
  fn->args = &lambda.args;
  fn->lambdaBody = lambda.body.get();
  fn->loc = lambda.loc;
  fn->closure = env_;
  for (const std::vector<ast::Arg> *group : {&lambda.args.posonly, &lambda.args.args,
                                             &lambda.args.kwonly})
    for (const ast::Arg &a : *group)
      if (a.defaultValue)
        fn->defaults[a.name] = eval(*a.defaultValue);
  Value v;
  v.kind = K::Function;
  v.function = fn;
  return v;
}

std::vector<Value> Evaluator::iterate(const Value &iterable, SourceLoc loc) {
  switch (iterable.kind) {
  case K::Tuple:
  case K::List:
    return iterable.elements();
  case K::Dict: {
    std::vector<Value> keys;
    for (size_t i = 0; i < iterable.elements().size(); i += 2)
      keys.push_back(iterable.elements()[i]);
    return keys;
  }
  case K::Str: {
    std::vector<Value> chars;
    for (char c : iterable.str)
      chars.push_back(Value::string(std::string(1, c)));
    return chars;
  }
  case K::Range: {
    const LoopRange &r = *iterable.range;
    bool meta = r.spelling == "range" && r.starts[0].is(K::Int) && r.stops[0].is(K::Int) &&
                (!r.step || r.step->is(K::Int));
    if (!meta)
      fail(loc, r.spelling == "range"
                    ? "range() with run-time bounds can only be iterated inside a kernel"
                    : r.spelling + " loops can only be used inside a @T.prim_func kernel");
    int64_t start = r.starts[0].intValue, stop = r.stops[0].intValue;
    int64_t stepBy = r.step ? r.step->intValue : 1;
    std::vector<Value> out;
    for (int64_t i = start; stepBy > 0 ? i < stop : i > stop; i += stepBy) {
      if (static_cast<int64_t>(out.size()) >= kMaxIterationItems)
        fail(loc, "range too long to iterate at compile time");
      out.push_back(Value::integer(i));
    }
    return out;
  }
  case K::Error:
    raiseDeferred(iterable);
  default:
    fail(loc, "'" + typeName(iterable) + "' object is not iterable");
  }
}

// ---------------------------------------------------------------------------------------------
// Calls

Value Evaluator::evalCall(const ast::Call &call) {
  Value callee;
  if (const auto *attr = call.func->dyn_cast<ast::Attribute>()) {
    Value base = eval(*attr->value);
    // `x.astype(dtype)`, TVM's method on kernel scalars, is `T.cast(x, dtype)`.
    if (attr->attr == "astype" && (base.is(K::Expr) || base.is(K::Access) || base.is(K::ScalarVar))) {
      CallArgs args = evalCallArgs(call);
      args.args.insert(args.args.begin(), base);
      args.argLocs.insert(args.argLocs.begin(), attr->value->loc);
      return callTileLang("cast", args);
    }
    callee = attributeOf(base, *attr);
  } else {
    callee = eval(*call.func);
  }
  if ((callee.is(K::Builtin) || callee.is(K::Module)) && isPerformanceHint(canonicalName(callee.str)))
    return Value::none();
  CallArgs args = evalCallArgs(call);
  return callValue(callee, args);
}

CallArgs Evaluator::evalCallArgs(const ast::Call &call) {
  CallArgs args;
  args.loc = call.loc;
  for (const ast::ExprPtr &a : call.args) {
    if (auto *star = a->dyn_cast<ast::Starred>()) {
      for (const Value &v : iterate(eval(*star->value), star->loc)) {
        args.args.push_back(v);
        args.argLocs.push_back(star->loc);
      }
      continue;
    }
    args.args.push_back(eval(*a));
    args.argLocs.push_back(a->loc);
  }
  for (const ast::Keyword &k : call.keywords) {
    Value v = eval(*k.value);
    if (!k.name.empty()) {
      args.keywords.emplace_back(k.name, v);
      continue;
    }
    if (!v.is(K::Dict))
      fail(k.loc, "argument after ** must be a mapping, not " + typeName(v));
    for (size_t i = 0; i + 1 < v.elements().size(); i += 2) {
      if (!v.elements()[i].is(K::Str))
        fail(k.loc, "keywords must be strings");
      args.keywords.emplace_back(v.elements()[i].str, v.elements()[i + 1]);
    }
  }
  for (const Value &v : args.args)
    if (v.is(K::Error))
      raiseDeferred(v);
  for (const auto &kw : args.keywords)
    if (kw.second.is(K::Error))
      raiseDeferred(kw.second);
  return args;
}

Value Evaluator::callValue(const Value &callee, CallArgs &args) {
  switch (callee.kind) {
  case K::Function:
    return callFunction(*callee.function, args);
  case K::Builtin:
  case K::Module:
    return callBuiltin(canonicalName(callee.str), args);
  case K::DType: { // `T.float32(x)`: a cast
    if (args.args.size() != 1 || !args.keywords.empty())
      fail(args.loc, "T." + callee.str + "() takes exactly one argument");
    ir::DType t = toDType(callee, args.loc, "the cast type");
    const Value &arg = args.args[0];
    if (arg.isNumber()) // `T.float32(0)`, `T.int32(4)`: a typed constant
      return Value::fromExpr(ir::isFloat(t) ? ir::floatImm(arg.is(K::Float)
                                                                ? arg.floatValue
                                                                : static_cast<double>(arg.intValue),
                                                            t, args.loc)
                                            : std::make_shared<ir::IntImm>(
                                                  arg.is(K::Float) ? static_cast<int64_t>(
                                                                         arg.floatValue)
                                                                   : arg.intValue,
                                                  t, args.loc));
    ir::Expr x = toExpr(arg, args.argLocs[0], "the value cast to " + callee.str);
    return Value::fromExpr(std::make_shared<ir::Cast>(t, x, args.loc));
  }
  case K::Decorator:
    if (args.args.size() == 1 && args.keywords.empty())
      return applyDecorator(callee, args.args[0], args.loc);
    fail(args.loc, "a decorator takes the function it decorates");
  case K::Class:
    fail(args.loc, "cannot create an instance of class '" + callee.str + "' at compile time");
  case K::Error:
    raiseDeferred(callee);
  default:
    fail(args.loc, "'" + typeName(callee) + "' object is not callable");
  }
}

Value Evaluator::callFunctionWith(const Function &fn, std::vector<Value> positional, SourceLoc loc) {
  CallArgs args;
  args.loc = loc;
  args.args = std::move(positional);
  args.argLocs.assign(args.args.size(), loc);
  return callFunction(fn, args);
}

Value Evaluator::callFunction(const Function &fn, CallArgs &args) {
  if (fn.isPrimFunc && kernel_)
    fail(args.loc, "cannot call the kernel '" + fn.name + "' from inside a kernel; use @T.macro "
                   "for code shared between kernels");
  if (fn.isPrimFunc)
    fail(args.loc, "'" + fn.name + "' is a kernel; tilec compiles it rather than calling it "
                   "(select it with --kernel " + fn.name + ")");
  if (callDepth_ >= kMaxCallDepth)
    fail(args.loc, "maximum recursion depth exceeded (" + std::to_string(kMaxCallDepth) +
                       " nested calls)");
  Env *scope = newEnv(fn.closure);
  bindParameters(fn, args, *scope);

  Restore<Env *> env(env_, scope);
  Restore<int> depth(callDepth_, callDepth_ + 1);
  Restore<int> control(callControlDepth_, kernel_ ? kernel_->controlDepth() : 0);
  Restore<std::vector<int>> loops(metaLoopDepths_, {});
  Value result;
  if (fn.lambdaBody) {
    result = eval(*fn.lambdaBody);
  } else {
    Restore<Value> saved(returnValue_, Value::none());
    result = execBlock(*fn.body) == Flow::Return ? returnValue_ : Value::none();
  }
  // A factory passes its decorators (@tilelang.jit(...), TT annotations) on to its kernel.
  if (result.is(K::Function) && result.function->isPrimFunc && !fn.annotations.empty()) {
    auto kernel = std::make_shared<Function>(*result.function);
    for (const auto &[name, annotation] : fn.annotations)
      kernel->annotations.emplace(name, annotation);
    result.function = kernel;
  }
  return result;
}

// Python's binding of call arguments to parameters, with Python's error messages.
void Evaluator::bindParameters(const Function &fn, CallArgs &args, Env &scope) {
  const ast::Arguments &params = *fn.args;
  std::string fname = fn.name + "()";
  if (params.elided)
    fail(args.loc, "cannot call '" + fn.name + "': its parameter list is elided ('...')");
  std::vector<const ast::Arg *> positional;
  for (const ast::Arg &a : params.posonly)
    positional.push_back(&a);
  for (const ast::Arg &a : params.args)
    positional.push_back(&a);
  int depth = kernel_ ? kernel_->controlDepth() : 0;
  std::map<std::string, Value> bound;

  if (args.args.size() > positional.size() && !params.vararg) {
    size_t required = 0;
    for (const ast::Arg *a : positional)
      required += fn.defaults.count(a->name) ? 0 : 1;
    std::string takes = required == positional.size()
                            ? std::to_string(positional.size())
                            : "from " + std::to_string(required) + " to " +
                                  std::to_string(positional.size());
    fail(args.loc, fname + " takes " + takes + " positional argument" +
                       (positional.size() == 1 && required == 1 ? "" : "s") + " but " +
                       std::to_string(args.args.size()) +
                       (args.args.size() == 1 ? " was" : " were") + " given");
  }
  for (size_t i = 0; i < args.args.size() && i < positional.size(); ++i)
    bound[positional[i]->name] = args.args[i];
  if (params.vararg) {
    std::vector<Value> rest;
    for (size_t i = positional.size(); i < args.args.size(); ++i)
      rest.push_back(args.args[i]);
    bound[params.vararg->name] = Value::tuple(std::move(rest));
  }

  std::vector<Value> extraKeywords;
  for (const auto &keyword : args.keywords) {
    // Plain references, not a structured binding: lambdas below capture `name`, which clang
    // before 16 rejects for bindings (the libFuzzer build, tools/fuzz, compiles with clang).
    const std::string &name = keyword.first;
    const Value &value = keyword.second;
    bool isPosOnly = std::any_of(params.posonly.begin(), params.posonly.end(),
                                 [&](const ast::Arg &a) { return a.name == name; });
    bool isNamed = !isPosOnly && (std::any_of(params.args.begin(), params.args.end(),
                                              [&](const ast::Arg &a) { return a.name == name; }) ||
                                  std::any_of(params.kwonly.begin(), params.kwonly.end(),
                                              [&](const ast::Arg &a) { return a.name == name; }));
    if (isNamed) {
      if (bound.count(name))
        fail(args.loc, fname + " got multiple values for argument '" + name + "'");
      bound[name] = value;
    } else if (params.kwarg) {
      extraKeywords.push_back(Value::string(name));
      extraKeywords.push_back(value);
    } else if (isPosOnly) {
      fail(args.loc, fname + " got some positional-only arguments passed as keyword arguments: '" +
                         name + "'");
    } else {
      fail(args.loc, fname + " got an unexpected keyword argument '" + name + "'");
    }
  }
  if (params.kwarg) {
    Value dict = Value::tuple(std::move(extraKeywords));
    dict.kind = K::Dict;
    bound[params.kwarg->name] = dict;
  }

  auto fillDefaults = [&](const std::vector<const ast::Arg *> &group, const char *kind) {
    std::vector<std::string> missing;
    for (const ast::Arg *a : group) {
      if (bound.count(a->name))
        continue;
      auto d = fn.defaults.find(a->name);
      if (d == fn.defaults.end()) {
        missing.push_back(a->name);
        continue;
      }
      if (d->second.is(K::Error))
        raiseDeferred(d->second);
      bound[a->name] = d->second;
    }
    if (!missing.empty())
      fail(args.loc, fname + " missing " + std::to_string(missing.size()) + " required " + kind +
                         " argument" + (missing.size() == 1 ? "" : "s") + ": " +
                         quotedList(missing));
  };
  fillDefaults(positional, "positional");
  std::vector<const ast::Arg *> kwonly;
  for (const ast::Arg &a : params.kwonly)
    kwonly.push_back(&a);
  fillDefaults(kwonly, "keyword-only");

  for (auto &[name, value] : bound)
    scope.set(name, value, depth);
}

Value Evaluator::callBuiltin(const std::string &name, CallArgs &args) {
  if (name.rfind("T.", 0) == 0)
    return callTileLang(name.substr(2), args);
  if (kPythonBuiltins.count(name) || name.rfind("math.", 0) == 0)
    return callPythonBuiltin(name, args);
  if (isExceptionName(name))
    fail(args.loc, "the code creates a " + name + " exception");
  // Decorator factories whose arguments are recorded on the kernel.
  std::string last = lastComponent(name);
  if (name == "tilelang.jit" || name == "tilelang.autotune" || last == "annotate_tt_schedule" ||
      last == "annotate_tt_sharding") {
    Value d;
    d.kind = K::Decorator;
    d.str = name == "tilelang.jit" ? "jit" : last;
    d.decoratorArgs = std::make_shared<ir::AnnotationValue::Dict>();
    auto record = [&](const std::string &key, const Value &v, SourceLoc loc) {
      std::optional<ir::AnnotationValue> a = toAnnotation(v);
      if (!a)
        fail(loc, "argument '" + key + "' of " + last + " must be a constant (number, string, "
                  "list or dict), got " + typeName(v));
      (*d.decoratorArgs)[key] = std::move(*a);
    };
    for (size_t i = 0; i < args.args.size(); ++i)
      record("_" + std::to_string(i), args.args[i], args.argLocs[i]);
    for (const auto &[key, v] : args.keywords)
      record(key, v, args.loc);
    return d;
  }
  fail(args.loc, "cannot evaluate a call to '" + name +
                     "' at compile time (tilec runs only the Python that builds kernels)");
}

} // namespace tilec::frontend
