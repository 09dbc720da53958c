// The meta level's statements: Python control flow and assignment, run at compile time. A
// statement that reaches the kernel (a run-time `if`, a kernel loop, a store, `with T.Kernel`)
// hands over to the staging in KernelStaging.cpp, which evaluates its body back through here.
#include "frontend/Evaluator.h"
#include "frontend/Operators.h"

namespace tilec::frontend {

namespace {

using K = Value::Kind;

} // namespace

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
  case ast::StmtKind::Return:
    return execReturn(stmt.as<ast::Return>());
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
    if (stageEagerAnnotation(ann))
      return Flow::Normal;
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
    return stageLaunch(stmt.as<ast::With>());
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
  case ast::StmtKind::Continue:
    return execLoopJump(stmt);
  }
  return Flow::Normal;
}

Evaluator::Flow Evaluator::execReturn(const ast::Return &stmt) {
  if (kernel_ && kernel_->controlDepth() != frame_->controlDepth)
    fail(stmt.loc, "'return' inside a kernel loop or a run-time 'if' is not supported");
  if (kernel_ && frame_->isKernelBody && eager_) {
    eagerReturn(stmt.value ? eval(*stmt.value) : Value::none(), stmt.loc);
    return Flow::Return;
  }
  if (kernel_ && frame_->isKernelBody)
    fail(stmt.loc, "a @T.prim_func kernel cannot return a value; it writes its output tensors");
  frame_->returnValue = stmt.value ? eval(*stmt.value) : Value::none();
  return Flow::Return;
}

// `break` / `continue` end a Python loop's iteration at compile time; a kernel loop, or a
// run-time `if` between the loop and the jump, would need the jump in the IR.
Evaluator::Flow Evaluator::execLoopJump(const ast::Stmt &stmt) {
  bool isBreak = stmt.kind == ast::StmtKind::Break;
  const char *what = isBreak ? "break" : "continue";
  if (frame_->metaLoops.empty())
    fail(stmt.loc, std::string("'") + what + "' outside a loop");
  if (frame_->metaLoops.back() < 0 || (kernel_ && kernel_->controlDepth() != frame_->metaLoops.back()))
    fail(stmt.loc, std::string("'") + what +
                       "' inside a kernel loop or under a run-time 'if' is not supported");
  return isBreak ? Flow::Break : Flow::Continue;
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
      return stageStore(*sub, updated, stmt.loc);
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
  stageIf(stmt, test); // a run-time condition: both branches become IR
  return Flow::Normal;
}

Evaluator::Flow Evaluator::execFor(const ast::For &stmt) {
  Value iterable = eval(*stmt.iter);
  if (iterable.is(K::Range) && kernel_) { // inside kernels every range is a loop of the IR
    stageLoop(stmt, *iterable.range);
    return Flow::Normal;
  }
  std::vector<Value> items = iterate(iterable, stmt.iter->loc);
  frame_->metaLoops.push_back(controlDepth());
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
  frame_->metaLoops.pop_back();
  if (result == Flow::Normal && !broke)
    return execBlock(stmt.orelse);
  return result;
}

Evaluator::Flow Evaluator::execWhile(const ast::While &stmt) {
  frame_->metaLoops.push_back(controlDepth());
  Flow result = Flow::Normal;
  for (bool first = true;; first = false) {
    step(stmt.loc);
    Value test = eval(*stmt.test);
    std::optional<bool> truth = truthiness(test);
    if (!truth && first && kernel_) { // a run-time condition: the loop becomes IR
      frame_->metaLoops.pop_back();
      stageWhile(stmt, test);
      return Flow::Normal;
    }
    if (!truth)
      fail(stmt.test->loc, "this 'while' condition became a run-time value after the loop had "
                           "run at compile time; a loop is either unrolled at compile time or a "
                           "run-time loop, decided by its first test");
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
  frame_->metaLoops.pop_back();
  return result;
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
    return assignUnpacked(target.as<ast::Tuple>().elts, value, target.loc);
  case ast::ExprKind::List:
    return assignUnpacked(target.as<ast::List>().elts, value, target.loc);
  case ast::ExprKind::Subscript:
    return stageStore(target.as<ast::Subscript>(), value, target.loc);
  case ast::ExprKind::Attribute:
    fail(target.loc, "assigning to an attribute is not supported at compile time");
  default:
    fail(target.loc, "cannot assign to this expression");
  }
}

// `a, b = ...` and `first, *rest = ...`, with Python's messages for a count that does not match.
void Evaluator::assignUnpacked(const ast::ExprList &elts, const Value &value, SourceLoc loc) {
  std::vector<Value> items = iterate(value, loc);
  size_t starAt = elts.size();
  for (size_t i = 0; i < elts.size(); ++i)
    if (elts[i]->isa<ast::Starred>())
      starAt = i;
  if (starAt == elts.size()) {
    if (items.size() != elts.size())
      fail(loc, items.size() > elts.size()
                    ? "too many values to unpack (expected " + std::to_string(elts.size()) + ")"
                    : "not enough values to unpack (expected " + std::to_string(elts.size()) +
                          ", got " + std::to_string(items.size()) + ")");
    for (size_t i = 0; i < elts.size(); ++i)
      assign(*elts[i], items[i]);
    return;
  }
  size_t after = elts.size() - starAt - 1;
  if (items.size() < starAt + after)
    fail(loc, "not enough values to unpack (expected at least " + std::to_string(starAt + after) +
                  ", got " + std::to_string(items.size()) + ")");
  for (size_t i = 0; i < starAt; ++i)
    assign(*elts[i], items[i]);
  std::vector<Value> rest(items.begin() + static_cast<long>(starAt),
                          items.end() - static_cast<long>(after));
  assign(*elts[starAt]->as<ast::Starred>().value, Value::list(std::move(rest)));
  for (size_t i = 0; i < after; ++i)
    assign(*elts[starAt + 1 + i], items[items.size() - after + i]);
}

void Evaluator::bindName(const std::string &name, const Value &value, SourceLoc loc) {
  Env::Binding *existing = env_->findLocal(name);
  if (kernel_ && existing && existing->value.is(K::ScalarVar)) // `x = ...` on T.alloc_var
    return stageScalarVarStore(existing->value.buffer, name, value, loc);
  int depth = controlDepth();
  if (kernel_ && existing && existing->depth < depth && existing->value.isKernelValue())
    fail(loc, "cannot reassign '" + name +
                  "' inside a kernel loop or run-time 'if': it was bound outside it and kernel "
                  "scalars are immutable; use '" + name +
                  " = T.alloc_var(dtype)' for a mutable scalar");
  env_->set(name, kernel_ ? letIfReadsMemory(name, value, loc) : value, depth);
}

} // namespace tilec::frontend
