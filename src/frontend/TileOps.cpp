// The `T.` namespace: TileLang's kernel constructs and tile ops, staged into Tile IR (one place per
// `T.<op>` call; docs/ARCHITECTURE.md "Adding a tile op"), and `T.<dtype>(x)` casts.
#include "frontend/Evaluator.h"
#include "frontend/Operators.h"
#include "ir/Intrinsics.h"
#include "ir/MatrixView.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

// Everything `T.` may name besides the math intrinsics of ir/Intrinsics (T.exp, T.sqrt, ...).
// Performance hints change no results and are accepted as no-ops.
const std::set<std::string> kTileLangOps = {
    "Kernel", "Parallel", "Pipelined", "Persistent", "serial", "unroll", "vectorized", "copy", "gemm", "fill",
    "clear", "reduce_sum", "reduce_max", "reduce_min", "reduce_abssum", "reduce_absmax",
    "syncthreads", "sync_threads", "alloc_shared", "alloc_fragment", "alloc_local", "alloc_var",
    "alloc_global",
    "max", "min", "if_then_else", "cast", "Cast", "ceildiv", "floordiv", "floormod", "infinity", "prim_func", "macro",
    "Tensor", "Buffer", "SharedBuffer", "FragmentBuffer", "LocalBuffer", "dynamic", "symbolic",
    "dyn", "GemmWarpPolicy", "clamp", "max_value", "min_value", "const", "empty", "dtype", "atomic_add",
    "atomic_max", "atomic_min", "cumsum"};
const std::set<std::string> kPerformanceHints = {
    "annotate_layout", "use_swizzle", "no_set_max_nreg", "disable_warp_group_reg_alloc",
    "set_max_nreg", "annotate_l2_hit_ratio"};
const std::set<std::string> kNotSupportedYet = {
    "print", "reshape", "view", "region",
    "alloc_barrier", "barrier_wait", "barrier_arrive", "call_extern", "reduce",
    "gemm_sp", "alloc_reducer", "finalize_reducer", "any_of", "all_of", "Fragment", "Layout",
    "alloc_tmem", "ptx_mma", "copy_async", "tvm_access_ptr", "address_of", "loop_break",
    "annotate_padding", "wgmma_gemm", "thread_binding",
    "launch_thread", "get_block_binding", "shfl_xor", "shfl_down", "call_intrin", "evaluate",
    "Let", "let"};
// Explicit thread indices have no meaning in tilec's model of a block: the reference interpreter
// runs a block as one program and the GPU backend maps T.Parallel iterations onto threads itself,
// so code written for one thread cannot be run or checked. Refused with what to write instead.
const std::set<std::string> kThreadIndices = {"get_thread_binding", "get_thread_bindings"};

