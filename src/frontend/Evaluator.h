// The meta-level evaluator: runs the Python around and inside kernels at compile time.
//
// Module level: imports, defs (with decorators and default values), classes and assignments run
// in order; host code tilec cannot run (torch calls) is kept as a deferred error that only
// surfaces if a kernel needs the value; `if __name__ == "__main__":` is never entered.
// Factories: calls bind parameters like Python (positional, keywords, defaults, *args, **kwargs)
// and run the body, so closures capture sizes and dtype strings.
// Kernels: a `@T.prim_func` body runs with a KernelBuilder attached. Python-level values fold
// away; whatever depends on loop indices, block indices, buffer contents or symbolic sizes
// becomes Tile IR (loops, stores, lets, ifs, tile ops). `@T.macro` functions and plain helpers
// called from a kernel are inlined.
#pragma once

#include "frontend/Ast.h"
#include "frontend/KernelBuilder.h"
#include "frontend/Value.h"
#include "ir/IR.h"
#include "ir/Intrinsics.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace tilec::frontend {

// One scope of names: a module, a function call, or a comprehension. The evaluator owns every
// Env for its whole life (closures and scopes refer to each other in cycles, so they are plain
// pointers into that arena).
class Env {
public:
  explicit Env(Env *parent) : parent_(parent) {}
  struct Binding {
    Value value;
    int depth = 0; // KernelBuilder::controlDepth() when bound (0 outside kernels)
  };
  Binding *find(const std::string &name); // this scope, then enclosing ones
  Binding *findLocal(const std::string &name);
  void set(const std::string &name, Value value, int depth = 0);
  const std::vector<std::string> &order() const { return order_; } // names in binding order

private:
  Env *parent_;
  std::map<std::string, Binding> vars_;
  std::vector<std::string> order_;
};

// The arguments of one call, evaluated.
struct CallArgs {
  std::vector<Value> args;
  std::vector<SourceLoc> argLocs;
  std::vector<std::pair<std::string, Value>> keywords;
  SourceLoc loc;
};

// Binds a built-in's arguments to its parameter names like Python does: positional ones in order,
// then keywords. Fails on too many, unknown, repeated or missing (the first `required`) arguments.
// The result has one entry per name; nullopt where the argument was not given.
std::vector<std::optional<Value>> bindBuiltinArgs(const CallArgs &args, const std::string &fname,
                                                  const std::vector<std::string> &names,
                                                  size_t required);

// The def named `name` that `body` (or an `if` in it) defines; null if none.
const ast::FunctionDef *findNestedDef(const ast::StmtList &body, const std::string &name);
// The names a statement binds when it runs as module-level code does (assignments, defs, list
// mutations, argparse's add_argument); nullopt for a statement that does not run there.
std::optional<std::vector<std::string>> namesBoundBy(const ast::Stmt &stmt);
// `@T.prim_func` (also `@prim_func`).
bool isPrimFuncDecorator(const ast::Expr &decorator);
// A factory's body: it defines a @T.prim_func (at any nesting of statements).
bool definesKernel(const ast::StmtList &body);

// Marks a `@tilelang.jit` def as an eager kernel when its own body opens `with T.Kernel`.
void markEager(Function &fn);

// `T.annotate_layout(...)` and other hints that change no results: their arguments (layout
// objects tilec does not model) are not even evaluated.
bool isPerformanceHint(const std::string &canonicalName);

// Sets a variable for the lifetime of a scope and restores it afterwards (also on errors).
template <class T> class Restore {
public:
  Restore(T &slot, T value) : slot_(slot), saved_(std::move(slot)) { slot_ = std::move(value); }
  ~Restore() { slot_ = std::move(saved_); }
  Restore(const Restore &) = delete;
  Restore &operator=(const Restore &) = delete;

private:
  T &slot_;
  T saved_;
};

class Evaluator {
public:
  // `defines` binds free names (-D NAME=VALUE).
  Evaluator(const ast::Module &module, std::map<std::string, int64_t> defines);

