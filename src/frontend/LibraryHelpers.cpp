// Helpers of TileLang's and TVM's Python libraries that kernel-building code calls on sizes and
// dtypes: `tilelang.cdiv` (also as `tl.cdiv`, `tilelang.math.cdiv`), `tilelang.next_power_of_2`,
// `T.dtype("float16")`, `tvm.DataType("float16")`. They run at the meta level like T.ceildiv.
// Also the host queries scripts make around kernels (torch.cuda.is_available, get_num_sms).
#include "frontend/Evaluator.h"
#include "frontend/KernelBuilder.h"
#include "frontend/Names.h"
#include "frontend/Operators.h"

namespace tilec::frontend {

namespace {

using K = Value::Kind;

bool isTileLangLibrary(const std::string &name) { return name.rfind("tilelang.", 0) == 0; }

// What `driver.get_num_sms()` answers: the SM count of an H100/H200 SXM, the GPUs the persistent
// kernels people write are sized for (tilec compiles without a device to ask).
constexpr int64_t kCompileOnlyNumSms = 132;

} // namespace

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
