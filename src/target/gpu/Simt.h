// SIMT IR: one GPU thread block's program, written from the point of view of a single thread.
//
// Expressions are Tile IR expressions (ir::Expr); the thread index is the kernel's `threadIdx`
// variable and warp shuffles are ir::Call nodes named "shfl_xor". Statements are the few things a
// CUDA/HIP kernel body is made of: loops, scalar stores to global / shared / register buffers,
// barriers, vector copies, and the warp-level tensor-core operations (ldmatrix, mma.sync) and
// asynchronous copies (cp.async) that have no scalar equivalent, and AMD's matrix-core
// instruction (MFMA) for HIP.
//
// Buffers keep their Tile IR meaning of scope: Global = kernel parameter, Shared = __shared__
// array, Local = this thread's registers (a fragment lowered to its per-thread part).
#pragma once

#include "ir/IR.h"
#include "target/gpu/WgmmaTile.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tilec::gpu {

using ir::Buffer;
using ir::DType;
using ir::Expr;
using ir::Var;

enum class SKind {
  Seq, For, Let, If, While, Store, Barrier, VecCopy, CpAsync, CpAsyncCommit, CpAsyncWait, LdMatrix, Mma,
  Wgmma, WgmmaSync, Mfma, Tma, Mbarrier, Op
};

struct SStmtNode {
  SKind kind;
  explicit SStmtNode(SKind k) : kind(k) {}
  virtual ~SStmtNode() = default;
  template <class T> const T *as() const {
    return kind == T::kKind ? static_cast<const T *>(this) : nullptr;
  }
};
using SStmt = std::shared_ptr<const SStmtNode>;

struct SSeq : SStmtNode {
  static constexpr SKind kKind = SKind::Seq;
  std::vector<SStmt> stmts;
  explicit SSeq(std::vector<SStmt> s) : SStmtNode(kKind), stmts(std::move(s)) {}
};

// How a loop is printed: `#pragma unroll` (Full: register-array indices must become constants),
// `#pragma unroll 1` (None: kept rolled, where unrolling only hoists loads into registers), or
// no pragma (the compiler's choice). Converts from bool (true: Full), so passes copy it whole.
struct Unroll {
  enum Kind : uint8_t { Default, Full, None } kind = Default;
  Unroll(bool full = false) : kind(full ? Full : Default) {}
  static Unroll none() {
    Unroll u;
    u.kind = None;
    return u;
  }
  explicit operator bool() const { return kind == Full; }
};

struct SFor : SStmtNode {
  static constexpr SKind kKind = SKind::For;
  Var var;
  Expr min, extent;
  Unroll unroll;
  SStmt body;
  SFor(Var v, Expr mn, Expr ext, Unroll unr, SStmt b)
      : SStmtNode(kKind), var(std::move(v)), min(std::move(mn)), extent(std::move(ext)), unroll(unr),
        body(std::move(b)) {}
};

// `const T var = value;` followed by body (in the same C++ scope).
struct SLet : SStmtNode {
  static constexpr SKind kKind = SKind::Let;
  Var var;
  Expr value;
  SStmt body;
  SLet(Var v, Expr val, SStmt b)
      : SStmtNode(kKind), var(std::move(v)), value(std::move(val)), body(std::move(b)) {}
};

struct SIf : SStmtNode {
  static constexpr SKind kKind = SKind::If;
  Expr cond;
  SStmt thenBody, elseBody; // elseBody may be null
  // Warp specialization (WarpSpecialize.cpp): the branches are two roles that run at the same
  // time, the producer warpgroup (then) and the consumer warpgroups (else), ordered only by
  // mbarriers and named barriers; each role first moves its register budget to `producerRegs`
  // / `consumerRegs` with setmaxnreg (0: no setmaxnreg).
  struct Roles {
    int producerRegs = 0, consumerRegs = 0;
  };
  std::optional<Roles> roles;
  SIf(Expr c, SStmt t, SStmt e, std::optional<Roles> r = std::nullopt)
      : SStmtNode(kKind), cond(std::move(c)), thenBody(std::move(t)), elseBody(std::move(e)), roles(r) {}
};

// while (cond) body; cond is block-uniform at every test (loops outside Ops are block-uniform).
struct SWhile : SStmtNode {
  static constexpr SKind kKind = SKind::While;
  Expr cond;
  SStmt body;
  SWhile(Expr c, SStmt b) : SStmtNode(kKind), cond(std::move(c)), body(std::move(b)) {}
};

