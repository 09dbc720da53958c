// The meta level's functions: defs and lambdas with their decorators, imports, and calls bound
// like Python (positional, keywords, defaults, *args, **kwargs). A call of a `T.` name goes to
// TileOps.cpp; one of a Python built-in to Builtins.cpp.
#include "frontend/Evaluator.h"
#include "frontend/Names.h"

#include <algorithm>
#include <map>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

constexpr int kMaxCallDepth = 100;

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

bool hasParam(const std::vector<ast::Arg> &group, const std::string &name) {
  return std::any_of(group.begin(), group.end(), [&](const ast::Arg &a) { return a.name == name; });
}

// Python's message for a call with more positional arguments than the function takes.
[[noreturn]] void failTooManyPositional(const Function &fn,
                                        const std::vector<const ast::Arg *> &positional,
                                        size_t given, SourceLoc loc) {
  size_t required = 0;
  for (const ast::Arg *a : positional)
    required += fn.defaults.count(a->name) ? 0 : 1;
  std::string takes = required == positional.size()
                          ? std::to_string(positional.size())
                          : "from " + std::to_string(required) + " to " +
                                std::to_string(positional.size());
  fail(loc, fn.name + "() takes " + takes + " positional argument" +
                (positional.size() == 1 && required == 1 ? "" : "s") + " but " +
                std::to_string(given) + (given == 1 ? " was" : " were") + " given");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Definitions and imports

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
                canonicalName(callee.str).rfind("T.", 0) != 0 && !isPythonBuiltin(callee.str);
  std::string name = lastComponent(callee.str);
  if (!opaque || callee.str == "tilelang.jit" || name == "annotate_tt_schedule" ||
      name == "annotate_tt_sharding")
    return eval(decorator); // modelled: arguments are checked
  ir::AnnotationValue::Dict recorded;
  auto record = [&](const std::string &key, const ast::Expr &arg) {
    try {
      if (std::optional<ir::AnnotationValue> a = toAnnotation(eval(arg)))
        recorded[key] = std::move(*a);
    } catch (const CompileError &) {
      // an argument tilec cannot evaluate (a list of autotuning configs) is left out
    }
  };
  for (size_t i = 0; i < call->args.size(); ++i)
    record("_" + std::to_string(i), *call->args[i]);
  for (const ast::Keyword &k : call->keywords)
    if (!k.name.empty())
      record(k.name, *k.value);
  return decoratorValue(name, std::move(recorded));
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
    if (name == "tilelang.jit")
      markEager(*fn);
    break;
  }
  case K::Decorator:
    fn->annotations[decorator.str] = *decorator.decoratorArgs;
    if (decorator.str == "jit")
      markEager(*fn);
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

// The public names of library modules that kernel files star-import, bound as `from M import name`
// would bind them; a star import of any other module binds nothing (its names are unknown, an error
// only where a kernel needs one).
static const std::map<std::string, std::vector<std::string>> &starExports() {
  static const std::map<std::string, std::vector<std::string>> exports = {
      {"tilelang.autotuner", {"autotune", "AutoTuner", "set_autotune_inputs", "get_autotune_inputs"}},
  };
  return exports;
}

void Evaluator::execImportFrom(const ast::ImportFrom &stmt) {
  for (const ast::Alias &alias : stmt.names) {
    if (alias.name == "*") {
      auto known = starExports().find(stmt.module);
      if (known == starExports().end()) {
        starModules_.push_back(stmt.module);
        continue;
      }
      for (const std::string &name : known->second)
        bindName(name, Value::named(K::Builtin, stmt.module + "." + name), alias.loc);
      continue;
    }
    std::string full = canonicalName(stmt.module.empty() ? alias.name
                                                         : stmt.module + "." + alias.name);
    bindName(alias.asname.empty() ? alias.name : alias.asname,
             Value::named(full == "T" ? K::Module : K::Builtin, full), alias.loc);
  }
}

// ---------------------------------------------------------------------------------------------
// Calls

