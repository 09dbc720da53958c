// Values of the meta level: what Python expressions evaluate to while tilec runs a file's
// factories and kernel bodies at compile time.
//
// Plain Python values (numbers, strings, tuples, dicts, functions) coexist with kernel values:
// an IR scalar expression (a loop index, a load, a symbolic size), a buffer, a subscripted buffer
// (`A[by * 32, k * 32:(k + 1) * 32]`, a scalar load or a tile region depending on where it is
// used), a loop range (`T.Parallel(32, 32)`) and a tensor type (`T.Tensor((M, K), "float16")`).
#pragma once

#include "frontend/Ast.h"
#include "ir/IR.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tilec::frontend {

class Env;
struct Function;
struct TensorType;
struct BufferAccess;
struct LoopRange;
struct KernelLaunch;
struct DeferredError;
struct EagerBinding;

struct Value {
  enum class Kind {
    None,
    Bool,
    Int,
    Float,
    Str,
    Tuple,
    List,
    Dict,
    Slice,       // a meta-level slice object (for slicing tuples / lists)
    Function,    // user def / lambda (closure)
    Builtin,     // a function or object tilec implements: "range", "T.copy", "tilelang.jit"
    Module,      // an imported module: "tilelang.language", "torch"
    DType,       // `T.float16`: usable as a dtype, callable as a cast
    Decorator,   // `tilelang.jit(out_idx=[-1])`: records an annotation when applied
    Class,       // a class defined in the file (opaque)
    Expr,        // a kernel-level scalar expression
    Buffer,      // a kernel tensor or tile
    ScalarVar,   // `x = T.alloc_var(dtype)`: a one-element local buffer used as a scalar
    Access,      // a subscripted buffer
    Range,       // a loop range
    TensorType,  // a kernel parameter type
    Launch,      // `T.Kernel(...)`, the context of `with ... as (bx, by)`
    Error,       // DeferredError
  };

  Kind kind = Kind::None;
  bool boolValue = false;
  int64_t intValue = 0;
  double floatValue = 0.0;
  std::string str; // Str; Builtin / Module / DType / Decorator / Class name
  std::shared_ptr<std::vector<Value>> items; // Tuple / List; Dict keys and values interleaved
  std::shared_ptr<Function> function;
  std::shared_ptr<ir::AnnotationValue::Dict> decoratorArgs;
  ir::Expr expr;
  ir::Buffer buffer; // Buffer / ScalarVar
  std::shared_ptr<BufferAccess> access;
  std::shared_ptr<LoopRange> range;
  std::shared_ptr<TensorType> tensorType;
  std::shared_ptr<KernelLaunch> launch;
  std::shared_ptr<DeferredError> error;

  static Value none() { return {}; }
  static Value boolean(bool b);
  static Value integer(int64_t i);
  static Value real(double d);
  static Value string(std::string s);
  static Value tuple(std::vector<Value> items);
  static Value list(std::vector<Value> items);
  static Value named(Kind kind, std::string name); // Builtin, Module, DType, Class
  static Value fromExpr(ir::Expr e);
  static Value fromBuffer(ir::Buffer b);

  bool is(Kind k) const { return kind == k; }
  bool isNumber() const { return kind == Kind::Bool || kind == Kind::Int || kind == Kind::Float; }
  bool isSequence() const { return kind == Kind::Tuple || kind == Kind::List; }
  // True for values that only exist inside a kernel (expressions, buffers, accesses).
  bool isKernelValue() const;
  // True for the kernel values that can stand for an IR scalar: an expression, a subscripted
  // buffer, a T.alloc_var.
  bool isKernelScalar() const {
    return kind == Kind::Expr || kind == Kind::Access || kind == Kind::ScalarVar;
  }
  const std::vector<Value> &elements() const { return *items; }
};


