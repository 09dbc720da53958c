// The meta level's expressions: Python values, names, attributes, subscripts, comprehensions,
// evaluated at compile time. Operators on values are in Operators.cpp; a subscripted buffer
// becomes a kernel value through KernelStaging.cpp.
#include "frontend/Evaluator.h"
#include "frontend/Names.h"
#include "frontend/Operators.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

constexpr int64_t kMaxIterationItems = 1'000'000;

int64_t normalizeIndex(int64_t index, size_t size, SourceLoc loc, const std::string &what) {
  int64_t n = static_cast<int64_t>(size);
  int64_t i = index < 0 ? index + n : index;
  if (i < 0 || i >= n)
    fail(loc, what + " index " + std::to_string(index) + " out of range (length " +
                  std::to_string(n) + ")");
  return i;
}

// items[start:stop:step] with Python's clamping of out-of-range bounds.
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
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += n;
    int64_t lo = step > 0 ? 0 : -1, hi = step > 0 ? n : n - 1;
    return std::clamp(i, lo, hi);
  };
  int64_t start = slice.elements()[0].is(K::None) ? (step > 0 ? 0 : n - 1)
                                                  : clampIndex(bound(slice.elements()[0], 0));
  int64_t stop = slice.elements()[1].is(K::None) ? (step > 0 ? n : -1)
                                                 : clampIndex(bound(slice.elements()[1], 0));
  std::vector<Value> out;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
    out.push_back(items[static_cast<size_t>(i)]);
  return out;
}

// A string as the sequence of its one-character strings (indexing and iterating a str).
std::vector<Value> charsOf(const std::string &s) {
  std::vector<Value> chars;
  for (char c : s)
    chars.push_back(Value::string(std::string(1, c)));
  return chars;
}

Value dictOf(std::vector<Value> keysAndValues) {
  Value v = Value::tuple(std::move(keysAndValues));
  v.kind = K::Dict;
  return v;
}

} // namespace

