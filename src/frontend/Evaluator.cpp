// The evaluator's frame: scopes, the module's top level, the step budget. The meta level's
// statements, expressions and calls are in Meta*.cpp; turning kernel constructs into Tile IR is
// in KernelStaging.cpp and TileOps.cpp.
#include "frontend/Evaluator.h"

#include <set>

namespace tilec::frontend {

namespace {

constexpr int64_t kMaxSteps = 5'000'000;

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

// The names a module-level statement would bind; nullopt for one that is not evaluated at all.

} // namespace

std::optional<std::vector<std::string>> namesBoundBy(const ast::Stmt &stmt) {
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
  case ast::StmtKind::ExprStmt: {
    // `shape.append(M)` (or `parser.add_argument(...)`, ArgParse.cpp) changes what `shape` is
    // bound to: runs like an assignment to it. Other expression statements (`main()`, `kernel(a, b)`) are host code and do not run.
    const auto *call = stmt.as<ast::ExprStmt>().value->dyn_cast<ast::Call>();
    const auto *method = call ? call->func->dyn_cast<ast::Attribute>() : nullptr;
    const auto *receiver = method ? method->value->dyn_cast<ast::Name>() : nullptr;
    static const std::set<std::string> kMutators = {"append", "extend", "insert", "pop",
                                                    "reverse", "clear", "add_argument",
                                                    "set_defaults"};
    if (!receiver || !kMutators.count(method->attr))
      return std::nullopt;
    bound.push_back(receiver->id);
    break;
  }
  default:
    return std::nullopt; // expression statements, loops, with, try: host code, not evaluated
  }
  return bound;
}

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
void Evaluator::execModuleStatement(const ast::Stmt &stmt) { execTolerantly(stmt, nullptr); }

bool Evaluator::execTolerantly(const ast::Stmt &stmt, const std::string *stopAtDef) {
  if (const auto *ifStmt = stmt.dyn_cast<ast::If>()) {
    std::optional<bool> taken;
    try {
      taken = truthiness(eval(*ifStmt->test));
    } catch (const CompileError &) {
      return false; // a condition on host state: neither branch is kernel code
    }
    if (!taken)
      return false;
    for (const ast::StmtPtr &s : *taken ? ifStmt->body : ifStmt->orelse)
      if (execTolerantly(*s, stopAtDef))
        return true;
    return false;
  }
  std::optional<std::vector<std::string>> bound = namesBoundBy(stmt);
  if (!bound)
    return false;
  try {
    exec(stmt);
  } catch (const CompileError &e) {
    noteDriverSkip(e);
    for (const std::string &name : *bound)
      env_->set(name, deferredError(e), controlDepth());
    return false;
  }
  const auto *def = stmt.dyn_cast<ast::FunctionDef>();
  return stopAtDef && def && def->name == *stopAtDef;
}

// `outer(64, 96).inner` (--call) selects the def `inner` that `outer`'s body defines: the body
// runs tolerantly, like module-level code, up to that def (the host code around a kernel defined
// in a test function is never needed), and the def's value is the result.
std::optional<Value> Evaluator::nestedDefinition(const ast::Attribute &attr) {
  const auto *call = attr.value->dyn_cast<ast::Call>();
  if (!call || !call->func->dyn_cast<ast::Name>()) // a plain name: evaluating it twice is harmless
    return std::nullopt;
  Value callee = eval(*call->func);
  if (!callee.is(Value::Kind::Function) || !callee.function->def || callee.function->isPrimFunc ||
      callee.function->isEager || !findNestedDef(callee.function->def->body, attr.attr))
    return std::nullopt;
  const Function &fn = *callee.function;
  CallArgs args = evalCallArgs(*call);
  CallScope inCall(*this, fn, args);
  for (const ast::StmtPtr &s : *fn.body)
    if (execTolerantly(*s, &attr.attr))
      return inCall.scope->findLocal(attr.attr)->value;
  fail(attr.attrLoc, "'" + fn.name + "' does not reach its definition of '" + attr.attr +
                         "' with these arguments");
}

bool isPrimFuncDecorator(const ast::Expr &d) {
  if (auto *a = d.dyn_cast<ast::Attribute>())
    return a->attr == "prim_func";
  if (auto *n = d.dyn_cast<ast::Name>())
    return n->id == "prim_func";
  return false;
}

// A factory: a function whose body defines a @T.prim_func (at any nesting of statements).
bool definesKernel(const ast::StmtList &body) {
  for (const ast::StmtPtr &s : body) {
    if (auto *def = s->dyn_cast<ast::FunctionDef>()) {
      for (const ast::ExprPtr &d : def->decorators)
        if (isPrimFuncDecorator(*d))
          return true;
      if (definesKernel(def->body))
        return true;
    } else if (auto *ifStmt = s->dyn_cast<ast::If>()) {
      if (definesKernel(ifStmt->body) || definesKernel(ifStmt->orelse))
        return true;
    }
  }
  return false;
}

const ast::FunctionDef *findNestedDef(const ast::StmtList &body, const std::string &name) {
  for (const ast::StmtPtr &s : body) {
    if (auto *def = s->dyn_cast<ast::FunctionDef>(); def && def->name == name)
      return def;
    if (auto *ifStmt = s->dyn_cast<ast::If>()) {
      if (const ast::FunctionDef *d = findNestedDef(ifStmt->body, name))
        return d;
      if (const ast::FunctionDef *d = findNestedDef(ifStmt->orelse, name))
        return d;
    }
  }
  return nullptr;
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

} // namespace tilec::frontend
