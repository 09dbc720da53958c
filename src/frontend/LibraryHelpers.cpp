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
Value tensorTypeValue(std::shared_ptr<TensorType> type) {
  Value v;
  v.kind = K::TensorType;
  v.tensorType = std::move(type);
  return v;
}

// `torch.randn_like(x)`, `torch.empty_like(x, dtype=...)`: x's type, the dtype replaced if given.
std::optional<Value> torchLike(const std::string &name, const CallArgs &args) {
  static const std::set<std::string> kLike = {"torch.randn_like", "torch.rand_like", "torch.empty_like",
                                              "torch.zeros_like", "torch.ones_like", "torch.full_like"};
  if (!kLike.count(name))
    return std::nullopt;
  if (args.args.empty() || !args.args[0].is(K::TensorType))
    fail(args.loc, name + " needs a tensor as its first argument");
  auto type = std::make_shared<TensorType>(*args.args[0].tensorType);
  for (const auto &[key, value] : args.keywords)
    if (key == "dtype")
      type->dtype = torchDType(value, args.loc);
  return tensorTypeValue(type);
}

std::optional<Value> torchTensor(const std::string &name, const CallArgs &args) {
  if (std::optional<Value> like = torchLike(name, args))
    return like;
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
  return tensorTypeValue(type);
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

// Methods of a torch tensor that scripts chain onto the constructors (`torch.randn(M, K).cuda()
// .half()`, `x.to(torch.int32)`, `x.requires_grad_(True)`, `x.size(0)`): at compile time they keep
// or change the tensor type.
std::optional<Value> Evaluator::torchTensorMethod(const Value &tensor, const std::string &method) {
  static const std::set<std::string> kMethods = {"cuda", "cpu", "contiguous", "requires_grad_", "detach",
                                                 "clone", "half", "float", "bfloat16", "to", "size",
                                                 "numel", "dim", "is_contiguous", "transpose", "permute",
                                                 "t"};
  if (!kMethods.count(method))
    return std::nullopt;
  Value bound = Value::named(K::Builtin, "tensor." + method);
  bound.tensorType = tensor.tensorType;
  return bound;
}

Value Evaluator::callTorchTensorMethod(const Value &method, CallArgs &args) {
  const std::string m = lastComponent(method.str);
  const TensorType &t = *method.tensorType;
  if (m == "size") {
    auto a = bindBuiltinArgs(args, "size", {"dim"}, 0);
    if (!a[0])
      return Value::tuple(t.shape);
    int64_t d = a[0]->is(K::Int) ? a[0]->intValue : -1 - int64_t(t.shape.size());
    if (d < 0)
      d += int64_t(t.shape.size());
    if (d < 0 || d >= int64_t(t.shape.size()))
      fail(args.loc, "size(): the tensor has " + std::to_string(t.shape.size()) + " dimensions");
    return t.shape[size_t(d)];
  }
  if (m == "dim")
    return Value::integer(int64_t(t.shape.size()));
  if (m == "is_contiguous") // every tensor a constructor makes is
    return Value::boolean(true);
  auto dimArg = [&](const Value &v) {
    int64_t rank = int64_t(t.shape.size());
    int64_t d = v.is(K::Int) ? v.intValue : rank;
    if (d < 0)
      d += rank;
    if (d < 0 || d >= rank)
      fail(args.loc, method.str.substr(7) + "(): dimension out of range for a " + std::to_string(rank) +
                         "-dimensional tensor");
    return size_t(d);
  };
  if (m == "transpose" || m == "t" || m == "permute") { // a view with its dimensions reordered
    auto type = std::make_shared<TensorType>(t);
    if (m == "permute") {
      std::vector<Value> order = args.args.size() == 1 && args.args[0].isSequence() ? args.args[0].elements()
                                                                                  : args.args;
      if (order.size() != t.shape.size())
        fail(args.loc, "permute() needs one index per dimension");
      for (size_t i = 0; i < order.size(); ++i)
        type->shape[i] = t.shape[dimArg(order[i])];
    } else {
      std::vector<Value> pair = m == "t" ? std::vector<Value>{Value::integer(0), Value::integer(1)} : args.args;
      if (pair.size() != 2)
        fail(args.loc, "transpose() takes two dimensions");
      std::swap(type->shape[dimArg(pair[0])], type->shape[dimArg(pair[1])]);
    }
    return tensorTypeValue(type);
  }
  if (m == "numel") {
    Value n = Value::integer(1);
    for (const Value &d : t.shape)
      n = binaryOperation(ast::BinOpKind::Mult, n, d, args.loc);
    return n;
  }
  auto type = std::make_shared<TensorType>(t);
  static const std::map<std::string, std::string> kCasts = {
      {"half", "float16"}, {"float", "float32"}, {"bfloat16", "bfloat16"}};
  if (auto cast = kCasts.find(m); cast != kCasts.end())
    type->dtype = cast->second;
  if (m == "to") // to(dtype), to(device), to(device, dtype), to(dtype=...)
    for (const Value &a : args.args)
      if ((a.is(K::Builtin) || a.is(K::Module)) && a.str.rfind("torch.", 0) == 0 && a.str != "torch.device")
        type->dtype = torchDType(a, args.loc);
  for (const auto &[key, value] : args.keywords)
    if (key == "dtype")
      type->dtype = torchDType(value, args.loc);
  return tensorTypeValue(type);
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
  if (name == "argparse.ArgumentParser")
    return argumentParser();
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