// Levenshtein distance, for "did you mean" suggestions.
size_t editDistance(const std::string &a, const std::string &b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

std::set<std::string> withIntrinsics(std::set<std::string> names) {
  for (const ir::Intrinsic &in : ir::intrinsics())
    if (!in.python.empty())
      names.insert(std::string(in.python));
  return names;
}

// The closest `T.` name (math intrinsics count as operations), for "did you mean".
std::string suggestion(const std::string &attr) {
  std::string best;
  size_t bestDistance = 3;
  const std::set<std::string> operations = withIntrinsics(kTileLangOps);
  for (const std::set<std::string> *group : {&operations, &kPerformanceHints})
    for (const std::string &candidate : *group) {
      size_t d = editDistance(attr, candidate);
      if (d < bestDistance)
        bestDistance = d, best = candidate;
    }
  return best.empty() ? "" : "; did you mean 'T." + best + "'?";
}

bool isBool(const std::optional<Value> &v, SourceLoc loc, const std::string &what, bool dflt) {
  if (!v || v->is(K::None))
    return dflt;
  std::optional<bool> truth = truthiness(*v);
  if (!truth || !(v->is(K::Bool) || v->is(K::Int)))
    fail(loc, what + " must be True or False, got " + typeName(*v));
  return *truth;
}

int64_t constantInt(const Value &v, SourceLoc loc, const std::string &what) {
  if (v.is(K::Int) || v.is(K::Bool))
    return v.intValue;
  if (v.is(K::Expr))
    if (auto c = ir::asConstInt(v.expr))
      return *c;
  fail(loc, what + " must be an integer known at compile time, got " + typeName(v));
}

Value loopBound(const Value &v, SourceLoc loc, const std::string &op) {
  if (v.is(K::Int) || v.is(K::Bool) || v.isKernelScalar())
    return v;
  fail(loc, op + " bounds must be integers, got " + typeName(v));
}

// The extents a tile op sees for a region: as given, or (start only) the rest of the buffer.
// Non-constant leftovers stay symbolic, which the 2-D view counts as non-unit.
std::vector<ir::Expr> extentsOf(const ir::Region &r) {
  if (!r.extents.empty())
    return r.extents;
  std::vector<ir::Expr> out;
  for (size_t d = 0; d < r.buffer->rank() && d < r.starts.size(); ++d) {
    auto size = ir::asConstInt(r.buffer->shape[d]), start = ir::asConstInt(r.starts[d]);
    out.push_back(size && start ? ir::intImm(*size - *start) : r.buffer->shape[d]);
  }
  return out;
}

// T.reduce_*'s `dim` counts the source region's dimensions (negative from the end), as in
// TileLang: reducing dimension d removes it from the shape, and reducing the only dimension of a
// 1-D source gives one element. Reduce::dim is the same reduction on the source's 2-D view.
int reduceViewDimOrFail(const std::string &fname, const ir::Region &src, int64_t dim, SourceLoc loc) {
  std::vector<ir::Expr> extents = extentsOf(src);
  auto rank = static_cast<int64_t>(extents.size());
  if (dim < -rank || dim >= rank)
    fail(loc, fname + ": dim=" + std::to_string(dim) + " is out of range for the " +
                  std::to_string(rank) + "-D source " + src.buffer->name + "; use " +
                  (rank == 1 ? std::string("0 or -1")
                             : "0.." + std::to_string(rank - 1) + " or -" + std::to_string(rank) + "..-1"));
  int regionDim = static_cast<int>(dim < 0 ? dim + rank : dim);
  if (!ir::matrixViewDims(extents))
    fail(loc, fname + " reduces a 1-D or 2-D region, but " + src.buffer->name + " has " +
                  "more than two dimensions of extent greater than 1");
  auto viewDim = ir::reduceViewDim(extents, regionDim);
  if (!viewDim)
    fail(loc, fname + " along dim " + std::to_string(regionDim) + " of " + src.buffer->name +
                  ", a dimension of extent 1, would leave a 2-D result; reductions give a 1-D one");
  return *viewDim;
}

ir::Expr zeroOf(ir::DType t, SourceLoc loc) {
  if (ir::isFloat(t))
    return ir::floatImm(0.0, t, loc);
  return std::make_shared<ir::IntImm>(0, t, loc);
}

// The largest / smallest finite value of a dtype (T.max_value, T.min_value), as a constant of it.
ir::Expr dtypeLimit(bool largest, ir::DType t, SourceLoc loc) {
  double hi = 0.0, lo = 0.0;
  switch (t) {
  case ir::DType::Bool: hi = 1, lo = 0; break;
  case ir::DType::Int8: hi = 127, lo = -128; break;
  case ir::DType::UInt8: hi = 255, lo = 0; break;
  case ir::DType::Float8E4M3: hi = 448.0, lo = -448.0; break;
  case ir::DType::Float8E5M2: hi = 57344.0, lo = -57344.0; break;
  case ir::DType::Int32: hi = 2147483647.0, lo = -2147483648.0; break;
  case ir::DType::UInt32: hi = 4294967295.0, lo = 0; break;
  case ir::DType::Int64: hi = 9223372036854775807.0, lo = -9223372036854775808.0; break;
  case ir::DType::Float16: hi = 65504.0, lo = -65504.0; break;
  case ir::DType::BFloat16: hi = 0x1.fep127, lo = -0x1.fep127; break;
  case ir::DType::Float32: hi = 0x1.fffffep127, lo = -0x1.fffffep127; break;
  }
  double v = largest ? hi : lo;
  if (ir::isFloat(t))
    return ir::floatImm(v, t, loc);
  if (t == ir::DType::Int64) // a double cannot hold INT64_MAX exactly
    return std::make_shared<ir::IntImm>(largest ? INT64_MAX : INT64_MIN, t, loc);
  return std::make_shared<ir::IntImm>(static_cast<int64_t>(v), t, loc);
}

} // namespace

bool isPerformanceHint(const std::string &canonicalName) {
  return canonicalName.rfind("T.", 0) == 0 && kPerformanceHints.count(canonicalName.substr(2));
}