// A user function (def or lambda) with the scope it closes over.
struct Function {
  std::string name;
  const ast::Arguments *args = nullptr;
  const ast::StmtList *body = nullptr;     // def
  const ast::Expr *lambdaBody = nullptr;   // lambda
  const ast::FunctionDef *def = nullptr;   // null for lambdas
  SourceLoc loc;
  Env *closure = nullptr; // owned by the Evaluator
  // Default values by parameter name, evaluated when the def ran (Python semantics).
  std::map<std::string, Value> defaults;
  // Decorators that mark or annotate it.
  bool isPrimFunc = false;
  bool isMacro = false;
  std::map<std::string, ir::AnnotationValue::Dict> annotations; // "tilelang.jit" -> {out_idx: [-1]}
  // The eager style: a `@tilelang.jit` def whose own body opens `with T.Kernel` is the kernel.
  bool isEager = false;
  std::vector<std::string> tensorParams; // parameters its body annotates (`A: T.Tensor(...)`)
  // Set once the eager kernel is specialised (`matmul.compile(M=1024, ...)` or `matmul(...)`).
  std::shared_ptr<EagerBinding> eager;
};

// The arguments an eager kernel was specialised with: its parameters' arguments (as a call
// gave them) and the values of its `T.const` names.
struct EagerBinding {
  std::vector<Value> args;
  std::vector<SourceLoc> argLocs;
  std::vector<std::pair<std::string, Value>> keywords;
  std::map<std::string, int64_t> consts;
  SourceLoc loc; // the call or .compile(...) that specialised it
};

// `T.Tensor(shape, dtype)` / `T.Buffer[shape, dtype]`: the type of a kernel parameter.
struct TensorType {
  std::vector<Value> shape;
  std::string dtype;
};

// One index of a subscripted buffer: a scalar, or a slice `lower:upper` (either may be absent).
struct AccessIndex {
  bool isSlice = false;
  Value scalar; // !isSlice
  std::optional<Value> lower, upper;
  SourceLoc loc;
};

// `buf[i, j]` or `buf[a:b, c]`: becomes a Load where a scalar is needed, a Region for tile ops.
struct BufferAccess {
  ir::Buffer buffer;
  std::vector<AccessIndex> indices;
  SourceLoc loc; // the subscript expression
};

// `range(...)`, `T.Parallel(...)`, `T.Pipelined(...)`, `T.serial(...)`, `T.unroll(...)`.
// `T.Persistent(domain, wave_size, index, group_size)`: the tiles of `domain` shared out over
// `wave_size` persistent blocks, this block taking every wave's `index`-th (KernelStaging.cpp).
struct PersistentDomain {
  std::vector<Value> domain;
  Value waveSize, index, groupSize;
};

struct LoopRange {
  ir::ForKind kind = ir::ForKind::Serial;
  std::vector<Value> starts, stops; // one per loop variable
  std::optional<Value> step;        // range(a, b, step) only
  int numStages = 0;
  std::string spelling; // "T.Parallel", "range", ... for diagnostics
  std::shared_ptr<PersistentDomain> persistent; // T.Persistent only
};

// `T.Kernel(g0, g1, threads=128)`.
struct KernelLaunch {
  std::vector<Value> grid;
  int threads = 128;
  SourceLoc loc;
};

// A value that failed to evaluate (a module-level `x = torch.randn(...)`): the error is raised
// only if the name is used, so files whose host code tilec cannot run still compile.
struct DeferredError {
  SourceLoc loc;
  std::string message;
};

// Python's str() of a meta value (a dtype prints as its name).
std::string strOf(const Value &v);
// A value standing for an error that is raised only where the value is used (see DeferredError).
Value deferredError(const CompileError &e);
// Raises the error a deferred-error value stands for.
[[noreturn]] void raiseDeferred(const Value &v);
// A decorator value that records `name` with the given arguments when applied to a function.
Value decoratorValue(std::string name, ir::AnnotationValue::Dict args);

// Python's name for the value's type, for diagnostics: "int", "str", "function", "buffer".
std::string typeName(const Value &v);
// A short Python-like rendering for diagnostics and annotations: `3`, `'float16'`, `(1, 2)`.
std::string repr(const Value &v);
// Python truthiness of a meta value; nullopt for kernel values (decided at run time).
std::optional<bool> truthiness(const Value &v);
// Python equality of two meta values.
bool metaEquals(const Value &a, const Value &b);
// The annotation form of a meta value (numbers, strings, lists, string-keyed dicts, None);
// nullopt for anything else.
std::optional<ir::AnnotationValue> toAnnotation(const Value &v);

} // namespace tilec::frontend