  // Runs the module's top level.
  void runModule();
  // Evaluates an expression in the module scope (the text of --call).
  Value evalInModule(const ast::Expr &expr);
  // `main()` as a selection: is it a call of a driver (a module-level function that is not a
  // factory), and the first kernel the driver builds, its host code tolerated (nullopt: none).
  bool isDriverCall(const ast::Expr &selection);
  std::optional<Value> kernelBuiltByDriver(const ast::Call &call);
  // The same for the script's `if __name__ == "__main__":` block.
  std::optional<Value> kernelBuiltByMainBlock();
  // "FILE:LINE: message" of the last statement a driver skipped ("" if none): why it built nothing.
  std::string lastDriverSkip() const;
  // A module-level binding, or nullptr.
  const Value *global(const std::string &name);
  // Module-level names in binding order.
  std::vector<std::string> globalNames() const { return globals_->order(); }
  // Builds the Tile IR of a kernel function value.
  ir::PrimFuncPtr buildKernel(const Function &kernel);

private:
  enum class Flow { Normal, Break, Continue, Return };

  // What a running function body knows about itself. Each call (and the kernel body) runs in a
  // frame of its own, so nothing of a caller leaks into its callee or stays behind after it.
  struct Frame {
    int depth = 0;             // calls below the module level; bounded against runaway recursion
    bool isKernelBody = false; // the @T.prim_func body itself, which cannot `return` a value
    // KernelBuilder::controlDepth() where the body started: a `return` deeper than that would
    // leave a kernel loop or a run-time `if`, which compile-time evaluation cannot do.
    int controlDepth = 0;
    // One entry per enclosing Python loop of this body: the control depth it runs at, or -1 for
    // a kernel loop (where `break` cannot be decided at compile time).
    std::vector<int> metaLoops;
    Value returnValue; // set by `return`
  };

  // A call of `fn` for this object's lifetime: a new scope over its closure with the arguments
  // bound, and a frame one deeper (the recursion limit checked) as the current one (MetaCalls.cpp).
  struct CallScope {
    CallScope(Evaluator &ev, const Function &fn, CallArgs &args);
    Env *scope;
    Frame frame;
    Restore<Frame *> inFrame;
    Restore<Env *> inScope;
  };
  void argumentsFromFirstConfig(const Function &fn, CallArgs &args); // @autotune(configs=)
  Env *enterCall(const Function &fn, CallArgs &args); // CallScope's scope
  Frame calleeFrame();                                 // CallScope's frame, one below the current

  // ---- Statements of the meta level (MetaStatements.cpp)
  Flow execBlock(const ast::StmtList &body);
  Flow exec(const ast::Stmt &stmt);
  void execModuleStatement(const ast::Stmt &stmt);
  // Runs `stmt` as module-level code runs (failures become deferred errors of the names it
  // binds); true once it has defined the def named *stopAtDef.
  bool execTolerantly(const ast::Stmt &stmt, const std::string *stopAtDef);
  // `outer(args).inner`: the def `inner` in outer's body (nullopt: not that form).
  std::optional<Value> nestedDefinition(const ast::Attribute &attr);
  // Drivers (Drivers.cpp): run tolerantly until a kernel is built (noteKernelBuilt).
  bool isDriver(const Value &v) const;
  void runDriver(const Function &driver, CallArgs &args);
  void runDriverBody(const ast::StmtList &body);
  void runDriverStatement(const ast::Stmt &stmt);
  void noteKernelBuilt(const Value &kernel);
  void noteDriverSkip(const CompileError &error);
  Flow execReturn(const ast::Return &stmt);
  Flow execLoopJump(const ast::Stmt &stmt);
  void execAssign(const ast::Assign &stmt);
  void execAugAssign(const ast::AugAssign &stmt);
  Flow execIf(const ast::If &stmt);
  Flow execFor(const ast::For &stmt);
  Flow execWhile(const ast::While &stmt);
  Flow execTry(const ast::Try &stmt);
  void execAssert(const ast::Assert &stmt);
  [[noreturn]] void execRaise(const ast::Raise &stmt);
  void assign(const ast::Expr &target, const Value &value);
  void assignUnpacked(const ast::ExprList &targets, const Value &value, SourceLoc loc);
  void bindName(const std::string &name, const Value &value, SourceLoc loc);

