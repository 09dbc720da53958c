// Python's built-in functions (and `math`), as far as kernel-building code uses them.
#include "frontend/Evaluator.h"
#include "frontend/Operators.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

double asDouble(const Value &v, SourceLoc loc, const std::string &fname) {
  if (v.is(K::Float))
    return v.floatValue;
  if (v.is(K::Int) || v.is(K::Bool))
    return static_cast<double>(v.intValue);
  fail(loc, fname + " expects a number, got " + typeName(v));
}

int64_t asInt(const Value &v, SourceLoc loc, const std::string &what) {
  if (v.is(K::Int) || v.is(K::Bool))
    return v.intValue;
  fail(loc, what + " must be an integer, got " + typeName(v));
}

Value castTo(ir::DType t, const Value &v, SourceLoc loc, const std::string &fname) {
  return Value::fromExpr(std::make_shared<ir::Cast>(t, toExpr(v, loc, "the argument of " + fname),
                                                   loc));
}

int64_t toInteger(double d, SourceLoc loc) {
  if (!std::isfinite(d) || d >= 9.2e18 || d <= -9.2e18)
    fail(loc, "cannot convert " + std::to_string(d) + " to an integer");
  return static_cast<int64_t>(d);
}

} // namespace

std::vector<std::optional<Value>> bindBuiltinArgs(const CallArgs &args, const std::string &fname,
                                                  const std::vector<std::string> &names,
                                                  size_t required) {
  std::vector<std::optional<Value>> out(names.size());
  if (args.args.size() > names.size())
    fail(args.loc, fname + "() takes at most " + std::to_string(names.size()) +
                       " positional argument" + (names.size() == 1 ? "" : "s") + " (" +
                       std::to_string(args.args.size()) + " given)");
  for (size_t i = 0; i < args.args.size(); ++i)
    out[i] = args.args[i];
  for (const auto &[key, value] : args.keywords) {
    auto it = std::find(names.begin(), names.end(), key);
    if (it == names.end())
      fail(args.loc, fname + "() got an unexpected keyword argument '" + key + "'");
    size_t i = static_cast<size_t>(it - names.begin());
    if (out[i])
      fail(args.loc, fname + "() got multiple values for argument '" + key + "'");
    out[i] = value;
  }
  for (size_t i = 0; i < required; ++i)
    if (!out[i])
      fail(args.loc, fname + "() missing required argument '" + names[i] + "'");
  return out;
}

