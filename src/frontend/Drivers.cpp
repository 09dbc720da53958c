// Drivers: how an example script selects its kernel. A driver is the script's
// `if __name__ == "__main__":` block, or a function that does not return a kernel (`main()`,
// `run_case(64)`). It runs the way module-level code runs — its torch tensors, prints, benchmarks
// and checks are host code: a statement that fails to evaluate is skipped — until some evaluation
// builds a kernel: a jit factory called with sizes, an eager kernel specialised by
// `.compile(M=...)` or called with tensors, wherever the call is (an assignment, a print, a helper
// that wraps the kernel call). The first kernel built is the selection (docs/LANGUAGE.md).
#include "frontend/Evaluator.h"

namespace tilec::frontend {

using K = Value::Kind;

void Evaluator::noteKernelBuilt(const Value &kernel) {
  if (firstBuilt_ && !*firstBuilt_)
    *firstBuilt_ = kernel;
}

// The last assignment a driver skipped, kept to explain a driver that builds no kernel: kernels
// are bound by assignments, so it is usually the one that would have built it.
void Evaluator::noteDriverSkip(const CompileError &error) {
  if (firstBuilt_)
    lastDriverSkip_ = error;
}

std::string Evaluator::lastDriverSkip() const {
  if (!lastDriverSkip_)
    return "";
  const SourceLoc &loc = lastDriverSkip_->loc();
  std::string where = loc.valid() ? loc.file->path() + ":" + std::to_string(loc.line) + ": " : "";
  return where + lastDriverSkip_->message();
}

bool Evaluator::isDriver(const Value &v) const {
  return v.is(K::Function) && v.function->def && !v.function->isPrimFunc && !v.function->isEager &&
         !v.function->annotations.count("jit") && !definesKernel(v.function->def->body);
}

bool Evaluator::isDriverCall(const ast::Expr &selection) {
  const auto *call = selection.dyn_cast<ast::Call>();
  const auto *name = call ? call->func->dyn_cast<ast::Name>() : nullptr;
  Env::Binding *b = name ? globals_->findLocal(name->id) : nullptr;
  return b && isDriver(b->value);
}

std::optional<Value> Evaluator::kernelBuiltByDriver(const ast::Call &call) {
  std::optional<Value> first;
  Restore<std::optional<Value> *> recording(firstBuilt_, &first);
  Restore<Env *> inModule(env_, globals_);
  Value callee = eval(*call.func);
  CallArgs args = evalCallArgs(call);
  runDriver(*callee.function, args);
  return first;
}

// The `__main__` block runs in the module scope.
std::optional<Value> Evaluator::kernelBuiltByMainBlock() {
  std::optional<Value> first;
  Restore<std::optional<Value> *> recording(firstBuilt_, &first);
  Restore<Env *> inModule(env_, globals_);
  for (const ast::StmtPtr &s : module_.body) {
    const auto *ifStmt = s->dyn_cast<ast::If>();
    const auto *test = ifStmt ? ifStmt->test->dyn_cast<ast::Compare>() : nullptr;
    const auto *lhs = test ? test->left->dyn_cast<ast::Name>() : nullptr;
    const auto *rhs = test && test->comparators.size() == 1
                          ? test->comparators[0]->dyn_cast<ast::Constant>()
                          : nullptr;
    if (lhs && lhs->id == "__name__" && rhs && rhs->strValue == "__main__")
      runDriverBody(ifStmt->body);
    if (first)
      break;
  }
  return first;
}

void Evaluator::runDriver(const Function &driver, CallArgs &args) {
  CallScope inCall(*this, driver, args);
  runDriverBody(*driver.body);
}

void Evaluator::runDriverBody(const ast::StmtList &body) {
  for (const ast::StmtPtr &s : body) {
    runDriverStatement(*s);
    if (*firstBuilt_)
      return;
  }
}

void Evaluator::runDriverStatement(const ast::Stmt &stmt) {
  if (const auto *ifStmt = stmt.dyn_cast<ast::If>()) {
    std::optional<bool> taken;
    try {
      taken = truthiness(eval(*ifStmt->test));
    } catch (const CompileError &) {
      return; // a condition on host state: neither branch
    }
    runDriverBody(*taken ? ifStmt->body : ifStmt->orelse);
    return;
  }
  if (const auto *with = stmt.dyn_cast<ast::With>()) { // `with torch.no_grad():` — host context
    runDriverBody(with->body);
    return;
  }
  if (const auto *e = stmt.dyn_cast<ast::ExprStmt>()) {
    try {
      const auto *call = e->value->dyn_cast<ast::Call>();
      Value callee = call && call->func->dyn_cast<ast::Name>() ? eval(*call->func) : Value::none();
      if (isDriver(callee)) { // `main(args.batch)`: another driver, run the same way
        CallArgs args = evalCallArgs(*call);
        runDriver(*callee.function, args);
      } else {
        eval(*e->value); // `print(kernel.get_kernel_source())`, `check(...)`: kernels built in it count
      }
    } catch (const CompileError &) {
      // host code (prints, checks, benchmarks): not what explains a missing kernel
    }
    return;
  }
  execTolerantly(stmt, nullptr);
  // `kernel = some_kernel`: binding a kernel built before also selects it
  if (std::optional<std::vector<std::string>> bound = namesBoundBy(stmt))
    for (const std::string &name : *bound)
      if (Env::Binding *b = env_->findLocal(name);
          b && b->value.is(K::Function) && b->value.function->isPrimFunc)
        noteKernelBuilt(b->value);
}

} // namespace tilec::frontend