Value Evaluator::tileLangAttribute(const std::string &attr, SourceLoc loc) {
  if (ir::parseDType(attr))
    return Value::named(K::DType, attr);
  if (kTileLangOps.count(attr) || ir::findPythonIntrinsic(attr) || kPerformanceHints.count(attr) ||
      kNotSupportedYet.count(attr) || kThreadIndices.count(attr))
    return Value::named(K::Builtin, "T." + attr);
  fail(loc, "unknown TileLang operation 'T." + attr + "'" + suggestion(attr));
}

// What to write instead of an operation tilec does not support yet.
static std::string insteadOf(const std::string &op) {
  static const std::map<std::string, std::string> kAdvice = {
      {"reshape", "allocate the tile in the shape you need, or index it with the reshaped "
                  "coordinates in a T.Parallel loop (flat[i * N + j] = a[i, j])"},
      {"region", "pass a slice of the buffer (A[i0:i1, j0:j1]) or its start (A[i0, j0])"},
      {"alloc_reducer", "accumulate into a T.alloc_fragment and combine it with "
                        "T.reduce_sum / T.reduce_max, or T.atomic_add into a global tensor"},
      {"reduce", "use T.reduce_sum, T.reduce_max, T.reduce_min, T.reduce_abssum or T.reduce_absmax"},
      {"alloc_barrier", "write T.copy inside T.Pipelined: tilec emits the asynchronous copies, "
                        "their waits and the barriers itself"},
      {"alloc_tmem", "tensor memory is sm_100's; keep the accumulator in a T.alloc_fragment "
                     "(tilec targets sm_80, sm_90a, gfx90a/gfx942 and Tenstorrent)"},
      {"gemm_sp", "use T.gemm on dense operands"},
      {"Fragment", "drop the layout: tilec chooses fragment and shared layouts itself"},
      {"print", "remove it; run the kernel with --target interp and compare its outputs"},
      {"call_extern", "write the operation with TileLang ops (T.copy, T.gemm, T.Parallel "
                      "expressions, T.exp, ...)"},
      {"loop_break", "guard the rest of the loop body with an if"},
      {"shfl_xor", "reduce a fragment with T.reduce_*: tilec emits the warp shuffles itself"},
      {"thread_binding", "write the per-thread work as a T.Parallel loop: tilec maps work onto "
                         "threads itself"},
      {"Let", "bind the value to a Python name (x = ...)"},
  };
  static const std::map<std::string, std::string> kSameAs = {
      {"view", "reshape"}, {"finalize_reducer", "alloc_reducer"}, {"any_of", "reduce"},
      {"all_of", "reduce"}, {"barrier_wait", "alloc_barrier"}, {"barrier_arrive", "alloc_barrier"},
      {"copy_async", "alloc_barrier"}, {"Layout", "Fragment"}, {"annotate_padding", "Fragment"},
      {"call_intrin", "call_extern"}, {"evaluate", "call_extern"}, {"tvm_access_ptr", "call_extern"},
      {"address_of", "call_extern"}, {"ptx_mma", "call_extern"}, {"wgmma_gemm", "call_extern"},
      {"shfl_down", "shfl_xor"}, {"launch_thread", "thread_binding"},
      {"get_block_binding", "thread_binding"}, {"let", "Let"}};
  auto same = kSameAs.find(op);
  auto advice = kAdvice.find(same == kSameAs.end() ? op : same->second);
  return advice == kAdvice.end() ? "see docs/LANGUAGE.md, \"Not supported yet\"" : advice->second;
}

