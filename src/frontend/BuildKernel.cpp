// Picks the kernel a compilation is about and builds its Tile IR.
#include "frontend/Evaluator.h"
#include "frontend/Frontend.h"
#include "frontend/Parser.h"

#include <algorithm>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

bool isKernel(const Value &v) { return v.is(K::Function) && v.function->isPrimFunc; }

// An eager kernel's tensor parameters take no argument: its body annotates them.
bool allParametersDefaulted(const Function &fn) {
  for (const std::vector<ast::Arg> *group : {&fn.args->posonly, &fn.args->args, &fn.args->kwonly})
    for (const ast::Arg &a : *group)
      if (!fn.defaults.count(a.name) &&
          std::find(fn.tensorParams.begin(), fn.tensorParams.end(), a.name) ==
              fn.tensorParams.end())
        return false;
  return true;
}

std::string joinNames(const std::vector<std::string> &names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i ? ", " : "") + names[i];
  return out;
}

// `f(a, b)`; for an eager kernel `f.compile(block_M=...)`, its parameters other than tensors.
std::string signatureOf(const Function &fn) {
  std::string out = fn.name + (fn.isEager ? ".compile(" : "(");
  bool first = true;
  for (const std::vector<ast::Arg> *group : {&fn.args->posonly, &fn.args->args})
    for (const ast::Arg &a : *group) {
      if (std::find(fn.tensorParams.begin(), fn.tensorParams.end(), a.name) !=
          fn.tensorParams.end())
        continue;
      out += (first ? "" : ", ") + a.name + (fn.isEager ? "=..." : "");
      first = false;
    }
  return out + ")";
}

// A file-level diagnostic: names the file, no line.
SourceLoc fileLoc(const SourceFile &file) { return SourceLoc{&file, 0, 0}; }

ir::PrimFuncPtr buildCalled(Evaluator &ev, const std::string &callText, SourceManager &sm) {
  const SourceFile &callFile = sm.addBuffer("--call", callText);
  ast::ExprPtr call = parseExpression(callFile);
  // A function that returns a kernel is called; one that does not (an example's `main()`, whose
  // host code needs a GPU) is run as a driver, up to the first kernel it binds.
  Value result;
  try {
    result = ev.evalInModule(*call);
  } catch (const CompileError &) {
    if (!ev.isDriverCall(*call))
      throw;
    std::optional<Value> kernel = ev.kernelBuiltByDriver(call->as<ast::Call>());
    if (!kernel)
      throw; // the call's own error says more than "no kernel"
    result = *kernel;
  }
  if (!isKernel(result) && ev.isDriverCall(*call)) {
    std::optional<Value> kernel = ev.kernelBuiltByDriver(call->as<ast::Call>());
    if (!kernel)
      fail(call->loc, "'" + callText + "' builds no kernel tilec can see: a function that does "
                      "not return a kernel runs up to the first statement that binds one, e.g. "
                      "`kernel = matmul(1024, 1024, 1024)` or `kernel = matmul.compile(M=1024, ...)`");
    result = *kernel;
  }
  if (!isKernel(result))
    fail(call->loc, "--call must evaluate to a kernel (a @T.prim_func), but it gave " +
                        typeName(result) + (result.is(K::Function) ? " '" + result.function->name +
                                                                          "'"
                                                                    : ""));
  return ev.buildKernel(*result.function);
}

// `--kernel inner` for a def nested in a top-level function callable without arguments:
// `outer().inner` for a kernel, `outer().inner()` for a factory or eager kernel with defaults.
std::optional<std::string> nestedSelection(Evaluator &ev, const std::string &name) {
  for (const std::string &n : ev.globalNames()) {
    const Value *g = ev.global(n);
    if (!g || !g->is(K::Function) || !g->function->def || !allParametersDefaulted(*g->function) ||
        !findNestedDef(g->function->def->body, name))
      continue;
    const ast::FunctionDef *inner = findNestedDef(g->function->def->body, name);
    bool isPrimFunc = std::any_of(inner->decorators.begin(), inner->decorators.end(),
                                  [](const ast::ExprPtr &d) { return isPrimFuncDecorator(*d); });
    return n + "()." + name + (isPrimFunc ? "" : "()");
  }
  return std::nullopt;
}