  // ---- Expressions of the meta level (MetaExpressions.cpp)
  Value eval(const ast::Expr &expr);
  Value evalConstant(const ast::Constant &c);
  Value evalSlice(const ast::Slice &s);
  Value evalDict(const ast::Dict &d);
  Value evalName(const ast::Name &name);
  Value evalFreeName(const std::string &name, SourceLoc loc);
  Value evalAttribute(const ast::Attribute &attr);
  Value attributeOf(const Value &base, const std::string &name, SourceLoc loc); // base.name
  Value evalSubscript(const ast::Subscript &sub);
  Value subscriptValue(const Value &base, const ast::Expr &index, SourceLoc loc);
  Value subscriptType(const Value &base, const ast::Expr &index, SourceLoc loc);
  Value evalBoolOp(const ast::BoolOp &op);
  Value evalCompare(const ast::Compare &cmp);
  Value evalIfExp(const ast::IfExp &e);
  Value evalComprehension(const ast::Expr &comp);
  Value evalJoinedStr(const ast::JoinedStr &s);
  Value evalLambda(const ast::Lambda &lambda);
  std::vector<Value> evalSequence(const ast::ExprList &elts);
  std::vector<Value> iterate(const Value &iterable, SourceLoc loc);

  // ---- Definitions, imports and calls of the meta level (MetaCalls.cpp)
  void execFunctionDef(const ast::FunctionDef &def);
  void execImport(const ast::Import &stmt);
  void execImportFrom(const ast::ImportFrom &stmt);
  Value evalDecorator(const ast::Expr &decorator);
  Value applyDecorator(const Value &decorator, Value target, SourceLoc loc);
  Value evalCall(const ast::Call &call);
  CallArgs evalCallArgs(const ast::Call &call);
  Value callValue(const Value &callee, CallArgs &args);
  Value callFunction(const Function &fn, CallArgs &args);
  Value callFunctionWith(const Function &fn, std::vector<Value> positional, SourceLoc loc);
  void bindParameters(const Function &fn, CallArgs &args, Env &scope);
  Value callBuiltin(const std::string &name, CallArgs &args);
  Value callPythonBuiltin(const std::string &name, CallArgs &args); // Builtins.cpp
  // tilelang.cdiv, tilelang.next_power_of_2, T.dtype, tvm.DataType (LibraryHelpers.cpp)
  // argparse without a command line (ArgParse.cpp): a parser, its methods, a namespace's options.
  Value argumentParser();
  std::optional<Value> argParseMethod(const Value &base, const std::string &method);
  std::optional<Value> namespaceAttribute(const Value &base, const std::string &name);
  Value callArgParseMethod(const Value &method, CallArgs &args);
  std::optional<Value> torchTensorMethod(const Value &tensor, const std::string &method);
  Value callTorchTensorMethod(const Value &method, CallArgs &args);
  Value cartesianProduct(CallArgs &args); // itertools.product
  std::optional<Value> callLibraryHelper(const std::string &name, CallArgs &args);
  // T.use_swizzle(...): the kernel's block rasterization (BlockRasterization.cpp)
  void recordBlockRasterization(CallArgs &args);
  // `dims.append(M)`, `cfg.get("k", 1)`: list / tuple / dict methods (ContainerMethods.cpp)
  std::optional<Value> containerMethod(const Value &base, const std::string &method);
  Value callContainerMethod(const Value &method, CallArgs &args);

  // ---- The eager style: the jit def is the kernel (EagerKernels.cpp)
  // What an eager body being built has declared so far.
  struct EagerRun {
    const Function *fn = nullptr;
    std::set<std::string> annotated;       // tensor parameters whose annotation ran
    std::map<std::string, Value> callTypes; // tensor parameters a call passed as T.Tensor(...)
    struct Output {
      ir::Buffer buffer;
      SourceLoc loc;
      bool returned = false;
    };
    std::vector<Output> outputs; // T.empty tensors, in order
  };
  Value specialiseEager(const Function &fn, CallArgs &args, bool compileForm);
  ir::PrimFuncPtr buildEagerKernel(const Function &kernel);
  bool stageEagerAnnotation(const ast::AnnAssign &stmt);
  void checkCallType(const std::string &name, const TensorType &given, const ir::Buffer &annotated,
                     SourceLoc loc);
  Value eagerEmpty(CallArgs &args);
  void eagerReturn(const Value &value, SourceLoc loc);
  Value eagerConst(CallArgs &args);
  std::optional<int64_t> constFromCallTypes(const std::string &name);
  Value dynamicSizes(CallArgs &args, const std::string &fname);