Value Evaluator::callTileLang(const std::string &op, CallArgs &args) {
  SourceLoc loc = args.loc;
  std::string fname = "T." + op;
  if (kNotSupportedYet.count(op))
    fail(loc, fname + " is not supported yet; " + insteadOf(op));
  if (kThreadIndices.count(op))
    fail(loc, fname + " is not supported: tilec checks a block as one program (the reference "
                      "interpreter has no threads) and maps work onto threads itself; write the "
                      "per-thread work as a T.Parallel loop over the elements instead");
  if (kPerformanceHints.count(op))
    return Value::none();
  if (op == "Kernel") {
    auto launch = std::make_shared<KernelLaunch>();
    launch->loc = loc;
    if (args.args.empty() || args.args.size() > 3)
      fail(loc, "T.Kernel takes 1 to 3 grid extents, got " + std::to_string(args.args.size()));
    for (size_t i = 0; i < args.args.size(); ++i)
      launch->grid.push_back(loopBound(args.args[i], args.argLocs[i], "T.Kernel grid"));
    for (const auto &[key, value] : args.keywords) {
      if (key == "threads" && value.isSequence()) {
        // threads=(x, y[, z]): a block of x*y*z threads. Kernels address them through T.Parallel
        // (explicit thread indices are refused), so only the count matters here.
        std::vector<Value> dims = value.elements();
        if (dims.empty() || dims.size() > 3)
          fail(loc, "T.Kernel threads=(x, y, z) takes 1 to 3 extents, got " + std::to_string(dims.size()));
        int64_t total = 1;
        for (const Value &d : dims) {
          int64_t n = constantInt(d, loc, "a T.Kernel threads extent");
          if (n <= 0 || n > 1024)
            fail(loc, "T.Kernel threads extents must be between 1 and 1024, got " + std::to_string(n));
          total *= n;
        }
        launch->threads = static_cast<int>(std::min<int64_t>(total, 1 << 20));
      } else if (key == "threads")
        launch->threads = static_cast<int>(constantInt(value, loc, "T.Kernel threads"));
      else if (key != "prelude")
        fail(loc, "T.Kernel() got an unexpected keyword argument '" + key + "'");
    }
    if (launch->threads <= 0 || launch->threads > 1024)
      fail(loc, "T.Kernel threads must be between 1 and 1024, got " +
                    std::to_string(launch->threads));
    Value v;
    v.kind = K::Launch;
    v.launch = launch;
    return v;
  }
  if (op == "Parallel" || op == "Pipelined" || op == "serial" || op == "unroll" ||
      op == "vectorized")
    return makeLoopRange(op, args);
  if (op == "Persistent")
    return makePersistentRange(args);
  if (op.rfind("alloc_", 0) == 0)
    return allocate(op, args);
  if (op == "copy")
    return emitCopy(args);
  if (op == "gemm")
    return emitGemm(args);
  if (op == "fill" || op == "clear")
    return emitFill(op, args);
  if (op.rfind("reduce_", 0) == 0)
    return emitReduce(op, args);
  if (op.rfind("atomic_", 0) == 0)
    return emitAtomic(op, args);
  if (op == "cumsum")
    return emitCumsum(args);
  if (op == "syncthreads" || op == "sync_threads") {
    bindBuiltinArgs(args, fname, {}, 0);
    requireKernel(fname, loc).emit(std::make_shared<ir::Sync>(loc), fname);
    return Value::none();
  }
  if (const ir::Intrinsic *in = ir::findPythonIntrinsic(op))
    return mathCall(*in, args);
  if (op == "max" || op == "min") {
    auto a = bindBuiltinArgs(args, fname, {"a", "b"}, 2);
    return minMax(op == "max", *a[0], *a[1], loc);
  }
  if (op == "clamp") { // T.clamp(x, lo, hi) = min(max(x, lo), hi)
    auto a = bindBuiltinArgs(args, fname, {"x", "lo", "hi"}, 3);
    return minMax(false, minMax(true, *a[0], *a[1], loc), *a[2], loc);
  }
  if (op == "max_value" || op == "min_value") {
    auto a = bindBuiltinArgs(args, fname, {"dtype"}, 1);
    ir::DType t = toDType(*a[0], loc, "the dtype of " + fname);
    return Value::fromExpr(dtypeLimit(op == "max_value", t, loc));
  }
  if (op == "if_then_else") {
    auto a = bindBuiltinArgs(args, fname, {"cond", "then_expr", "else_expr"}, 3);
    if (std::optional<bool> truth = truthiness(*a[0]))
      return *truth ? *a[1] : *a[2];
    return select(*a[0], *a[1], *a[2], loc);
  }
  if (op == "cast" || op == "Cast") {
    // T.cast(value, dtype); TVM's T.Cast(dtype, value) has them the other way round.
    auto a = op == "cast" ? bindBuiltinArgs(args, fname, {"value", "dtype"}, 2)
                          : bindBuiltinArgs(args, fname, {"dtype", "value"}, 2);
    if (op == "Cast")
      std::swap(a[0], a[1]);
    ir::DType t = toDType(*a[1], loc, "the dtype of T.cast");
    return Value::fromExpr(
        std::make_shared<ir::Cast>(t, toExpr(*a[0], loc, "the value of T.cast"), loc));
  }
  if (op == "ceildiv" || op == "floordiv" || op == "floormod") {
    auto a = bindBuiltinArgs(args, fname, {"a", "b"}, 2);
    if (op == "floordiv")
      return binaryOperation(ast::BinOpKind::FloorDiv, *a[0], *a[1], loc);
    if (op == "floormod")
      return binaryOperation(ast::BinOpKind::Mod, *a[0], *a[1], loc);
    // (a + b - 1) // b, folded when both are known
    Value bMinus1 = binaryOperation(ast::BinOpKind::Sub, *a[1], Value::integer(1), loc);
    Value sum = binaryOperation(ast::BinOpKind::Add, *a[0], bMinus1, loc);
    return binaryOperation(ast::BinOpKind::FloorDiv, sum, *a[1], loc);
  }
  if (op == "infinity") {
    auto a = bindBuiltinArgs(args, fname, {"dtype"}, 1);
    ir::DType t = toDType(*a[0], loc, "the dtype of T.infinity");
    if (!ir::isFloat(t))
      fail(loc, "T.infinity needs a floating-point dtype, got " + std::string(ir::dtypeName(t)));
    return Value::fromExpr(ir::floatImm(INFINITY, t, loc));
  }
  if (op == "prim_func" || op == "macro") {
    auto a = bindBuiltinArgs(args, fname, {"func"}, 1);
    return applyDecorator(Value::named(K::Builtin, fname), *a[0], loc);
  }
  if (op == "Tensor" || op == "Buffer" || op == "SharedBuffer" || op == "FragmentBuffer" ||
      op == "LocalBuffer") {
    auto a = bindBuiltinArgs(args, fname, {"shape", "dtype"}, 1);
    auto type = std::make_shared<TensorType>();
    const Value &shape = *a[0];
    if (shape.isSequence())
      type->shape = shape.elements();
    else
      type->shape.push_back(shape);
    type->dtype = a[1] ? a[1]->str : "float32";
    if (a[1])
      toDType(*a[1], loc, "the dtype of " + fname); // validates the spelling here
    Value v;
    v.kind = K::TensorType;
    v.tensorType = type;
    return v;
  }
  if (op == "dynamic" || op == "symbolic")
    return dynamicSizes(args, fname);
  if (op == "const")
    return eagerConst(args);
  if (op == "empty")
    return eagerEmpty(args);
  fail(loc, fname + " cannot be called");
}