ir::PrimFuncPtr buildNamed(Evaluator &ev, const SourceFile &file, const std::string &name,
                           SourceManager &sm) {
  const Value *v = ev.global(name);
  if (v && v->is(K::Error))
    fail(v->error->loc, v->error->message);
  if (v && isKernel(*v))
    return ev.buildKernel(*v->function);
  if (v && v->is(K::Function) && v->function->isEager && allParametersDefaulted(*v->function))
    return buildCalled(ev, name + "()", sm);
  if (!v)
    if (std::optional<std::string> call = nestedSelection(ev, name))
      return buildCalled(ev, *call, sm);
  std::vector<std::string> kernels;
  for (const std::string &n : ev.globalNames())
    if (const Value *g = ev.global(n); g && isKernel(*g))
      kernels.push_back(n);
  std::string available = kernels.empty() ? "this file has no top-level @T.prim_func"
                                          : "kernels in this file: " + joinNames(kernels);
  if (v && v->is(K::Function))
    fail(v->function->loc, "'" + name + "' is not a @T.prim_func kernel (" + available +
                               "; call a factory with --call)");
  fail(fileLoc(file), "no top-level @T.prim_func named '" + name + "' (" + available + ")");
}

ir::PrimFuncPtr buildDefault(Evaluator &ev, const SourceFile &file, SourceManager &sm) {
  std::vector<const Function *> kernels, factories;
  for (const std::string &n : ev.globalNames()) {
    const Value *g = ev.global(n);
    if (!g || !g->is(K::Function))
      continue;
    if (g->function->isPrimFunc)
      kernels.push_back(g->function.get());
    else if (g->function->isEager ||
             (g->function->def && definesKernel(g->function->def->body)))
      factories.push_back(g->function.get());
  }
  if (kernels.size() == 1)
    return ev.buildKernel(*kernels[0]);
  if (kernels.size() > 1) {
    std::vector<std::string> names;
    for (const Function *k : kernels)
      names.push_back(k->name);
    fail(fileLoc(file), "this file has several kernels (" + joinNames(names) +
                            "); choose one with --kernel NAME");
  }
  // An example script: the first kernel its `__main__` block builds, or else its `main()` with
  // main's default sizes (the script's own sizes, before a guess with the factory's defaults).
  if (!factories.empty())
    if (std::optional<Value> kernel = ev.kernelBuiltByMainBlock())
      return ev.buildKernel(*kernel->function);
  const Value *main = ev.global("main");
  if (!factories.empty() && main && main->is(K::Function) && allParametersDefaulted(*main->function)) {
    ast::ExprPtr mainCall = parseExpression(sm.addBuffer("main", "main()"));
    if (ev.isDriverCall(*mainCall))
      if (std::optional<Value> kernel = ev.kernelBuiltByDriver(mainCall->as<ast::Call>()))
        return ev.buildKernel(*kernel->function);
  }
  if (factories.size() == 1 && allParametersDefaulted(*factories[0]))
    return buildCalled(ev, factories[0]->name + "()", sm);
  if (!factories.empty()) {
    std::vector<std::string> calls;
    for (const Function *f : factories)
      calls.push_back(signatureOf(*f));
    std::string skipped = ev.lastDriverSkip();
    fail(fileLoc(file), "no kernel to compile without arguments; call a factory with --call, "
                        "e.g. --call \"" + calls[0] + "\" (factories: " + joinNames(calls) + ")" +
                            (skipped.empty() ? "" : "; running the script's __main__ block or main() built none (the last statement it could not evaluate: " +
                                                        skipped + ")"));
  }
  fail(fileLoc(file), "no kernel in this file: expected a top-level @T.prim_func or a factory "
                      "function returning one");
}

} // namespace

ir::PrimFuncPtr buildKernel(const SourceFile &file, const KernelRequest &request,
                            SourceManager &sm) {
  ast::Module module = parse(file);
  Evaluator evaluator(module, request.defines);
  evaluator.runModule();
  if (!request.call.empty())
    return buildCalled(evaluator, request.call, sm);
  if (!request.kernel.empty())
    return buildNamed(evaluator, file, request.kernel, sm);
  return buildDefault(evaluator, file, sm);
}

} // namespace tilec::frontend