// buffer[indices] = value. A rank-0 Local buffer is a scalar register. An atomic store (global or
// shared only) combines value into the element as one indivisible read-modify-write.
struct SStore : SStmtNode {
  static constexpr SKind kKind = SKind::Store;
  Buffer buffer;
  std::vector<Expr> indices;
  Expr value;
  ir::AtomicOp atomic = ir::AtomicOp::None;
  SStore(Buffer b, std::vector<Expr> idx, Expr v, ir::AtomicOp at = ir::AtomicOp::None)
      : SStmtNode(kKind), buffer(std::move(b)), indices(std::move(idx)), value(std::move(v)), atomic(at) {}
};

// __syncthreads()
// __syncthreads(), or with id > 0 the named barrier `bar.sync id, threads` that only `threads`
// threads of the block meet at (the consumer warpgroups of a warp-specialized kernel).
struct SBarrier : SStmtNode {
  static constexpr SKind kKind = SKind::Barrier;
  int id = 0, threads = 0;
  SBarrier(int i = 0, int n = 0) : SStmtNode(kKind), id(i), threads(n) {}
};

// `lanes` contiguous elements from src[srcIdx..] to dst[dstIdx..] as one 4/8/16-byte access.
struct SVecCopy : SStmtNode {
  static constexpr SKind kKind = SKind::VecCopy;
  Buffer dst;
  std::vector<Expr> dstIdx;
  Buffer src;
  std::vector<Expr> srcIdx;
  int lanes;
  SVecCopy(Buffer d, std::vector<Expr> di, Buffer s, std::vector<Expr> si, int l)
      : SStmtNode(kKind), dst(std::move(d)), dstIdx(std::move(di)), src(std::move(s)),
        srcIdx(std::move(si)), lanes(l) {}
};

// cp.async.cg.shared.global of `lanes` elements (16 bytes); when `inBounds` is false the
// destination is zero-filled instead (src-size 0).
struct SCpAsync : SStmtNode {
  static constexpr SKind kKind = SKind::CpAsync;
  Buffer dst;
  std::vector<Expr> dstIdx;
  Buffer src;
  std::vector<Expr> srcIdx;
  int lanes;
  Expr inBounds; // may be null: always in bounds
  SCpAsync(Buffer d, std::vector<Expr> di, Buffer s, std::vector<Expr> si, int l, Expr ib)
      : SStmtNode(kKind), dst(std::move(d)), dstIdx(std::move(di)), src(std::move(s)),
        srcIdx(std::move(si)), lanes(l), inBounds(std::move(ib)) {}
};

struct SCpAsyncCommit : SStmtNode {
  static constexpr SKind kKind = SKind::CpAsyncCommit;
  SCpAsyncCommit() : SStmtNode(kKind) {}
};

// Waits until at most `pending` committed groups of this thread are still in flight.
struct SCpAsyncWait : SStmtNode {
  static constexpr SKind kKind = SKind::CpAsyncWait;
  int pending;
  explicit SCpAsyncWait(int n) : SStmtNode(kKind), pending(n) {}
};

// ldmatrix.sync.aligned.m8n8.x{num}[.trans].shared.b16: every lane gives the address of one
// 8-element row (lanes 8m..8m+7 address matrix m); each lane receives 2 elements per matrix,
// written to dst[dstOffset + 2m], dst[dstOffset + 2m + 1].
struct SLdMatrix : SStmtNode {
  static constexpr SKind kKind = SKind::LdMatrix;
  Buffer dst;
  Expr dstOffset;
  int num;
  bool trans;
  Buffer src;
  std::vector<Expr> srcIdx;
  SLdMatrix(Buffer d, Expr off, int n, bool t, Buffer s, std::vector<Expr> si)
      : SStmtNode(kKind), dst(std::move(d)), dstOffset(std::move(off)), num(n), trans(t),
        src(std::move(s)), srcIdx(std::move(si)) {}
};

// mma.sync.aligned.m16n8k16.row.col.f32.{f16|bf16}.{f16|bf16}.f32: D = A * B + C for one warp.
// Per lane: A = 8 elements at a[aOffset..], B = 4 at b[bOffset..], C/D = 4 floats at c[cOffset..].
struct SMma : SStmtNode {
  static constexpr SKind kKind = SKind::Mma;
  Buffer a, b, c;
  Expr aOffset, bOffset, cOffset;
  SMma(Buffer a_, Expr ao, Buffer b_, Expr bo, Buffer c_, Expr co)
      : SStmtNode(kKind), a(std::move(a_)), b(std::move(b_)), c(std::move(c_)), aOffset(std::move(ao)),
        bOffset(std::move(bo)), cOffset(std::move(co)) {}
};