Value Evaluator::makeLoopRange(const std::string &op, CallArgs &args) {
  std::string fname = "T." + op;
  auto range = std::make_shared<LoopRange>();
  range->spelling = fname;
  if (op == "Parallel") {
    for (const auto &kw : args.keywords)
      if (kw.first != "coalesced_width")
        fail(args.loc, "T.Parallel() got an unexpected keyword argument '" + kw.first + "'");
    if (args.args.empty())
      fail(args.loc, "T.Parallel needs at least one extent");
    range->kind = ir::ForKind::Parallel;
    for (size_t i = 0; i < args.args.size(); ++i) {
      range->starts.push_back(Value::integer(0));
      range->stops.push_back(loopBound(args.args[i], args.argLocs[i], fname));
    }
  } else {
    std::vector<std::string> names = {"start", "stop"};
    if (op == "Pipelined")
      names.insert(names.end(), {"num_stages", "order", "stage", "sync", "group"});
    else if (op == "serial")
      names.push_back("step");
    auto a = bindBuiltinArgs(args, fname, names, 1);
    range->kind = op == "Pipelined" ? ir::ForKind::Pipelined
                  : op == "unroll"  ? ir::ForKind::Unrolled
                                    : ir::ForKind::Serial;
    range->starts.push_back(a[1] ? loopBound(*a[0], args.loc, fname) : Value::integer(0));
    range->stops.push_back(loopBound(a[1] ? *a[1] : *a[0], args.loc, fname));
    if (op == "Pipelined" && a[2] && !a[2]->is(K::None)) {
      int64_t stages = constantInt(*a[2], args.loc, "num_stages");
      if (stages < 0 || stages > 16)
        fail(args.loc, "num_stages must be between 0 and 16, got " + std::to_string(stages));
      range->numStages = static_cast<int>(stages);
    }
    if (op == "serial" && a[2])
      range->step = *a[2];
  }
  Value v;
  v.kind = K::Range;
  v.range = range;
  return v;
}

