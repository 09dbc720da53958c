// Helpers of TileLang's and TVM's Python libraries that kernel-building code calls on sizes and
// dtypes: `tilelang.cdiv` (also as `tl.cdiv`, `tilelang.math.cdiv`), `tilelang.next_power_of_2`,
// `T.dtype("float16")`, `tvm.DataType("float16")`. They run at the meta level like T.ceildiv.
// Also the host queries scripts make around kernels (torch.cuda.is_available, get_num_sms) and
// torch's tensor constructors (a tensor type: shape and dtype).
#include "frontend/Evaluator.h"
#include "frontend/KernelBuilder.h"
#include "frontend/Names.h"
#include "frontend/Operators.h"

#include <map>
#include <set>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

bool isTileLangLibrary(const std::string &name) { return name.rfind("tilelang.", 0) == 0; }

// What `driver.get_num_sms()` answers: the SM count of an H100/H200 SXM, the GPUs the persistent
// kernels people write are sized for (tilec compiles without a device to ask).
constexpr int64_t kCompileOnlyNumSms = 132;

// `torch.float16` and friends -> tilec's dtype name.
std::string torchDType(const Value &v, SourceLoc loc) {
  std::string name = v.is(K::Builtin) || v.is(K::Module) ? v.str : "";
  if (name.rfind("torch.", 0) != 0)
    fail(loc, "dtype= of a torch tensor must be a torch dtype (torch.float16, ...), got " + typeName(v));
  std::string t = name.substr(6);
  static const std::map<std::string, std::string> kAliases = {
      {"float", "float32"}, {"half", "float16"}, {"int", "int32"}, {"long", "int64"}};
  if (auto it = kAliases.find(t); it != kAliases.end())
    t = it->second;
  if (!ir::parseDType(t))
    fail(loc, "torch dtype '" + name + "' has no tilec dtype");
  return t;
}

// `torch.randn(M, K, dtype=torch.float16, device="cuda")` and the other constructors scripts
// make kernel inputs with: at compile time only their shape and dtype exist — a tensor type, as
// `T.Tensor((M, K), "float16")` gives, so `A.shape` / `A.dtype` and passing A to an eager kernel
// work (docs/LANGUAGE.md, "Python around kernels").
std::optional<Value> torchTensor(const std::string &name, const CallArgs &args) {
  static const std::set<std::string> kConstructors = {"torch.randn", "torch.rand", "torch.empty",
                                                      "torch.zeros", "torch.ones", "torch.full",
                                                      "torch.randint"};
  if (!kConstructors.count(name))
    return std::nullopt;
  auto type = std::make_shared<TensorType>();
  type->dtype = "float32";
  std::vector<Value> sizeArgs = args.args;
  if (name == "torch.randint") { // randint(low, high, size) / randint(high, size)
    if (sizeArgs.size() < 2)
      fail(args.loc, "torch.randint takes (low, high, size) or (high, size)");
    sizeArgs = {sizeArgs.back()};
    type->dtype = "int64";
  } else if (name == "torch.full") { // full(size, fill_value)
    if (sizeArgs.size() != 2)
      fail(args.loc, "torch.full takes (size, fill_value)");
    sizeArgs.pop_back();
  }
  for (const Value &a : sizeArgs) {
    for (const Value &d : a.isSequence() ? a.elements() : std::vector<Value>{a}) {
      if (!d.is(K::Int) && !d.is(K::Expr))
        fail(args.loc, name + " sizes must be integers, got " + typeName(d));
      type->shape.push_back(d);
    }
  }
  for (const auto &[key, value] : args.keywords)
    if (key == "dtype")
      type->dtype = torchDType(value, args.loc);
    else if (key == "size")
      for (const Value &d : value.isSequence() ? value.elements() : std::vector<Value>{value})
        type->shape.push_back(d);
  Value v;
  v.kind = K::TensorType;
  v.tensorType = type;
  return v;
}

} // namespace

Value Evaluator::cartesianProduct(CallArgs &args) {
  int64_t repeat = 1;
  for (const auto &[key, v] : args.keywords) {
    if (key != "repeat" || !v.is(K::Int) || v.intValue < 0)
      fail(args.loc, "itertools.product takes iterables and repeat=N (a non-negative integer)");
    repeat = v.intValue;
  }
  std::vector<std::vector<Value>> pools;
  for (int64_t r = 0; r < repeat; ++r)
    for (size_t i = 0; i < args.args.size(); ++i)
      pools.push_back(iterate(args.args[i], args.argLocs[i]));
  std::vector<std::vector<Value>> rows(1);
  for (const std::vector<Value> &pool : pools) {
    std::vector<std::vector<Value>> next;
    for (const std::vector<Value> &row : rows)
      for (const Value &v : pool) {
        step(args.loc); // a product can grow fast: the evaluation budget bounds it
        next.push_back(row);
        next.back().push_back(v);
      }
    rows = std::move(next);
  }
  std::vector<Value> out;
  for (std::vector<Value> &row : rows)
    out.push_back(Value::tuple(std::move(row)));
  return Value::list(std::move(out));
}

std::optional<Value> Evaluator::callLibraryHelper(const std::string &name, CallArgs &args) {
  std::string last = lastComponent(name);
  if (isTileLangLibrary(name) && last == "cdiv") {
    // the library's ceil division, the same as T.ceildiv (folded when both sides are known)
    return callTileLang("ceildiv", args);
  }
  if (isTileLangLibrary(name) && last == "next_power_of_2") {
    auto a = bindBuiltinArgs(args, name, {"x"}, 1);
    if (!a[0]->is(K::Int))
      fail(args.loc, name + " needs an integer known at compile time, got " + typeName(*a[0]));
    int64_t n = a[0]->intValue, p = 1;
    while (p < n)
      p *= 2;
    return Value::integer(p);
  }
  if (name == "T.dtype" || name == "tvm.DataType" || name == "tvm.runtime.DataType") {
    auto a = bindBuiltinArgs(args, name, {"dtype"}, 1);
    return Value::named(K::DType, ir::dtypeName(toDType(*a[0], args.argLocs.empty() ? args.loc : args.argLocs[0],
                                                        "the argument of " + name)));
  }
  if (name == "itertools.product") // autotuning configs: product(*lists[, repeat=n]), as tuples
    return cartesianProduct(args);
  if (std::optional<Value> tensor = torchTensor(name, args))
    return tensor;
  // Host queries around kernels, answered as a compile-only host (no device here) would:
  // docs/LANGUAGE.md, "Python around kernels".
  if (name == "torch.cuda.is_available")
    return Value::boolean(false);
  if (name == "torch.cuda.device_count")
    return Value::integer(0);
  if (isTileLangLibrary(name) && last == "get_num_sms")
    return Value::integer(kCompileOnlyNumSms);
  return std::nullopt;
}

} // namespace tilec::frontend