// wgmma.mma_async.sync.aligned.m64n{n}k16.f32.{f16|bf16}.{f16|bf16} for one warpgroup (128
// threads, the 4 warps tx / 128 * 4 ..): D (64 x n, fp32) += A (64 x 16) * B (16 x n), B read from
// shared memory through a descriptor, A either the same way or from registers (the RS form).
// A shared operand's descriptor starts at the address of a[aIdx] (b[bIdx]) and describes it with
// `aLayout` (`bLayout`); a register A (a not shared) is the thread's 8 elements a[aIdx[0] ..] in
// the D pattern of a 64 x 16 tile (element i: row 16 (warp % 4) + lane / 4 + 8 (i / 2 % 2), column
// 8 (i / 4) + 2 (lane % 4) + i % 2), which is the accumulator layout of the gemm that made it. The
// thread's n / 2 accumulators are c[cOffset ..] in that D layout (column 8 (i / 4) + ...).
// Asynchronous: D is complete, and a register A may be written again, after a WgmmaSync::Wait.
struct SWgmma : SStmtNode {
  static constexpr SKind kKind = SKind::Wgmma;
  Buffer a;
  std::vector<Expr> aIdx;
  WgmmaOperandLayout aLayout;
  Buffer b;
  std::vector<Expr> bIdx;
  WgmmaOperandLayout bLayout;
  int n;
  Buffer c;
  Expr cOffset;
  SWgmma(Buffer a_, std::vector<Expr> ai, WgmmaOperandLayout al, Buffer b_, std::vector<Expr> bi,
         WgmmaOperandLayout bl, int n_, Buffer c_, Expr co)
      : SStmtNode(kKind), a(std::move(a_)), aIdx(std::move(ai)), aLayout(al), b(std::move(b_)), bIdx(std::move(bi)),
        bLayout(bl), n(n_), c(std::move(c_)), cOffset(std::move(co)) {}
  bool registerA() const { return a->scope != ir::Scope::Shared; }
};

// The ordering instructions around wgmma: `fence.proxy.async.shared::cta` (shared memory written
// through the generic proxy becomes visible to wgmma's async proxy), `wgmma.fence` (before the
// first wgmma touching the accumulators), `wgmma.commit_group`, `wgmma.wait_group pending`.
struct SWgmmaSync : SStmtNode {
  static constexpr SKind kKind = SKind::WgmmaSync;
  enum class What { ProxyFence, Fence, Commit, Wait };
  What what;
  int pending = 0; // Wait
  Buffer acc;      // Wait: the accumulators the waited-for wgmmas wrote (kept in place after it)
  SWgmmaSync(What w, int p = 0, Buffer a = nullptr) : SStmtNode(kKind), what(w), pending(p), acc(std::move(a)) {}
};

// v_mfma_f32_16x16x16{f16,bf16_1k}: D = A * B + C for one 64-lane wavefront (HIP, gfx90a/gfx942).
// Per lane l: A = 4 elements at a[aOffset..] (A[l % 16][4 (l / 16) + v]), B = 4 at b[bOffset..]
// (B[4 (l / 16) + v][l % 16]), C/D = 4 floats at c[cOffset..] (C[4 (l / 16) + v][l % 16]), v = 0..3.
struct SMfma : SStmtNode {
  static constexpr SKind kKind = SKind::Mfma;
  Buffer a, b, c;
  Expr aOffset, bOffset, cOffset;
  SMfma(Buffer a_, Expr ao, Buffer b_, Expr bo, Buffer c_, Expr co)
      : SStmtNode(kKind), a(std::move(a_)), b(std::move(b_)), c(std::move(c_)), aOffset(std::move(ao)),
        bOffset(std::move(bo)), cOffset(std::move(co)) {}
};

// cp.async.bulk.tensor.{rank}d.shared::cluster.global.mbarrier::complete_tx::bytes (sm_90, TMA),
// issued by one thread: the box of `src` at `coords` (one per tensor dimension, outermost first;
// parts outside the tensor read as zero) lands in shared memory from &dst[dstIdx] on, laid out
// as the tensor map `map` (Kernel::tensorMaps) says: dense, innermost dimension first, 16-byte
// chunks XOR-swizzled by address bits as its swizzle mode says. The copy completes `bytes`
// transaction bytes on the mbarrier bar[barIdx]; the data may be read once that barrier's phase
// has completed (SMbarrier::Wait).
struct STma : SStmtNode {
  static constexpr SKind kKind = SKind::Tma;
  Buffer dst;
  std::vector<Expr> dstIdx;
  Buffer src;
  std::vector<Expr> coords;
  int map;
  Buffer bar;
  Expr barIdx;
  STma(Buffer d, std::vector<Expr> di, Buffer s, std::vector<Expr> c, int m, Buffer b, Expr bi)
      : SStmtNode(kKind), dst(std::move(d)), dstIdx(std::move(di)), src(std::move(s)), coords(std::move(c)), map(m),
        bar(std::move(b)), barIdx(std::move(bi)) {}
};