// `for bx, by in T.Persistent([m_blocks, n_blocks], sm_num, block_id, group_size=8)`: one loop
// variable per domain dimension; staged as a loop over waves (KernelStaging.cpp, stagePersistent).
Value Evaluator::makePersistentRange(CallArgs &args) {
  auto a = bindBuiltinArgs(args, "T.Persistent", {"domain", "wave_size", "index", "group_size"}, 3);
  if (!a[0]->isSequence() || a[0]->elements().empty())
    fail(args.loc, "T.Persistent takes its domain as a list of extents, e.g. "
                   "T.Persistent([T.ceildiv(M, block_M), T.ceildiv(N, block_N)], sm_num, block_id)");
  auto range = std::make_shared<LoopRange>();
  range->spelling = "T.Persistent";
  range->persistent = std::make_shared<PersistentDomain>();
  for (const Value &d : a[0]->elements()) {
    range->persistent->domain.push_back(loopBound(d, args.loc, "T.Persistent"));
    range->starts.push_back(Value::integer(0));
    range->stops.push_back(range->persistent->domain.back());
  }
  range->persistent->waveSize = loopBound(*a[1], args.loc, "T.Persistent");
  range->persistent->index = *a[2];
  range->persistent->groupSize = a[3] && !a[3]->is(K::None) ? *a[3] : Value::integer(8);
  Value v;
  v.kind = K::Range;
  v.range = range;
  return v;
}

// The memory scopes TileLang accepts for each allocation: the optional `scope` argument must name
// one of the allocation's own (a scope naming another kind of memory is an error, not ignored).
static void checkAllocationScope(const std::string &op, const std::optional<Value> &scope, SourceLoc loc) {
  static const std::map<std::string, std::vector<std::string>> kScopes = {
      {"alloc_shared", {"shared.dyn", "shared"}},
      {"alloc_fragment", {"local.fragment"}},
      {"alloc_local", {"local"}},
      {"alloc_var", {"local.var", "local"}},
      {"alloc_global", {"global"}}};
  static const std::map<std::string, std::string> kAllocatorOf = {
      {"shared.dyn", "T.alloc_shared"}, {"shared", "T.alloc_shared"},
      {"local.fragment", "T.alloc_fragment"}, {"local", "T.alloc_local"}, {"local.var", "T.alloc_var"},
      {"global", "T.alloc_global"}};
  if (!scope || scope->is(K::None))
    return;
  const std::vector<std::string> &allowed = kScopes.at(op);
  if (scope->is(K::Str) && std::find(allowed.begin(), allowed.end(), scope->str) != allowed.end())
    return;
  std::string list;
  for (size_t i = 0; i < allowed.size(); ++i)
    list += (i ? (i + 1 == allowed.size() ? " or \"" : ", \"") : "\"") + allowed[i] + "\"";
  std::string hint;
  if (scope->is(K::Str))
    if (auto other = kAllocatorOf.find(scope->str); other != kAllocatorOf.end())
      hint = "; memory of scope \"" + scope->str + "\" is allocated with " + other->second;
  fail(loc, "T." + op + ": scope must be " + list + ", got " + repr(*scope) + hint);
}

Value Evaluator::allocate(const std::string &op, CallArgs &args) {
  std::string fname = "T." + op;
  KernelBuilder &kb = requireKernel(fname, args.loc);
  std::string name = pendingName_.empty() ? op.substr(6) : pendingName_;
  pendingName_.clear();
  if (op == "alloc_var") {
    auto a = bindBuiltinArgs(args, fname, {"dtype", "init", "scope"}, 1);
    if (a[1] && a[1]->is(K::Str) && !a[2]) // TileLang's older alloc_var(dtype, scope) order
      std::swap(a[1], a[2]);
    checkAllocationScope(op, a[2], args.loc);
    ir::DType t = toDType(*a[0], args.loc, "the dtype of " + fname);
    ir::Buffer buffer = kb.allocate(name, {ir::intImm(1, args.loc)}, t, ir::Scope::Local,
                                    args.loc, fname);
    if (a[1] && !a[1]->is(K::None))
      kb.emit(std::make_shared<ir::Store>(buffer, std::vector<ir::Expr>{ir::intImm(0, args.loc)},
                                          toExpr(*a[1], args.loc, "the init value"), args.loc),
              fname);
    Value v = Value::fromBuffer(buffer);
    v.kind = K::ScalarVar;
    return v;
  }
  if (op == "alloc_global")
    return allocateGlobal(name, args);
  if (op != "alloc_shared" && op != "alloc_fragment" && op != "alloc_local")
    fail(args.loc, fname + " is not a TileLang allocation");
  auto a = bindBuiltinArgs(args, fname, {"shape", "dtype", "scope"}, 2);
  checkAllocationScope(op, a[2], args.loc);
  std::vector<ir::Expr> shape;
  std::vector<Value> dims = a[0]->isSequence() ? a[0]->elements() : std::vector<Value>{*a[0]};
  if (dims.empty())
    fail(args.loc, "the shape of " + fname + " needs at least one dimension");
  for (const Value &d : dims)
    shape.push_back(toExpr(d, args.loc, "a dimension of " + fname));
  ir::DType t = toDType(*a[1], args.loc, "the dtype of " + fname);
  ir::Scope scope = op == "alloc_shared"     ? ir::Scope::Shared
                    : op == "alloc_fragment" ? ir::Scope::Fragment
                                             : ir::Scope::Local;
  return Value::fromBuffer(kb.allocate(name, std::move(shape), t, scope, args.loc, fname));
}