Value Evaluator::evalCall(const ast::Call &call) {
  Value callee;
  const auto *attr = call.func->dyn_cast<ast::Attribute>();
  std::optional<Value> nested = attr ? nestedDefinition(*attr) : std::nullopt;
  if (nested) {
    callee = *nested; // `outer(args).inner(...)`
  } else if (attr) {
    Value base = eval(*attr->value);
    // `x.astype(dtype)`, TVM's method on kernel scalars, is `T.cast(x, dtype)`.
    if (attr->attr == "astype" && base.isKernelScalar()) {
      CallArgs args = evalCallArgs(call);
      args.args.insert(args.args.begin(), base);
      args.argLocs.insert(args.argLocs.begin(), attr->value->loc);
      return callTileLang("cast", args);
    }
    callee = attributeOf(base, attr->attr, attr->attrLoc);
  } else {
    callee = eval(*call.func);
  }
  if ((callee.is(K::Builtin) || callee.is(K::Module)) && isPerformanceHint(canonicalName(callee.str))) {
    if (canonicalName(callee.str) == "T.use_swizzle") { // block rasterization: recorded for the GPU
      CallArgs args = evalCallArgs(call);
      recordBlockRasterization(args);
    }
    return Value::none();
  }
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
    if (callee.function && callee.str == "jit.compile") // `matmul.compile(M=1024, ...)`
      return specialiseEager(*callee.function, args, true);
    if (callee.tensorType && callee.str.rfind("tensor.", 0) == 0) // `x.cuda()` (LibraryHelpers.cpp)
      return callTorchTensorMethod(callee, args);
    if (callee.items && callee.str.rfind("argparse.", 0) == 0) // a parser's method (ArgParse.cpp)
      return callArgParseMethod(callee, args);
    if (callee.items) // a bound list / tuple / dict method (ContainerMethods.cpp)
      return callContainerMethod(callee, args);
    return callBuiltin(canonicalName(callee.str), args);
  case K::DType: // `T.float32(x)`: a cast
    return callDType(callee, args);
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

Env *Evaluator::enterCall(const Function &fn, CallArgs &args) {
  if (frame_->depth >= kMaxCallDepth)
    fail(args.loc, "maximum recursion depth exceeded (" + std::to_string(kMaxCallDepth) +
                       " nested calls)");
  Env *scope = newEnv(fn.closure);
  bindParameters(fn, args, *scope);
  return scope;
}

Evaluator::CallScope::CallScope(Evaluator &ev, const Function &fn, CallArgs &args)
    : scope(ev.enterCall(fn, args)), frame(ev.calleeFrame()), inFrame(ev.frame_, &frame),
      inScope(ev.env_, scope) {}

Evaluator::Frame Evaluator::calleeFrame() {
  Frame f;
  f.depth = frame_->depth + 1;
  f.controlDepth = controlDepth();
  return f;
}

// `@autotune(configs=[...])` on a factory: the autotuner chooses the parameters a call leaves out
// by timing every config on a GPU; a compile-only host takes them from the first config.
void Evaluator::argumentsFromFirstConfig(const Function &fn, CallArgs &args) {
  auto tune = fn.annotations.find("autotune");
  if (tune == fn.annotations.end() || !fn.args)
    return;
  auto configs = tune->second.find("configs");
  const auto *list = configs == tune->second.end()
                         ? nullptr
                         : std::get_if<ir::AnnotationValue::List>(&configs->second.value);
  const auto *first = list && !list->empty() ? std::get_if<ir::AnnotationValue::Dict>(&list->front().value)
                                             : nullptr;
  if (!first)
    return;
  std::vector<std::string> positional;
  for (const std::vector<ast::Arg> *group : {&fn.args->posonly, &fn.args->args})
    for (const ast::Arg &a : *group)
      positional.push_back(a.name);
  for (const auto &[key, annotation] : *first) {
    auto at = std::find(positional.begin(), positional.end(), key);
    bool givenPositionally = at != positional.end() && size_t(at - positional.begin()) < args.args.size();
    bool givenByName = std::any_of(args.keywords.begin(), args.keywords.end(),
                                   [&](const auto &kw) { return kw.first == key; });
    if (givenPositionally || givenByName)
      continue;
    const auto &v = annotation.value;
    if (const auto *i = std::get_if<int64_t>(&v))
      args.keywords.emplace_back(key, Value::integer(*i));
    else if (const auto *d = std::get_if<double>(&v))
      args.keywords.emplace_back(key, Value::real(*d));
    else if (const auto *b = std::get_if<bool>(&v))
      args.keywords.emplace_back(key, Value::boolean(*b));
    else if (const auto *str = std::get_if<std::string>(&v))
      args.keywords.emplace_back(key, Value::string(*str));
  }
}

Value Evaluator::callFunction(const Function &fn, CallArgs &args) {
  if (fn.isPrimFunc && kernel_)
    fail(args.loc, "cannot call the kernel '" + fn.name + "' from inside a kernel; use @T.macro "
                   "for code shared between kernels");
  argumentsFromFirstConfig(fn, args);
  if (fn.isEager && !fn.eager)
    return specialiseEager(fn, args, false);
  if (fn.isPrimFunc)
    fail(args.loc, "'" + fn.name + "' is a kernel; tilec compiles it rather than calling it "
                   "(select it with --kernel " + fn.name + ")");
  CallScope call(*this, fn, args);
  Value result;
  if (fn.lambdaBody)
    result = eval(*fn.lambdaBody);
  else
    result = execBlock(*fn.body) == Flow::Return ? call.frame.returnValue : Value::none();
  // A factory passes its decorators (@tilelang.jit(...), TT annotations) on to its kernel.
  if (result.is(K::Function) && result.function->isPrimFunc && !fn.annotations.empty()) {
    auto kernel = std::make_shared<Function>(*result.function);
    for (const auto &[name, annotation] : fn.annotations)
      kernel->annotations.emplace(name, annotation);
    result.function = kernel;
  }
  if (result.is(K::Function) && result.function->isPrimFunc)
    noteKernelBuilt(result);
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
  std::map<std::string, Value> bound;

  if (args.args.size() > positional.size() && !params.vararg)
    failTooManyPositional(fn, positional, args.args.size(), args.loc);
  for (size_t i = 0; i < args.args.size() && i < positional.size(); ++i)
    bound[positional[i]->name] = args.args[i];
  if (params.vararg) {
    std::vector<Value> rest;
    for (size_t i = positional.size(); i < args.args.size(); ++i)
      rest.push_back(args.args[i]);
    bound[params.vararg->name] = Value::tuple(std::move(rest));
  }

  std::vector<Value> extraKeywords;
  for (const auto &[name, value] : args.keywords) {
    bool isPosOnly = hasParam(params.posonly, name);
    bool isNamed = !isPosOnly && (hasParam(params.args, name) || hasParam(params.kwonly, name));
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

  int depth = controlDepth();
  for (auto &[name, value] : bound)
    scope.set(name, value, depth);
}

Value Evaluator::callBuiltin(const std::string &name, CallArgs &args) {
  if (std::optional<Value> v = callLibraryHelper(name, args))
    return *v;
  if (name.rfind("T.", 0) == 0)
    return callTileLang(name.substr(2), args);
  if (isPythonBuiltin(name) || name.rfind("math.", 0) == 0)
    return callPythonBuiltin(name, args);
  if (isExceptionName(name))
    fail(args.loc, "the code creates a " + name + " exception");
  // Decorator factories whose arguments are recorded on the kernel.
  std::string last = lastComponent(name);
  if (name == "tilelang.jit" || name == "tilelang.autotune" || last == "annotate_tt_schedule" ||
      last == "annotate_tt_sharding") {
    ir::AnnotationValue::Dict recorded;
    auto record = [&](const std::string &key, const Value &v, SourceLoc loc) {
      std::optional<ir::AnnotationValue> a = toAnnotation(v);
      if (!a)
        fail(loc, "argument '" + key + "' of " + last + " must be a constant (number, string, "
                  "list or dict), got " + typeName(v));
      recorded[key] = std::move(*a);
    };
    for (size_t i = 0; i < args.args.size(); ++i)
      record("_" + std::to_string(i), args.args[i], args.argLocs[i]);
    for (const auto &[key, v] : args.keywords)
      record(key, v, args.loc);
    return decoratorValue(name == "tilelang.jit" ? "jit" : last, std::move(recorded));
  }
  fail(args.loc, "cannot evaluate a call to '" + name +
                     "' at compile time (tilec runs only the Python that builds kernels)");
}

} // namespace tilec::frontend
