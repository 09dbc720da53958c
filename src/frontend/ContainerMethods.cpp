// Methods of Python's lists, tuples and dicts, as kernel-building code calls them on shapes and
// configurations (`dims.append(M)`, `cfg.get("block_M", 64)`, `shape.index(K)`). A list's items
// are shared between the names bound to it, so `append` is seen through every alias, as in Python.
#include "frontend/Evaluator.h"
#include "frontend/Names.h"

#include <algorithm>
#include <set>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

const char *kindName(K kind) { return kind == K::List ? "list" : kind == K::Tuple ? "tuple" : "dict"; }

bool hasMethod(K kind, const std::string &m) {
  static const std::set<std::string> kList = {"append", "extend", "insert", "pop", "index",
                                              "count", "reverse", "copy", "clear"};
  static const std::set<std::string> kTuple = {"index", "count"};
  static const std::set<std::string> kDict = {"get", "keys", "values", "items", "copy"};
  return (kind == K::List ? kList : kind == K::Tuple ? kTuple : kDict).count(m) != 0;
}

int64_t indexArg(const Value &v, SourceLoc loc, const std::string &what) {
  if (!v.is(K::Int))
    fail(loc, what + " must be an integer, got " + typeName(v));
  return v.intValue;
}

} // namespace

std::optional<Value> Evaluator::containerMethod(const Value &base, const std::string &method) {
  if (!(base.is(K::List) || base.is(K::Tuple) || base.is(K::Dict)) || !hasMethod(base.kind, method))
    return std::nullopt;
  Value bound = Value::named(K::Builtin, std::string(kindName(base.kind)) + "." + method);
  bound.items = base.items; // the receiver, shared: `append` mutates the list itself
  return bound;
}

Value Evaluator::callContainerMethod(const Value &method, CallArgs &args) {
  std::vector<Value> &items = *method.items;
  const std::string &name = method.str;
  const std::string m = lastComponent(name);
  SourceLoc loc = args.loc;
  auto a = [&](const std::vector<std::string> &names, size_t required) {
    return bindBuiltinArgs(args, name, names, required);
  };
  if (name.rfind("dict.", 0) == 0) {
    std::vector<Value> keys, values, pairs;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
      keys.push_back(items[i]);
      values.push_back(items[i + 1]);
      pairs.push_back(Value::tuple({items[i], items[i + 1]}));
    }
    if (m == "get") {
      auto g = a({"key", "default"}, 1);
      for (size_t i = 0; i < keys.size(); ++i)
        if (metaEquals(keys[i], *g[0]))
          return values[i];
      return g[1] ? *g[1] : Value::none();
    }
    a({}, 0);
    if (m == "keys")
      return Value::list(keys);
    if (m == "values")
      return Value::list(values);
    if (m == "items")
      return Value::list(pairs);
    Value copy = Value::tuple(items); // copy
    copy.kind = K::Dict;
    return copy;
  }
  if (m == "append") {
    items.push_back(*a({"object"}, 1)[0]);
    return Value::none();
  }
  if (m == "extend") {
    for (const Value &v : iterate(*a({"iterable"}, 1)[0], loc))
      items.push_back(v);
    return Value::none();
  }
  if (m == "insert") {
    auto g = a({"index", "object"}, 2);
    int64_t n = static_cast<int64_t>(items.size()), i = indexArg(*g[0], loc, "the index of insert()");
    i = i < 0 ? std::max<int64_t>(0, i + n) : std::min(i, n);
    items.insert(items.begin() + i, *g[1]);
    return Value::none();
  }
  if (m == "pop") {
    auto g = a({"index"}, 0);
    if (items.empty())
      fail(loc, "pop from empty list");
    int64_t n = static_cast<int64_t>(items.size());
    int64_t i = g[0] ? indexArg(*g[0], loc, "the index of pop()") : n - 1;
    if (i < 0)
      i += n;
    if (i < 0 || i >= n)
      fail(loc, "pop index out of range");
    Value v = items[static_cast<size_t>(i)];
    items.erase(items.begin() + i);
    return v;
  }
  if (m == "index" || m == "count") {
    Value x = *a({"value"}, 1)[0]; // a copy: the bound arguments are a temporary
    int64_t count = 0;
    for (size_t i = 0; i < items.size(); ++i)
      if (metaEquals(items[i], x)) {
        if (m == "index")
          return Value::integer(static_cast<int64_t>(i));
        ++count;
      }
    if (m == "index")
      fail(loc, repr(x) + " is not in " + std::string(name.substr(0, name.find('.'))));
    return Value::integer(count);
  }
  a({}, 0);
  if (m == "reverse") {
    std::reverse(items.begin(), items.end());
    return Value::none();
  }
  if (m == "clear") {
    items.clear();
    return Value::none();
  }
  return Value::list(items); // copy
}

} // namespace tilec::frontend