// `D = T.alloc_global((M, N), dtype)` before `with T.Kernel`: a global scratch tensor (TileLang's
// workspace between the kernels of one function). tilec compiles one kernel per function, so the
// scratch becomes one more tensor parameter of the compiled kernel, after those declared so far;
// the caller allocates it, and the kernel must write an element before reading it.
Value Evaluator::allocateGlobal(const std::string &name, CallArgs &args) {
  auto a = bindBuiltinArgs(args, "T.alloc_global", {"shape", "dtype", "scope"}, 2);
  checkAllocationScope("alloc_global", a[2], args.loc);
  if (kernel_->inLaunch())
    fail(args.loc, "T.alloc_global makes a global tensor for the whole launch; call it before "
                   "'with T.Kernel(...)' (a per-block tile is T.alloc_shared or T.alloc_fragment)");
  TensorType type;
  type.shape = a[0]->isSequence() ? a[0]->elements() : std::vector<Value>{*a[0]};
  if (type.shape.empty())
    fail(args.loc, "the shape of T.alloc_global needs at least one dimension");
  if (!a[1]->is(K::Str) && !a[1]->is(K::DType))
    toDType(*a[1], args.loc, "the dtype of T.alloc_global"); // fails with the expected spellings
  type.dtype = a[1]->str;
  return Value::fromBuffer(addTensorParam(name, type, args.loc, args.loc));
}

Value Evaluator::emitCopy(CallArgs &args) {
  // `x = T.copy(A[i, j])` (the seed's element form) is just the element.
  if (args.args.size() == 1 && args.keywords.empty())
    return Value::fromExpr(toExpr(args.args[0], args.argLocs[0], "the argument of T.copy"));
  auto a = bindBuiltinArgs(args, "T.copy",
                           {"src", "dst", "coalesced_width", "disable_tma", "eviction_policy"}, 2);
  KernelBuilder &kb = requireKernel("T.copy", args.loc);
  ir::Region src = toRegion(*a[0], args.argLocs[0], "the source of T.copy");
  ir::Region dst = toRegion(*a[1], args.argLocs.size() > 1 ? args.argLocs[1] : args.loc,
                            "the destination of T.copy");
  kb.emit(std::make_shared<ir::Copy>(src, dst, args.loc), "T.copy");
  return Value::none();
}

Value Evaluator::emitGemm(CallArgs &args) {
  auto a = bindBuiltinArgs(args, "T.gemm",
                           {"A", "B", "C", "transpose_A", "transpose_B", "policy", "clear_accum",
                            "k_pack", "wg_wait"},
                           3);
  KernelBuilder &kb = requireKernel("T.gemm", args.loc);
  auto locOf = [&](size_t i) { return i < args.argLocs.size() ? args.argLocs[i] : args.loc; };
  auto gemm = std::make_shared<ir::Gemm>(
      toRegion(*a[0], locOf(0), "operand A of T.gemm"),
      toRegion(*a[1], locOf(1), "operand B of T.gemm"),
      toRegion(*a[2], locOf(2), "accumulator C of T.gemm"),
      isBool(a[3], args.loc, "transpose_A", false), isBool(a[4], args.loc, "transpose_B", false),
      isBool(a[6], args.loc, "clear_accum", false), args.loc);
  kb.emit(gemm, "T.gemm");
  return Value::none();
}