// An mbarrier (a 64-bit word in shared memory, bar[idx]): `init` with an arrival count of 1 (one
// elected thread arrives per phase); `fence.mbarrier_init` (the init becomes visible to the other
// threads and the async proxy; a __syncthreads() follows); `arrive.expect_tx` (the arrival, and
// `bytes` more transaction bytes the phase waits for: what TMA copies will complete);
// `try_wait.parity` in a loop until the phase of parity `parity` has completed; `inval`.
struct SMbarrier : SStmtNode {
  static constexpr SKind kKind = SKind::Mbarrier;
  enum class What { Init, InitFence, ArriveExpectTx, Wait, Inval, Arrive };
  What what;
  Buffer bar;   // null for InitFence
  Expr idx;     // null for InitFence
  int64_t bytes = 0; // ArriveExpectTx; Init: the arrival count (0: one)
  Expr parity;       // Wait
  SMbarrier(What w, Buffer b, Expr i, int64_t by = 0, Expr p = nullptr)
      : SStmtNode(kKind), what(w), bar(std::move(b)), idx(std::move(i)), bytes(by), parity(std::move(p)) {}
};

// A global -> shared tile copy as the block sees it (the source region of a T.copy), kept on the
// SOp that performs it with per-thread accesses, so that a later pass may issue it as a TMA
// instead (TmaPipeline.cpp). `starts` / `extents` per dimension of `src` (SIMT expressions);
// the copy writes dst[stage][...] (dst has the stage dimension first).
struct TileCopy {
  Buffer src;
  std::vector<Expr> starts;
  std::vector<int64_t> extents;
  Buffer dst;
  Expr stage;
};

// One block-level operation (a tile op or a T.Parallel nest) lowered to per-thread code; `what`
// is printed as a comment above it. Barrier insertion treats an Op as one unit: every thread runs
// all of it between two barriers. Loops and ifs outside Ops are block-uniform.
struct SOp : SStmtNode {
  static constexpr SKind kKind = SKind::Op;
  std::string what;
  SStmt body;
  // A global -> shared copy (set by the T.Pipelined lowering on the copies it issues ahead).
  std::shared_ptr<const TileCopy> tileCopy;
  // A T.Pipelined loop with this many stages (PipelinedLoop.cpp's shape: prologue issues and
  // commits, then the loop of issue, commit, wait, barrier, compute, barrier); 0 for other ops.
  int pipelineStages = 0;
  // A TMA pipeline (TmaPipeline.cpp): its per-stage "full" mbarriers; null for other ops.
  Buffer tmaFull;
  SOp(std::string w, SStmt b) : SStmtNode(kKind), what(std::move(w)), body(std::move(b)) {}
};

// For each shared buffer, the other shared buffers that share some of its bytes.
using SharedAliases = std::map<const ir::BufferNode *, std::set<const ir::BufferNode *>>;

// A TMA tensor map the kernel takes as a `const __grid_constant__` parameter (after the tensors and
// sizes, in this order): the whole global tensor `tensor` (row-major), copied in boxes of `box`
// elements (one extent per tensor dimension, outermost first), the shared-memory swizzle
// `swizzleBytes` (0: none; 32, 64, 128: CU_TENSOR_MAP_SWIZZLE_32B/64B/128B). The launcher builds it
// (cuTensorMapEncodeTiled; launch.json's tensor_maps).
struct TensorMap {
  Var param; // the kernel parameter (its name: `<tensor>_map`)
  Buffer tensor;
  std::vector<int64_t> box;
  int swizzleBytes = 0;
  int64_t boxBytes() const;
};

// One lowered kernel.
struct Kernel {
  std::string name;
  SourceLoc loc;
  std::vector<Buffer> params;
  std::vector<Var> sizeVars;
  std::vector<Expr> grid;
  std::vector<Var> blockVars;
  Var threadIdx;
  int threads = 128;
  std::vector<Buffer> shared;    // __shared__ arrays, constant shapes
  std::vector<Buffer> registers; // per-thread arrays (rank 1) and scalars (rank 0)
  SStmt body;
  std::vector<bool> paramWritten; // per parameter: the kernel stores into it
  bool usesTensorCores = false, usesCpAsync = false, usesTma = false;
  std::vector<TensorMap> tensorMaps; // TMA descriptors, parameters after the sizes
  // Shared tiles wgmma reads (swizzle-shared lays them out, the printer aligns them to 1024 bytes).
  std::set<const ir::BufferNode *> wgmmaTiles;
  // Register arrays moved to or from global memory by 16-byte vector accesses (declared aligned).
  std::set<const ir::BufferNode *> vectorRegisters;