Value Evaluator::eval(const ast::Expr &expr) {
  step(expr.loc);
  switch (expr.kind) {
  case ast::ExprKind::Name:
    return evalName(expr.as<ast::Name>());
  case ast::ExprKind::Constant:
    return evalConstant(expr.as<ast::Constant>());
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
  case ast::ExprKind::Slice:
    return evalSlice(expr.as<ast::Slice>());
  case ast::ExprKind::Tuple:
    return Value::tuple(evalSequence(expr.as<ast::Tuple>().elts));
  case ast::ExprKind::List:
    return Value::list(evalSequence(expr.as<ast::List>().elts));
  case ast::ExprKind::Set:
    return Value::list(evalSequence(expr.as<ast::Set>().elts));
  case ast::ExprKind::Dict:
    return evalDict(expr.as<ast::Dict>());
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

Value Evaluator::evalConstant(const ast::Constant &c) {
  switch (c.valueKind) {
  case ast::ConstantKind::None: return Value::none();
  case ast::ConstantKind::Bool: return Value::boolean(c.boolValue);
  case ast::ConstantKind::Int: return Value::integer(c.intValue);
  case ast::ConstantKind::Float: return Value::real(c.floatValue);
  case ast::ConstantKind::Str:
  case ast::ConstantKind::Bytes: return Value::string(c.strValue);
  case ast::ConstantKind::Ellipsis: return Value::named(K::Builtin, "Ellipsis");
  case ast::ConstantKind::Imaginary:
    fail(c.loc, "complex numbers are not supported");
  }
  return Value::none();
}

Value Evaluator::evalSlice(const ast::Slice &s) {
  Value v;
  v.kind = K::Slice;
  v.items = std::make_shared<std::vector<Value>>(std::vector<Value>{
      s.lower ? eval(*s.lower) : Value::none(), s.upper ? eval(*s.upper) : Value::none(),
      s.step ? eval(*s.step) : Value::none()});
  return v;
}

Value Evaluator::evalDict(const ast::Dict &d) {
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
  return dictOf(std::move(items));
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
  if (isPythonBuiltin(name.id) || isExceptionName(name.id))
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
  std::string note;
  for (const std::string &m : starModules_)
    note += (note.empty() ? " (unless it comes from `from " : ", `from ") + m + " import *`";
  if (!note.empty())
    note += ": tilec does not know that module's names)";
  fail(loc, "undefined name '" + name + "'" + note);
}

Value Evaluator::evalAttribute(const ast::Attribute &attr) {
  if (std::optional<Value> nested = nestedDefinition(attr))
    return *nested;
  return attributeOf(eval(*attr.value), attr.attr, attr.attrLoc);
}

Value Evaluator::attributeOf(const Value &base, const std::string &name, SourceLoc loc) {
  switch (base.kind) {
  case K::Module:
  case K::Builtin: {
    if (base.str == "T")
      return tileLangAttribute(name, loc);
    std::string full = canonicalName(base.str + "." + name);
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
    if (name == "dtype")
      return Value::string(ir::dtypeName(base.buffer->dtype));
    if (name == "shape") {
      std::vector<Value> dims;
      for (const ir::Expr &d : base.buffer->shape) {
        auto c = ir::asConstInt(d);
        dims.push_back(c ? Value::integer(*c) : Value::fromExpr(d));
      }
      return Value::tuple(std::move(dims));
    }
    if (name == "name")
      return Value::string(base.buffer->name);
    break;
  case K::TensorType:
    if (name == "dtype")
      return Value::string(base.tensorType->dtype);
    if (name == "shape")
      return Value::tuple(base.tensorType->shape);
    if (std::optional<Value> method = torchTensorMethod(base, name))
      return *method;
    break;
  case K::Function:
    if (name == "__name__")
      return Value::string(base.function->name);
    // `matmul.compile(M=1024, ...)`; `get_kernel_source(...)` / `get_tir(...)` compile the same kernel
    // (its source text is what a script prints; tilec prints it with `compile`)
    if ((name == "compile" || name == "get_kernel_source" || name == "get_tir") &&
        base.function->isEager &&
        !base.function->eager) {
      Value bound = Value::named(K::Builtin, "jit.compile"); // `matmul.compile(M=1024, ...)`
      bound.function = base.function;
      return bound;
    }
    break;
  case K::List:
  case K::Tuple:
  case K::Dict:
    if (std::optional<Value> method = argParseMethod(base, name))
      return *method;
    if (std::optional<Value> option = namespaceAttribute(base, name))
      return *option;
    if (std::optional<Value> method = containerMethod(base, name))
      return *method;
    break;
  case K::Error:
    raiseDeferred(base);
  default:
    break;
  }
  fail(loc, "'" + typeName(base) + "' has no attribute '" + name +
                         "' that tilec can evaluate");
}

Value Evaluator::evalSubscript(const ast::Subscript &sub) {
  return subscriptValue(eval(*sub.value), *sub.slice, sub.loc);
}

Value Evaluator::subscriptValue(const Value &base, const ast::Expr &index, SourceLoc loc) {
  if (base.is(K::Error))
    raiseDeferred(base);
  if (base.is(K::Buffer) || base.is(K::ScalarVar))
    return bufferAccess(base, index, loc);
  if (base.is(K::Builtin) || base.is(K::Module))
    return subscriptType(base, index, loc);
  Value key = eval(index);
  if (key.is(K::Error))
    raiseDeferred(key);
  if (base.isSequence() || base.is(K::Str)) {
    std::vector<Value> chars = base.is(K::Str) ? charsOf(base.str) : std::vector<Value>{};
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
  fail(loc, "'" + typeName(base) + "' is not subscriptable");
}

// `T.Buffer[(M, K), "float16"]`, `T.dyn["M"]`: a subscript that is a call in disguise.
Value Evaluator::subscriptType(const Value &base, const ast::Expr &index, SourceLoc loc) {
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
  if (comp.isa<ast::DictComp>())
    return dictOf(std::move(out));
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
  case K::Str:
    return charsOf(iterable.str);
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

} // namespace tilec::frontend