Value Evaluator::emitFill(const std::string &op, CallArgs &args) {
  std::string fname = "T." + op;
  auto a = op == "fill" ? bindBuiltinArgs(args, fname, {"buffer", "value"}, 2)
                        : bindBuiltinArgs(args, fname, {"buffer"}, 1);
  KernelBuilder &kb = requireKernel(fname, args.loc);
  ir::Region region = toRegion(*a[0], args.argLocs.empty() ? args.loc : args.argLocs[0],
                               "the buffer of " + fname);
  ir::Expr value = op == "fill" ? toExpr(*a[1], args.loc, "the value of T.fill")
                                : zeroOf(region.buffer->dtype, args.loc);
  kb.emit(std::make_shared<ir::Fill>(region, value, args.loc), fname);
  return Value::none();
}

Value Evaluator::emitReduce(const std::string &op, CallArgs &args) {
  static const std::map<std::string, ir::ReduceKind> kinds = {
      {"reduce_sum", ir::ReduceKind::Sum},       {"reduce_max", ir::ReduceKind::Max},
      {"reduce_min", ir::ReduceKind::Min},       {"reduce_abssum", ir::ReduceKind::AbsSum},
      {"reduce_absmax", ir::ReduceKind::AbsMax}};
  std::string fname = "T." + op;
  auto kind = kinds.find(op);
  if (kind == kinds.end())
    fail(args.loc, "unknown TileLang operation '" + fname + "'");
  auto a = bindBuiltinArgs(args, fname, {"buffer", "out", "dim", "clear"}, 2);
  KernelBuilder &kb = requireKernel(fname, args.loc);
  ir::Region src = toRegion(*a[0], args.argLocs.empty() ? args.loc : args.argLocs[0],
                            "the source of " + fname);
  ir::Region dst = toRegion(*a[1], args.argLocs.size() > 1 ? args.argLocs[1] : args.loc,
                            "the destination of " + fname);
  int64_t dim = a[2] ? constantInt(*a[2], args.loc, "dim") : -1;
  int viewDim = reduceViewDimOrFail(fname, src, dim, a[2] && args.argLocs.size() > 2 ? args.argLocs[2] : args.loc);
  bool clear = isBool(a[3], args.loc, "clear", true);
  kb.emit(std::make_shared<ir::Reduce>(kind->second, src, dst, viewDim, clear, args.loc), fname);
  return Value::none();
}

// `T.float32(x)`: a constant of that dtype when x is a number (`T.float32(0)`, `T.int32(4)`),
// else a cast.
Value Evaluator::callDType(const Value &dtype, CallArgs &args) {
  if (args.args.size() != 1 || !args.keywords.empty())
    fail(args.loc, "T." + dtype.str + "() takes exactly one argument");
  ir::DType t = toDType(dtype, args.loc, "the cast type");
  const Value &arg = args.args[0];
  if (arg.isNumber()) {
    if (ir::isFloat(t))
      return Value::fromExpr(ir::floatImm(
          arg.is(K::Float) ? arg.floatValue : static_cast<double>(arg.intValue), t, args.loc));
    return Value::fromExpr(std::make_shared<ir::IntImm>(
        arg.is(K::Float) ? static_cast<int64_t>(arg.floatValue) : arg.intValue, t, args.loc));
  }
  ir::Expr x = toExpr(arg, args.argLocs[0], "the value cast to " + dtype.str);
  return Value::fromExpr(std::make_shared<ir::Cast>(t, x, args.loc));
}

// T.<python>(x) of a one-argument intrinsic: the IR call by its canonical name. abs keeps an integer
// argument's dtype; the rest compute in float32 unless the argument is already a float.
Value Evaluator::mathCall(const ir::Intrinsic &in, CallArgs &args) {
  std::string fname = "T." + std::string(in.python);
  auto a = bindBuiltinArgs(args, fname, {"x"}, 1);
  ir::Expr x = toExpr(*a[0], args.loc, "the argument of " + fname);
  ir::DType t = ir::isFloat(x->dtype) || in.name == "abs" ? x->dtype : ir::DType::Float32;
  return Value::fromExpr(
      std::make_shared<ir::Call>(std::string(in.name), std::vector<ir::Expr>{x}, t, args.loc));
}

} // namespace tilec::frontend