  // ---- IR staging: kernel constructs turned into Tile IR (KernelStaging.cpp)
  void buildSignature(const Function &kernel);
  // `n: T.int32` in the signature: a run-time integer, one of the kernel's symbolic sizes.
  void bindScalarParam(const ast::Arg &param, const Value &type);
  // A global tensor of the kernel from its type: `annotationLoc` is where shape errors point.
  ir::Buffer addTensorParam(const std::string &name, const TensorType &type, SourceLoc paramLoc,
                            SourceLoc annotationLoc);
  Flow stageLaunch(const ast::With &stmt);
  void stageWhile(const ast::While &stmt, const Value &test);
  void stagePersistent(const ast::For &stmt, const LoopRange &range);
  void stageLoop(const ast::For &stmt, const LoopRange &range);
  void stageIf(const ast::If &stmt, const Value &test);
  void stageStore(const ast::Subscript &target, const Value &value, SourceLoc loc);
  void stageScalarVarStore(const ir::Buffer &var, const std::string &name, const Value &value,
                           SourceLoc loc);
  Value letIfReadsMemory(const std::string &name, const Value &value, SourceLoc loc);
  Value bufferAccess(const Value &base, const ast::Expr &index, SourceLoc loc);
  KernelBuilder &requireKernel(const std::string &op, SourceLoc loc);
  // KernelBuilder::controlDepth() while a kernel is built, 0 outside kernels.
  int controlDepth() const;

  // ---- The `T.` namespace (TileOps.cpp)
  Value callTileLang(const std::string &op, CallArgs &args);
  Value tileLangAttribute(const std::string &attr, SourceLoc loc);
  Value callDType(const Value &dtype, CallArgs &args);
  Value makePersistentRange(CallArgs &args); // T.Persistent
  Value makeLoopRange(const std::string &op, CallArgs &args);
  Value allocate(const std::string &op, CallArgs &args);
  Value allocateGlobal(const std::string &name, CallArgs &args);
  Value emitCopy(CallArgs &args);
  Value emitGemm(CallArgs &args);
  Value emitFill(const std::string &op, CallArgs &args);
  Value emitReduce(const std::string &op, CallArgs &args);
  Value emitAtomic(const std::string &op, CallArgs &args); // AtomicOps.cpp
  Value emitCumsum(CallArgs &args);                        // ScanOps.cpp
  Value mathCall(const ir::Intrinsic &in, CallArgs &args);

  // ---- Budget: hostile or runaway meta-level code ends in an error, not a hang.
  void step(SourceLoc loc);

  const ast::Module &module_;
  std::map<std::string, int64_t> defines_;
  std::vector<std::unique_ptr<Env>> envs_; // owns every scope
  Env *newEnv(Env *parent);
  Env *globals_;
  Env *env_;
  Frame moduleFrame_;
  Frame *frame_ = &moduleFrame_;
  KernelBuilder *kernel_ = nullptr;
  EagerRun *eager_ = nullptr; // set while an eager kernel's body is built
  int64_t steps_ = 0;
  std::map<std::string, ir::Var> dynamicSizes_;
  std::vector<std::string> starModules_; // star-imported modules whose names tilec does not know
  std::optional<Value> *firstBuilt_ = nullptr; // while a driver runs: the first kernel built
  std::optional<CompileError> lastDriverSkip_;  // the last statement a driver could not evaluate
  // Two contexts that hold for the whole evaluation of one expression, however deep the calls in
  // it go, so they are set around it rather than passed down through eval():
  // - while a kernel parameter's annotation is evaluated, a free name becomes a symbolic size;
  bool signatureMode_ = false;
  // - while an assignment's value is evaluated, the first allocation takes the assigned name
  //   (also from inside a helper: `A_s = make_tile()` names the helper's T.alloc_shared `A_s`).
  std::string pendingName_;
};

} // namespace tilec::frontend