  // Byte offsets chosen by alias-shared-tiles, one per shared buffer (empty: none chosen, the
  // buffers follow one another). Buffers whose live ranges are disjoint may overlap.
  std::vector<int64_t> sharedAt;

  int64_t sharedBytes() const;
  // Byte offset of every shared buffer in one allocation: `sharedAt`, or else in declaration
  // order (each 16-byte aligned; wgmma tiles 1024): where the printer carves shared memory and
  // where gpu-interp puts each buffer's shared-memory addresses.
  std::vector<int64_t> sharedOffsets() const;
  // Whether some shared buffers share bytes (the printer then carves every tile from one array).
  bool sharedAliased() const { return !sharedAliases().empty(); }
  SharedAliases sharedAliases() const;
  int64_t sharedAlignment(const Buffer &b) const { return wgmmaTiles.count(b.get()) ? kWgmmaTileAlign : 16; }
};

// ---- construction helpers (fold constants so the generated code stays readable) ----
namespace sx {
Expr i32(int64_t v);
Expr plus(Expr a, Expr b);
Expr minus(Expr a, Expr b);
Expr times(Expr a, Expr b);
Expr div(Expr a, Expr b); // integer floor division (folds constants)
Expr mod(Expr a, Expr b);
Expr lt(Expr a, Expr b);
Expr land(Expr a, Expr b); // logical and; a null operand means "true"
Expr cast(DType t, Expr v);
Expr shflXor(Expr v, int laneMask);
Expr ld(const Buffer &b, std::vector<Expr> idx);
} // namespace sx

SStmt sseq(std::vector<SStmt> stmts); // flattens, drops nulls; one stmt -> itself
// `for (int v = 0; v < extent; ++v) body`; a one-iteration loop becomes body with v = 0.
SStmt sfor(const Var &v, int64_t extent, bool unroll, const SStmt &body);
SStmt sfor(const Var &v, Expr min, Expr extent, bool unroll, const SStmt &body);
SStmt sif(Expr cond, SStmt then); // cond null -> then
SStmt sstore(Buffer b, std::vector<Expr> idx, Expr v, ir::AtomicOp atomic = ir::AtomicOp::None);

// Re-folds integer constants after substitution (`0 * 4 + r` -> `r`).
Expr fold(const Expr &e);

// Rebuilds a control statement (Seq, For, Let, If, While) with `child` applied to each statement it
// holds, in order, and `expr` (when given) to its header expressions; nullptr for any other kind,
// which the caller rewrites itself. The one structural recursion the rewriting walkers share.
SStmt rebuildControl(const SStmt &s, const std::function<SStmt(const SStmt &)> &child,
                     const std::function<Expr(const Expr &)> &expr = nullptr);

// Replaces variables in SIMT statements (used when a loop of one iteration is dropped).
SStmt substituteS(const SStmt &s, const std::map<const ir::VarNode *, Expr> &vmap);

// Calls `f` on `s` and every statement nested in it (control bodies, op bodies), parents first.
void forEachStmt(const SStmt &s, const std::function<void(const SStmt &)> &f);
// Whether `s` holds a statement of kind `k` anywhere.
bool containsKind(const SStmt &s, SKind k);
// A TMA pipeline's refill in its loop body: the If (bound check, elected thread) that issues TMAs.
inline bool isTmaRefill(const SStmt &s) { return s->kind == SKind::If && containsKind(s, SKind::Tma); }

// Calls `f` on every expression a SIMT statement holds (loop bounds, conditions, indices, values,
// offsets), in statement order.
void forEachExpr(const SStmt &s, const std::function<void(const Expr &)> &f);
// Whether any expression of `s` mentions the variable `v`.
bool usesVar(const SStmt &s, const ir::VarNode *v);

// The constant shape of a SIMT buffer (shared and register buffers always have one).
std::vector<int64_t> staticShape(const Buffer &b);

// Makes a buffer of the given scope/shape (register arrays: Local, rank 1).
Buffer makeBuffer(std::string name, std::vector<int64_t> shape, DType t, ir::Scope scope);

} // namespace tilec::gpu
