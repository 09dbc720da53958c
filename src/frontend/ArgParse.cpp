// argparse as a compile-only host runs a script: with no command-line arguments, `parse_args()`
// gives every option its default. Example scripts size their kernels from their options
// (`main(args.batch, args.seq_len)`), so a script's `__main__` block compiles at its own sizes.
// A parser is a dict of destination -> default (the items shared, so `add_argument` on a parser or
// on one of its groups adds to the same options); `parse_args()` copies it into a namespace whose
// attributes are the options.
#include "frontend/Evaluator.h"
#include "frontend/Names.h"

#include <algorithm>
#include <set>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

const char *const kParser = "argparse.ArgumentParser";
const char *const kNamespace = "argparse.Namespace";

Value optionTable(const char *marker, std::vector<Value> items) {
  Value v = Value::tuple(std::move(items));
  v.kind = K::Dict;
  v.str = marker;
  return v;
}

void setOption(std::vector<Value> &items, const std::string &dest, Value value) {
  for (size_t i = 0; i + 1 < items.size(); i += 2)
    if (items[i].is(K::Str) && items[i].str == dest) {
      items[i + 1] = std::move(value);
      return;
    }
  items.push_back(Value::string(dest));
  items.push_back(std::move(value));
}

// `--seq-len` -> seq_len; the first long option names it, else the first short one, else the
// positional name (`dest=` overrides).
std::string destination(const CallArgs &args) {
  for (const auto &[key, v] : args.keywords)
    if (key == "dest" && v.is(K::Str))
      return v.str;
  std::string chosen;
  for (const Value &name : args.args) {
    if (!name.is(K::Str))
      continue;
    bool isLong = name.str.rfind("--", 0) == 0;
    if (chosen.empty() || isLong)
      chosen = name.str;
    if (isLong)
      break;
  }
  chosen.erase(0, chosen.find_first_not_of('-'));
  std::replace(chosen.begin(), chosen.end(), '-', '_');
  return chosen;
}

// The default as parse_args() would give it: a string default goes through `type` (int, float).
Value defaultOf(const CallArgs &args) {
  const Value *given = nullptr, *type = nullptr, *action = nullptr;
  for (const auto &[key, v] : args.keywords) {
    if (key == "default")
      given = &v;
    else if (key == "type")
      type = &v;
    else if (key == "action")
      action = &v;
  }
  if (given) {
    if (given->is(K::Str) && type && type->is(K::Builtin) && (type->str == "int" || type->str == "float")) {
      try {
        return type->str == "int" ? Value::integer(std::stoll(given->str)) : Value::real(std::stod(given->str));
      } catch (const std::exception &) {
        return *given; // argparse would stop the script; leave the text
      }
    }
    return *given;
  }
  if (action && action->is(K::Str) && action->str == "store_true")
    return Value::boolean(false);
  if (action && action->is(K::Str) && action->str == "store_false")
    return Value::boolean(true);
  return Value::none();
}

} // namespace

Value Evaluator::argumentParser() { return optionTable(kParser, {}); }

std::optional<Value> Evaluator::argParseMethod(const Value &base, const std::string &method) {
  static const std::set<std::string> kMethods = {"add_argument", "set_defaults", "parse_args",
                                                 "parse_known_args", "add_argument_group",
                                                 "add_mutually_exclusive_group"};
  if (!base.is(K::Dict) || base.str != kParser || !kMethods.count(method))
    return std::nullopt;
  Value bound = Value::named(K::Builtin, "argparse." + method);
  bound.items = base.items; // the parser's options, shared
  return bound;
}

std::optional<Value> Evaluator::namespaceAttribute(const Value &base, const std::string &name) {
  if (!base.is(K::Dict) || base.str != kNamespace)
    return std::nullopt;
  for (size_t i = 0; i + 1 < base.items->size(); i += 2)
    if ((*base.items)[i].str == name)
      return (*base.items)[i + 1];
  return std::nullopt;
}

Value Evaluator::callArgParseMethod(const Value &method, CallArgs &args) {
  std::vector<Value> &options = *method.items;
  const std::string m = lastComponent(method.str);
  if (m == "add_argument") {
    std::string dest = destination(args);
    if (dest.empty())
      fail(args.loc, "add_argument needs an option name, e.g. add_argument(\"--batch\", type=int, default=1)");
    setOption(options, dest, defaultOf(args));
    return Value::none();
  }
  if (m == "set_defaults") {
    for (const auto &[key, v] : args.keywords)
      setOption(options, key, v);
    return Value::none();
  }
  if (m == "add_argument_group" || m == "add_mutually_exclusive_group") {
    Value group = optionTable(kParser, {});
    group.items = method.items; // a group adds to its parser
    return group;
  }
  Value parsed = optionTable(kNamespace, options); // no command line: the defaults
  if (m == "parse_known_args")
    return Value::tuple({parsed, Value::list({})});
  return parsed;
}

} // namespace tilec::frontend