Value Evaluator::callPythonBuiltin(const std::string &name, CallArgs &args) {
  SourceLoc loc = args.loc;
  auto only = [&](size_t n) -> std::vector<Value> & {
    if (!args.keywords.empty())
      fail(loc, name + "() takes no keyword arguments");
    if (args.args.size() != n)
      fail(loc, name + "() takes exactly " + std::to_string(n) + " argument" +
                    (n == 1 ? "" : "s") + " (" + std::to_string(args.args.size()) + " given)");
    return args.args;
  };
  auto candidates = [&]() -> std::vector<Value> {
    if (args.args.empty())
      fail(loc, name + "() expects at least 1 argument, got 0");
    return args.args.size() == 1 ? iterate(args.args[0], loc) : args.args;
  };

  if (name == "range") {
    auto a = bindBuiltinArgs(args, "range", {"start", "stop", "step"}, 1);
    auto range = std::make_shared<LoopRange>();
    range->spelling = "range";
    range->starts.push_back(a[1] ? *a[0] : Value::integer(0));
    range->stops.push_back(a[1] ? *a[1] : *a[0]);
    if (a[2]) {
      if (a[2]->is(K::Int) && a[2]->intValue == 0)
        fail(loc, "range() arg 3 must not be zero");
      range->step = *a[2];
    }
    for (const Value *v : {&range->starts[0], &range->stops[0]})
      if (!v->is(K::Int) && !v->is(K::Bool) && !v->isKernelScalar())
        fail(loc, "range() bounds must be integers, got " + typeName(*v));
    Value v;
    v.kind = K::Range;
    v.range = range;
    return v;
  }
  if (name == "len") {
    const Value &x = only(1)[0];
    if (x.isSequence() || x.is(K::Dict))
      return Value::integer(static_cast<int64_t>(x.elements().size()) /
                            (x.is(K::Dict) ? 2 : 1));
    if (x.is(K::Str))
      return Value::integer(static_cast<int64_t>(x.str.size()));
    if (x.is(K::Range))
      return Value::integer(static_cast<int64_t>(iterate(x, loc).size()));
    if (x.is(K::Buffer)) {
      auto c = ir::asConstInt(x.buffer->shape[0]);
      return c ? Value::integer(*c) : Value::fromExpr(x.buffer->shape[0]);
    }
    fail(loc, "object of type '" + typeName(x) + "' has no len()");
  }
  if (name == "min" || name == "max") {
    std::vector<Value> items = candidates();
    if (items.empty())
      fail(loc, name + "() arg is an empty sequence");
    Value best = items[0];
    for (size_t i = 1; i < items.size(); ++i)
      best = minMax(name == "max", best, items[i], loc);
    return best;
  }
  if (name == "abs") {
    const Value &x = only(1)[0];
    if (x.isKernelScalar()) {
      ir::Expr e = toExpr(x, loc, "the argument of abs");
      return Value::fromExpr(std::make_shared<ir::Call>("abs", std::vector<ir::Expr>{e}, e->dtype,
                                                        loc));
    }
    if (x.is(K::Float))
      return Value::real(std::fabs(x.floatValue));
    int64_t i = asInt(x, loc, "the argument of abs()");
    if (i == INT64_MIN)
      fail(loc, "integer overflow in a compile-time expression");
    return Value::integer(i < 0 ? -i : i);
  }
  if (name == "int" || name == "float" || name == "bool" || name == "str") {
    if (args.args.empty() && args.keywords.empty())
      return name == "str" ? Value::string("") : name == "float" ? Value::real(0) :
             name == "bool" ? Value::boolean(false) : Value::integer(0);
    const Value &x = only(1)[0];
    if (name == "str")
      return Value::string(strOf(x));
    if (name == "bool") {
      std::optional<bool> truth = truthiness(x);
      if (!truth)
        fail(loc, "bool() of a run-time value cannot be decided at compile time");
      return Value::boolean(*truth);
    }
    if (x.isKernelScalar())
      return castTo(name == "int" ? ir::DType::Int32 : ir::DType::Float32, x, loc, name + "()");
    if (x.is(K::Str)) {
      try {
        size_t used = 0;
        if (name == "int") {
          int64_t v = std::stoll(x.str, &used);
          if (used == x.str.size())
            return Value::integer(v);
        } else {
          double v = std::stod(x.str, &used);
          if (used == x.str.size())
            return Value::real(v);
        }
      } catch (const std::exception &) {
      }
      fail(loc, "invalid literal for " + name + "(): " + repr(x));
    }
    double d = asDouble(x, loc, name + "()");
    return name == "int" ? Value::integer(x.is(K::Float) ? toInteger(d, loc) : x.intValue)
                         : Value::real(d);
  }
  if (name == "tuple" || name == "list" || name == "set" || name == "sorted" ||
      name == "reversed") {
    std::vector<Value> items = args.args.empty() ? std::vector<Value>{} : iterate(only(1)[0], loc);
    if (name == "sorted")
      std::stable_sort(items.begin(), items.end(), [&](const Value &a, const Value &b) {
        auto less = compareOperation(ast::CmpOpKind::Lt, a, b, loc);
        return less.boolValue;
      });
    if (name == "reversed")
      std::reverse(items.begin(), items.end());
    return name == "tuple" ? Value::tuple(std::move(items)) : Value::list(std::move(items));
  }
  if (name == "dict") {
    std::vector<Value> items;
    if (args.args.size() > 1)
      fail(loc, "dict() takes at most 1 positional argument");
    if (args.args.size() == 1) {
      if (args.args[0].is(K::Dict)) {
        items = args.args[0].elements();
      } else {
        for (const Value &pair : iterate(args.args[0], loc)) {
          std::vector<Value> kv = iterate(pair, loc);
          if (kv.size() != 2)
            fail(loc, "dict() needs pairs of key and value");
          items.insert(items.end(), kv.begin(), kv.end());
        }
      }
    }
    for (const auto &[key, value] : args.keywords) {
      items.push_back(Value::string(key));
      items.push_back(value);
    }
    Value v = Value::tuple(std::move(items));
    v.kind = K::Dict;
    return v;
  }
  if (name == "zip") {
    std::vector<std::vector<Value>> columns;
    for (const Value &a : args.args)
      columns.push_back(iterate(a, loc));
    std::vector<Value> rows;
    size_t n = columns.empty() ? 0 : SIZE_MAX;
    for (const auto &c : columns)
      n = std::min(n, c.size());
    for (size_t i = 0; i < n; ++i) {
      std::vector<Value> row;
      for (const auto &c : columns)
        row.push_back(c[i]);
      rows.push_back(Value::tuple(std::move(row)));
    }
    return Value::list(std::move(rows));
  }
  if (name == "enumerate") {
    auto a = bindBuiltinArgs(args, "enumerate", {"iterable", "start"}, 1);
    int64_t i = a[1] ? asInt(*a[1], loc, "enumerate() start") : 0;
    std::vector<Value> rows;
    for (const Value &v : iterate(*a[0], loc))
      rows.push_back(Value::tuple({Value::integer(i++), v}));
    return Value::list(std::move(rows));
  }
  if (name == "sum") {
    auto a = bindBuiltinArgs(args, "sum", {"iterable", "start"}, 1);
    Value total = a[1] ? *a[1] : Value::integer(0);
    for (const Value &v : iterate(*a[0], loc))
      total = binaryOperation(ast::BinOpKind::Add, total, v, loc);
    return total;
  }
  if (name == "any" || name == "all") {
    bool isAll = name == "all";
    for (const Value &v : iterate(only(1)[0], loc)) {
      std::optional<bool> truth = truthiness(v);
      if (!truth)
        fail(loc, name + "() of run-time values cannot be decided at compile time");
      if (*truth != isAll)
        return Value::boolean(!isAll);
    }
    return Value::boolean(isAll);
  }
  if (name == "print")
    return Value::none(); // host-side output: nothing to compile
  if (name == "getattr") { // getattr(obj, "name"[, default]): the attribute `obj.name` names
    auto a = bindBuiltinArgs(args, "getattr", {"object", "name", "default"}, 2);
    if (!a[1]->is(K::Str))
      fail(loc, "getattr(): attribute name must be a string, got " + typeName(*a[1]));
    SourceLoc at = args.argLocs.size() > 1 ? args.argLocs[1] : loc;
    if (!a[2])
      return attributeOf(*a[0], a[1]->str, at);
    try {
      return attributeOf(*a[0], a[1]->str, at);
    } catch (const CompileError &) {
      return *a[2];
    }
  }
  if (name == "isinstance") {
    std::vector<Value> &a = only(2);
    std::vector<Value> types = a[1].is(K::Tuple) ? a[1].elements() : std::vector<Value>{a[1]};
    for (const Value &t : types) {
      const std::string &tn = t.str;
      if ((tn == "int" && (a[0].is(K::Int) || a[0].is(K::Bool))) ||
          (tn == "float" && a[0].is(K::Float)) || (tn == "str" && a[0].is(K::Str)) ||
          (tn == "bool" && a[0].is(K::Bool)) || (tn == "tuple" && a[0].is(K::Tuple)) ||
          (tn == "list" && a[0].is(K::List)) || (tn == "dict" && a[0].is(K::Dict)))
        return Value::boolean(true);
    }
    return Value::boolean(false);
  }
  if (name == "round") {
    auto a = bindBuiltinArgs(args, "round", {"number", "ndigits"}, 1);
    double x = asDouble(*a[0], loc, "round()");
    if (!a[1])
      return Value::integer(toInteger(std::nearbyint(x), loc));
    double scale = std::pow(10.0, static_cast<double>(asInt(*a[1], loc, "ndigits")));
    return Value::real(std::nearbyint(x * scale) / scale);
  }
  if (name == "pow") {
    std::vector<Value> &a = only(2);
    return binaryOperation(ast::BinOpKind::Pow, a[0], a[1], loc);
  }
  if (name == "divmod") {
    std::vector<Value> &a = only(2);
    return Value::tuple({binaryOperation(ast::BinOpKind::FloorDiv, a[0], a[1], loc),
                         binaryOperation(ast::BinOpKind::Mod, a[0], a[1], loc)});
  }
  // math
  std::string fn = name.substr(5);
  if (fn == "gcd") {
    std::vector<Value> &a = only(2);
    return Value::integer(std::gcd(asInt(a[0], loc, "gcd()"), asInt(a[1], loc, "gcd()")));
  }
  if (fn == "prod") {
    Value total = Value::integer(1);
    for (const Value &v : iterate(only(1)[0], loc))
      total = binaryOperation(ast::BinOpKind::Mult, total, v, loc);
    return total;
  }
  double x = asDouble(only(1)[0], loc, name + "()");
  if (fn == "ceil")
    return Value::integer(toInteger(std::ceil(x), loc));
  if (fn == "floor")
    return Value::integer(toInteger(std::floor(x), loc));
  if (fn == "sqrt" && x >= 0)
    return Value::real(std::sqrt(x));
  if (fn == "isqrt" && x >= 0)
    return Value::integer(toInteger(std::floor(std::sqrt(x)), loc));
  if ((fn == "log2" || fn == "log") && x > 0)
    return Value::real(fn == "log2" ? std::log2(x) : std::log(x));
  if (fn == "exp")
    return Value::real(std::exp(x));
  if (fn == "sqrt" || fn == "isqrt" || fn == "log2" || fn == "log")
    fail(loc, "math domain error in " + name + "()");
  fail(loc, "'" + name + "' is not supported at compile time");
}

} // namespace tilec::frontend
