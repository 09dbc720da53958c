// After the GPU pipeline (Pipeline.cpp): prints SIMT IR as CUDA or HIP source plus launch metadata.
//
// Both dialects share this printer; they differ in headers, type names, the shuffle spelling and
// the matrix instructions: CUDA's inline-PTX helpers (ldmatrix, mma.sync, cp.async), HIP's MFMA
// builtins (each pipeline emits only its own).
// Expressions print with C precedence (no redundant parentheses); every conversion between
// dtypes is explicit, so fp16/bf16 arithmetic happens in the dtype the kernel says.
#include "target/gpu/Lower.h"
#include "target/gpu/AtomicHelpers.h"
#include "support/FloatBitsText.h"

#include "ir/Functor.h"
#include "ir/Intrinsics.h"
#include "ir/Printer.h"

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace tilec::gpu {

using namespace ir;

std::string cTypeName(DType t, Dialect d) {
  switch (t) {
  case DType::Bool: return "bool";
  case DType::Int8: return "signed char";
  case DType::UInt8: return "unsigned char";
  case DType::Float8E4M3: return d == Dialect::Cuda ? "__nv_fp8_e4m3" : "tilec_fp8_e4m3";
  case DType::Float8E5M2: return d == Dialect::Cuda ? "__nv_fp8_e5m2" : "tilec_fp8_e5m2";
  case DType::Int32: return "int";
  case DType::UInt32: return "unsigned";
  case DType::Int64: return "long long";
  case DType::Float16: return "half";
  case DType::BFloat16: return d == Dialect::Cuda ? "__nv_bfloat16" : "__hip_bfloat16";
  case DType::Float32: return "float";
  }
  return "float";
}

namespace {

// HIP's fp8 header (hip/hip_fp8.h) exists only from ROCm 6.2 and its default e4m3 is the FNUZ
// variant on some architectures, so HIP code gets tilec's own two types: one byte, converted to
// and from float with the compiler's own rounding (support/FloatBits.h), nothing else.
std::string hipFloat8Types() {
  return std::string("#include <cstring>\n#pragma clang force_cuda_host_device begin\nnamespace tilec_fp8 {\n") +
         floatBitsSource() +
         "} // namespace tilec_fp8\n"
         "struct tilec_fp8_e4m3 {\n  unsigned char __x;\n  tilec_fp8_e4m3() = default;\n"
         "  explicit tilec_fp8_e4m3(float f) : __x(tilec_fp8::floatToE4M3Bits(f)) {}\n"
         "  operator float() const { return tilec_fp8::e4m3BitsToFloat(__x); }\n};\n"
         "struct tilec_fp8_e5m2 {\n  unsigned char __x;\n  tilec_fp8_e5m2() = default;\n"
         "  explicit tilec_fp8_e5m2(float f) : __x(tilec_fp8::floatToE5M2Bits(f)) {}\n"
         "  operator float() const { return tilec_fp8::e5m2BitsToFloat(__x); }\n};\n"
         "#pragma clang force_cuda_host_device end\n";
}

// Integer `//` and `%` on operands that may be negative: rounded toward minus infinity.
const char *kFloorDivision = R"(template <typename T> __device__ __forceinline__ T tilec_floordiv(T a, T b) {
  T q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? T(q - 1) : q;
}
template <typename T> __device__ __forceinline__ T tilec_floormod(T a, T b) {
  T r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? T(r + b) : r;
}
)";

// Tensor-core and asynchronous-copy instructions (sm_80+), wrapped so the kernel reads as C++.
// Each wrapper is printed only when the kernel calls it (the printer notes the names it spells).
struct PtxHelper {
  const char *name;
  const char *text;
};
const char *kSmemAddr = R"(__device__ __forceinline__ unsigned smem_addr(const void *p) {
  return static_cast<unsigned>(__cvta_generic_to_shared(p));
}
)";
const PtxHelper kPtxHelpers[] = {
    {"ldmatrix_x4", R"(__device__ __forceinline__ void ldmatrix_x4(void *dst, const void *src) {
  unsigned *d = static_cast<unsigned *>(dst);
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]) : "r"(smem_addr(src)));
}
)"},
    {"ldmatrix_x4_trans", R"(__device__ __forceinline__ void ldmatrix_x4_trans(void *dst, const void *src) {
  unsigned *d = static_cast<unsigned *>(dst);
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];\n"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]) : "r"(smem_addr(src)));
}
)"},
    {"ldmatrix_x2", R"(__device__ __forceinline__ void ldmatrix_x2(void *dst, const void *src) {
  unsigned *d = static_cast<unsigned *>(dst);
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.shared.b16 {%0, %1}, [%2];\n"
               : "=r"(d[0]), "=r"(d[1]) : "r"(smem_addr(src)));
}
)"},
    {"ldmatrix_x2_trans", R"(__device__ __forceinline__ void ldmatrix_x2_trans(void *dst, const void *src) {
  unsigned *d = static_cast<unsigned *>(dst);
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {%0, %1}, [%2];\n"
               : "=r"(d[0]), "=r"(d[1]) : "r"(smem_addr(src)));
}
)"},
    {"mma_m16n8k16_f16", R"(// D = A * B + D for one warp: A 16x16 (row), B 16x8 (col), D 16x8 fp32.
__device__ __forceinline__ void mma_m16n8k16_f16(float *d, const void *a, const void *b) {
  const unsigned *A = static_cast<const unsigned *>(a), *B = static_cast<const unsigned *>(b);
  asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, "
               "{%8, %9}, {%0, %1, %2, %3};\n"
               : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
               : "r"(A[0]), "r"(A[1]), "r"(A[2]), "r"(A[3]), "r"(B[0]), "r"(B[1]));
}
)"},
    {"mma_m16n8k16_bf16", R"(// D = A * B + D for one warp: A 16x16 (row), B 16x8 (col), D 16x8 fp32.
__device__ __forceinline__ void mma_m16n8k16_bf16(float *d, const void *a, const void *b) {
  const unsigned *A = static_cast<const unsigned *>(a), *B = static_cast<const unsigned *>(b);
  asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, "
               "{%8, %9}, {%0, %1, %2, %3};\n"
               : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
               : "r"(A[0]), "r"(A[1]), "r"(A[2]), "r"(A[3]), "r"(B[0]), "r"(B[1]));
}
)"},
    {"cp_async_16", R"(// 16 bytes global -> shared without staging in registers; zero-fills when !in_bounds.
__device__ __forceinline__ void cp_async_16(void *dst, const void *src, bool in_bounds) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n"
               :: "r"(smem_addr(dst)), "l"(src), "r"(in_bounds ? 16 : 0));
}
)"},
    {"cp_async_commit", R"(__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
)"},
    {"cp_async_wait", R"(template <int Pending> __device__ __forceinline__ void cp_async_wait() {
  asm volatile("cp.async.wait_group %0;\n" :: "n"(Pending));
}
)"},
};

// TMA and mbarriers (sm_90): the tensor map type (CUtensorMap's size and alignment, so the kernel
// needs no driver header; the launcher passes the 128 bytes cuTensorMapEncodeTiled wrote) and
// the barrier operations of the TMA pipelines (TmaPipeline.cpp).
const PtxHelper kTmaHelpers[] = {
    {"mbarrier_init", R"(__device__ __forceinline__ void mbarrier_init(void *bar, unsigned count) {
  asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" :: "r"(smem_addr(bar)), "r"(count) : "memory");
}
)"},
    {"fence_mbarrier_init", R"(// The barriers' initialisation becomes visible to the other threads and to the async proxy (TMA).
__device__ __forceinline__ void fence_mbarrier_init() { asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory"); }
)"},
    {"mbarrier_arrive_expect_tx", R"(// This thread's arrival on the barrier, and `bytes` more transaction bytes its phase waits for.
__device__ __forceinline__ void mbarrier_arrive_expect_tx(void *bar, unsigned bytes) {
  asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" :: "r"(smem_addr(bar)), "r"(bytes) : "memory");
}
)"},
    {"mbarrier_wait", R"(// Waits until the barrier's phase of parity `parity` has completed.
__device__ __forceinline__ void mbarrier_wait(void *bar, unsigned parity) {
  unsigned done = 0;
  do {
    asm volatile("{\n.reg .pred p;\nmbarrier.try_wait.parity.shared::cta.b64 p, [%1], %2;\nselp.u32 %0, 1, 0, p;\n}\n"
                 : "=r"(done) : "r"(smem_addr(bar)), "r"(parity) : "memory");
  } while (!done);
}
)"},
    {"mbarrier_arrive", R"(// This thread's arrival on the barrier (a consumer releasing a pipeline stage).
__device__ __forceinline__ void mbarrier_arrive(void *bar) {
  asm volatile("mbarrier.arrive.shared::cta.b64 _, [%0];\n" :: "r"(smem_addr(bar)) : "memory");
}
)"},
    {"named_barrier_sync", R"(// Named barrier `id`: waits until `threads` threads (whole warps) of the block have reached it.
__device__ __forceinline__ void named_barrier_sync(unsigned id, unsigned threads) {
  asm volatile("bar.sync %0, %1;\n" :: "r"(id), "r"(threads) : "memory");
}
)"},
    {"mbarrier_inval", R"(__device__ __forceinline__ void mbarrier_inval(void *bar) {
  asm volatile("mbarrier.inval.shared::cta.b64 [%0];\n" :: "r"(smem_addr(bar)) : "memory");
}
)"},
};

// tma_load_<r>d: one cp.async.bulk.tensor of rank r (coordinates innermost first) into shared
// memory at dst, completing its bytes on the mbarrier bar.
std::string tmaHelper(const std::string &name) {
  int rank = 0;
  if (std::sscanf(name.c_str(), "tma_load_%dd", &rank) != 1 || rank < 1 || rank > 5)
    return "";
  std::string params, coords, operands;
  for (int i = 0; i < rank; ++i) {
    params += fmt::format(", int c{}", i);
    coords += fmt::format("{}%{}", i ? ", " : "", i + 3);
    operands += fmt::format(", \"r\"(c{})", i);
  }
  return fmt::format(R"(__device__ __forceinline__ void {0}(void *dst, const tilec_tensor_map &map, void *bar{1}) {{
  asm volatile("cp.async.bulk.tensor.{2}d.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1, {{{3}}}], [%2];\n"
               :: "r"(smem_addr(dst)), "l"(&map), "r"(smem_addr(bar)){4} : "memory");
}}
)",
                     name, params, rank, coords, operands);
}

// AMD matrix-core builtins (CDNA2 gfx90a, CDNA3 gfx942), wrapped like the PTX ones: one
// v_mfma_f32_16x16x16 per call, operands as 4 consecutive registers of the kernel's fragments
// (copied into the vector types the builtins take, which the compiler keeps in registers).
const char *kMfmaTypes = R"(typedef _Float16 tilec_f16x4 __attribute__((ext_vector_type(4)));
typedef short tilec_i16x4 __attribute__((ext_vector_type(4)));
typedef float tilec_f32x4 __attribute__((ext_vector_type(4)));
)";
const PtxHelper kMfmaHelpers[] = {
    {"mfma_16x16x16_f16", R"(// D = A * B + D for one wavefront: A 16x16, B 16x16 fp16, D 16x16 fp32 (4 elements a lane).
__device__ __forceinline__ void mfma_16x16x16_f16(float *d, const void *a, const void *b) {
  tilec_f16x4 A, B;
  __builtin_memcpy(&A, a, sizeof(A));
  __builtin_memcpy(&B, b, sizeof(B));
  tilec_f32x4 D = {d[0], d[1], d[2], d[3]};
  D = __builtin_amdgcn_mfma_f32_16x16x16f16(A, B, D, 0, 0, 0);
  d[0] = D[0], d[1] = D[1], d[2] = D[2], d[3] = D[3];
}
)"},
    {"mfma_16x16x16_bf16", R"(// D = A * B + D for one wavefront: A 16x16, B 16x16 bf16 (as 16-bit patterns), D 16x16 fp32.
__device__ __forceinline__ void mfma_16x16x16_bf16(float *d, const void *a, const void *b) {
  tilec_i16x4 A, B;
  __builtin_memcpy(&A, a, sizeof(A));
  __builtin_memcpy(&B, b, sizeof(B));
  tilec_f32x4 D = {d[0], d[1], d[2], d[3]};
  D = __builtin_amdgcn_mfma_f32_16x16x16bf16_1k(A, B, D, 0, 0, 0);
  d[0] = D[0], d[1] = D[1], d[2] = D[2], d[3] = D[3];
}
)"},
};

std::string mfmaHelpers(const std::set<std::string> &used) {
  std::string body;
  for (const PtxHelper &h : kMfmaHelpers)
    if (used.count(h.name))
      body += h.text;
  if (body.empty())
    return body;
  return std::string("// AMD matrix-core instructions (gfx90a, gfx942) the kernel below uses, wrapped so it reads as C++.\n") +
         kMfmaTypes + body;
}

// A shared-memory matrix descriptor of wgmma (PTX ISA, "matrix descriptor"): the start address
// >> 4 in bits 0-13, the leading and stride byte offsets >> 4 in bits 16-29 and 32-45, base offset
// 0 (tiles are 1024-byte aligned), the swizzle mode (1 = 128B, 2 = 64B, 3 = 32B) in bits 62-63.
// WgmmaTile.cpp's encodeWgmmaDescriptor is the same encoding for gpu-interp.
const char *kWgmmaDescriptor = R"(__device__ __forceinline__ unsigned long long wgmma_desc(unsigned addr, unsigned lbo, unsigned sbo, unsigned swizzle) {
  return (unsigned long long)((addr & 0x3FFFF) >> 4) | (unsigned long long)((lbo >> 4) & 0x3FFF) << 16 |
         (unsigned long long)((sbo >> 4) & 0x3FFF) << 32 | (unsigned long long)(swizzle & 3) << 62;
}
)";

// Hopper's warpgroup MMA (sm_90a) and the ordering around it.
const PtxHelper kWgmmaHelpers[] = {
    {"fence_proxy_async", R"(// Shared memory written through the generic proxy (stores, cp.async) becomes visible to wgmma.
__device__ __forceinline__ void fence_proxy_async() { asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory"); }
)"},
    {"setmaxnreg", R"(// A warpgroup's register budget, moved to `Regs` a thread (warp specialization: the producer
// gives registers up, the consumers take them).
template <int Regs> __device__ __forceinline__ void setmaxnreg_dec() {
  TILEC_SM90A_ONLY(asm volatile("setmaxnreg.dec.sync.aligned.u32 %0;\n" :: "n"(Regs)));
}
template <int Regs> __device__ __forceinline__ void setmaxnreg_inc() {
  TILEC_SM90A_ONLY(asm volatile("setmaxnreg.inc.sync.aligned.u32 %0;\n" :: "n"(Regs)));
}
)"},
    {"wgmma_fence", R"(__device__ __forceinline__ void wgmma_fence() { TILEC_SM90A_ONLY(asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory")); }
)"},
    {"wgmma_commit", R"(__device__ __forceinline__ void wgmma_commit() {
  TILEC_SM90A_ONLY(asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory"));
}
)"},
    {"wgmma_wait", R"(template <int Pending> __device__ __forceinline__ void wgmma_wait() {
  TILEC_SM90A_ONLY(asm volatile("wgmma.wait_group.sync.aligned %0;\n" :: "n"(Pending) : "memory"));
}
// Keeps the compiler from moving an accumulator's use across the asynchronous wgmma.
__device__ __forceinline__ void wgmma_fence_operand(float &r) { asm volatile("" : "+f"(r) :: "memory"); }
)"},
};

// wgmma_m64n<N>k16_<f16|bf16>[_rs][_ta][_tb]: one wgmma.mma_async of the warpgroup, D (64 x N fp32,
// N / 2 registers a thread) += A (64 x 16) * B (16 x N), B read through a shared-memory descriptor,
// A too or, with _rs, from 4 registers a thread (8 elements: wgmma's A fragment); _ta / _tb: A
// M-major / B N-major (imm-trans 1), else K-major (a register A has no imm-trans-a).
std::string wgmmaHelper(const std::string &name) {
  int n = 0;
  char type[8] = {};
  if (std::sscanf(name.c_str(), "wgmma_m64n%dk16_%4[bf16]", &n, type) != 2)
    return "";
  bool rs = name.find("_rs") != std::string::npos, transA = name.find("_ta") != std::string::npos,
       transB = name.find("_tb") != std::string::npos;
  // The accumulators as %0 .. %(n/2 - 1), 16 to a line of the asm string, 8 to a line of operands.
  std::string regs, outs;
  for (int i = 0; i < n / 2; ++i) {
    bool last = i + 1 == n / 2;
    regs += fmt::format("{}%{}{}", i % 16 == 0 ? "               \"" : "", i, last ? "" : ", ");
    if (i % 16 == 15 || last)
      regs += "\"\n";
    outs += fmt::format("{}\"+f\"(d[{}])", i == 0 ? "" : i % 8 == 0 ? ",\n                 " : ", ", i);
  }
  int in = n / 2; // the first input operand
  std::string aOperand = rs ? fmt::format("{{%{}, %{}, %{}, %{}}}", in, in + 1, in + 2, in + 3) : fmt::format("%{}", in);
  int bAt = rs ? in + 4 : in + 1, flagAt = bAt + 1;
  std::string flags = rs ? fmt::format("{}", transB ? 1 : 0) : fmt::format("{}, {}", transA ? 1 : 0, transB ? 1 : 0);
  std::string inputs = R"("l"(a), "l"(b), "r"(1))";
  if (rs) // the macro drops the asm on other targets: a named local for A would be set but unused there
    inputs = R"("r"(static_cast<const unsigned *>(a)[0]), "r"(static_cast<const unsigned *>(a)[1]),
                 "r"(static_cast<const unsigned *>(a)[2]), "r"(static_cast<const unsigned *>(a)[3]), "l"(b), "r"(1))";
  return fmt::format(R"(// D (64 x {0} fp32, {1} registers a thread) += A (64 x 16) * B (16 x {0}) for one warpgroup, {2}.
__device__ __forceinline__ void {3}(float *d, {4}, unsigned long long b) {{
  TILEC_SM90A_ONLY(asm volatile("{{\n.reg .pred p;\nsetp.ne.b32 p, %{5}, 0;\n"
               "wgmma.mma_async.sync.aligned.m64n{0}k16.f32.{6}.{6} {{"
{7}               "}}, {8}, %{9}, p, 1, 1, {10};\n}}\n"
               : {11}
               : {12}));
}}
)",
                     n, n / 2, rs ? "A in registers (wgmma's A fragment), B in shared memory" : "A and B in shared memory",
                     name, rs ? "const void *a" : "unsigned long long a", flagAt, type, regs, aOperand, bAt, flags, outs,
                     inputs);
}

// The wrappers among `used`, in a fixed order; smem_addr first when any of them takes a
// shared-memory address. Empty when none is used.
std::string ptxHelpers(const std::set<std::string> &used) {
  std::string body;
  bool needsSmemAddr = used.count("smem_addr") > 0;
  for (const PtxHelper &h : kPtxHelpers)
    if (used.count(h.name)) {
      body += h.text;
      needsSmemAddr |= std::string(h.text).find("smem_addr(") != std::string::npos;
    }
  bool wgmma = false;
  for (const std::string &name : used)
    wgmma |= (name.rfind("wgmma_", 0) == 0 && name != "wgmma_desc") || name == "setmaxnreg";
  if (wgmma) // nvcc -arch=sm_90a also emits compute_90 PTX, where wgmma does not exist
    body += "// wgmma needs sm_90a's arch-specific features; any other target (nvcc's compute_90 PTX) traps.\n"
            "#if defined(__CUDA_ARCH__) && !defined(__CUDA_ARCH_FEAT_SM90_ALL)\n"
            "#define TILEC_SM90A_ONLY(...) __trap()\n#else\n#define TILEC_SM90A_ONLY(...) __VA_ARGS__\n#endif\n";
  for (const PtxHelper &h : kWgmmaHelpers)
    if (used.count(h.name))
      body += h.text;
  for (const std::string &name : used)
    if (name.rfind("wgmma_m64n", 0) == 0)
      body += wgmmaHelper(name);
  for (const PtxHelper &h : kTmaHelpers)
    if (used.count(h.name))
      body += h.text, needsSmemAddr = true;
  bool tma = false;
  for (const std::string &name : used)
    if (name.rfind("tma_load_", 0) == 0)
      tma = true;
  if (tma)
    body += "// A TMA descriptor as the driver encodes it (CUtensorMap: 128 bytes, 64-byte aligned).\n"
            "struct alignas(64) tilec_tensor_map {\n  unsigned long long opaque[16];\n};\n";
  for (const std::string &name : used)
    if (name.rfind("tma_load_", 0) == 0)
      body += tmaHelper(name), needsSmemAddr = true;
  if (body.empty())
    return body;
  return std::string("// Inline PTX (sm_80+) the kernel below uses, wrapped so it reads as C++.\n") +
         (needsSmemAddr ? kSmemAddr : "") + body;
}

int precedence(const Expr &e) {
  auto *b = e->as<Binary>();
  if (!b) {
    if (e->as<Select>())
      return 0;
    if (e->as<Unary>())
      return 12;
    return 20;
  }
  switch (b->op) {
  case BinaryOp::Mul:
  case BinaryOp::Div:
  case BinaryOp::FloorDiv:
  case BinaryOp::FloorMod: return 10;
  case BinaryOp::Add:
  case BinaryOp::Sub: return 9;
  case BinaryOp::Lt:
  case BinaryOp::Le:
  case BinaryOp::Gt:
  case BinaryOp::Ge: return 7;
  case BinaryOp::Eq:
  case BinaryOp::Ne: return 6;
  case BinaryOp::And: return 3;
  case BinaryOp::Or: return 2;
  default: return 20; // printed as calls
  }
}

class Printer {
public:
  Printer(const Kernel &k, Dialect d) : k_(k), d_(d) {}

  std::string source(const std::string &origin) {
    // The body first: which headers it needs depends on every type it spells, casts included.
    nonNegative_.insert(k_.threadIdx.get());
    for (const Var &v : k_.blockVars)
      nonNegative_.insert(v.get());
    for (const Var &v : k_.sizeVars)
      nonNegative_.insert(v.get());
    std::string sig = signature();
    indent_ = 1;
    declarations();
    stmt(k_.body);
    std::ostringstream os;
    os << "// Generated by tilec from " << origin << " (kernel " << k_.name << ").\n";
    if (d_ == Dialect::Hip)
      os << "#include <hip/hip_runtime.h>\n#include <hip/hip_fp16.h>\n";
    else
      os << "#include <cuda_fp16.h>\n";
    if (usesBf16() && d_ == Dialect::Cuda)
      os << "#include <cuda_bf16.h>\n";
    if (usesFp8()) // fp8 values only convert: every operation on them goes through float
      os << (d_ == Dialect::Cuda ? "#include <cuda_fp8.h>\n" : hipFloat8Types());
    if (usesBf16() && d_ == Dialect::Hip) // ROCm < 6 has only the older hip_bfloat16
      os << "#if __has_include(<hip/hip_bf16.h>)\n#include <hip/hip_bf16.h>\n#else\n"
            "#include <hip/hip_bfloat16.h>\ntypedef hip_bfloat16 __hip_bfloat16;\n#endif\n";
    os << "\n";
    if (usesInfinity_ && d_ == Dialect::Cuda) // NVRTC (run --target cuda) has no <math.h>
      os << "#ifndef INFINITY\n#define INFINITY __int_as_float(0x7f800000)\n#endif\n\n";
    if (usesFloorDivision_)
      os << kFloorDivision << "\n";
    if (usesAtomics_)
      os << atomicHelpersText() << "\n";
    if (helpersUsed_.count("wgmma_desc")) // outside the #ifndef: the host emulation decodes what it encodes
      os << kWgmmaDescriptor << "\n";
    std::string helpers = ptxHelpers(helpersUsed_);
    if (d_ == Dialect::Cuda && !helpers.empty()) // the host emulation has its own
      os << "#ifndef TILEC_CUDA_HOST\n" << helpers << "#endif\n\n";
    if (d_ == Dialect::Hip) // so has the host emulation (hip-host)
      if (std::string mfma = mfmaHelpers(helpersUsed_); !mfma.empty())
        os << "#ifndef TILEC_CUDA_HOST\n" << mfma << "#endif\n\n";
    os << sig << " {\n";
    os << out_.str() << "}\n";
    return os.str();
  }

  std::string expr(const Expr &e) { return print(e, 0); }
  std::string exprAs(const Expr &e, DType t) { return convert(e, t, 0); }

private:
  // Every C type name goes through here, so the printer knows which headers the code needs.
  std::string ty(DType t) {
    bf16Spelled_ |= t == DType::BFloat16;
    fp8Spelled_ |= isFloat8(t);
    return cTypeName(t, d_);
  }
  // Where a variable's or buffer's identifier goes: its symbol, named once the kernel is printed.
  static std::string name(const Var &v) { return target::symbol(v); }
  static std::string name(const Buffer &b) { return target::symbol(b); }

  // A bfloat16 buffer, or a bfloat16 value anywhere in the code (a cast inside an expression
  // into a float tile spells the type without any bfloat16 buffer).
  bool usesBf16() const {
    for (const auto *list : {&k_.params, &k_.shared, &k_.registers})
      for (const Buffer &b : *list)
        if (b->dtype == DType::BFloat16)
          return true;
    return bf16Spelled_;
  }
  bool bf16Spelled_ = false;
  bool usesFp8() const {
    for (const auto *list : {&k_.params, &k_.shared, &k_.registers})
      for (const Buffer &b : *list)
        if (isFloat8(b->dtype))
          return true;
    return fp8Spelled_;
  }
  bool fp8Spelled_ = false;
  // The inline-PTX wrappers the body calls (printed above the kernel, nothing else).
  std::set<std::string> helpersUsed_;
  const std::string &helper(const std::string &n) { return *helpersUsed_.insert(n).first; }

  // Integer `//` and `%` floor (Python, TileLang); C's `/` and `%` truncate toward zero. The two
  // agree when neither operand is negative, which index arithmetic can mostly show: thread and
  // block indices, sizes, loops from a non-negative start and lets of non-negative values are
  // the variables known to be >= 0. Other operands go through tilec_floordiv / tilec_floormod.
  std::set<const ir::VarNode *> nonNegative_;
  bool usesFloorDivision_ = false;
  bool usesInfinity_ = false; // a float literal printed as INFINITY
  bool usesAtomics_ = false;

  bool nonNegative(const Expr &e) const {
    if (e->dtype == DType::UInt32)
      return true;
    switch (e->kind) {
    case ExprKind::IntImm: return e->as<IntImm>()->value >= 0;
    case ExprKind::Var: return nonNegative_.count(e->as<VarNode>()) > 0;
    case ExprKind::Cast: {
      const Expr &v = e->as<Cast>()->value;
      return isInt(e->dtype) && isInt(v->dtype) && dtypeBits(e->dtype) >= dtypeBits(v->dtype) && nonNegative(v);
    }
    case ExprKind::Select: return nonNegative(e->as<Select>()->a) && nonNegative(e->as<Select>()->b);
    case ExprKind::Binary: {
      auto *b = e->as<Binary>();
      switch (b->op) {
      case BinaryOp::Add:
      case BinaryOp::Mul:
      case BinaryOp::FloorDiv:
      case BinaryOp::Min: return nonNegative(b->a) && nonNegative(b->b);
      case BinaryOp::Max: return nonNegative(b->a) || nonNegative(b->b);
      case BinaryOp::FloorMod: return nonNegative(b->b); // floor: the divisor's sign
      default: return false;
      }
    }
    default: return false;
    }
  }

  std::string signature() {
    std::vector<std::string> params;
    for (size_t i = 0; i < k_.params.size(); ++i) {
      const Buffer &p = k_.params[i];
      bool written = i < k_.paramWritten.size() && k_.paramWritten[i];
      params.push_back(fmt::format("{}{} *__restrict__ {}", written ? "" : "const ", ty(p->dtype), name(p)));
    }
    for (const Var &v : k_.sizeVars)
      params.push_back("int " + name(v));
    for (const TensorMap &m : k_.tensorMaps) // TMA descriptors, in kernel parameter space
      params.push_back("const __grid_constant__ tilec_tensor_map " + name(m.param));
    std::string joined;
    for (size_t i = 0; i < params.size(); ++i)
      joined += (i ? ",\n    " : "") + params[i];
    return fmt::format("extern \"C\" __global__ void __launch_bounds__({}) {}(\n    {})", k_.threads,
                       k_.name, joined);
  }

  std::string dims(const Buffer &b) {
    std::string s;
    for (int64_t d : staticShape(b))
      s += fmt::format("[{}]", d);
    return s;
  }

  void declarations() {
    bool dynamic = k_.sharedBytes() > kStaticSharedLimit;
    bool carved = dynamic || k_.sharedAliased(); // aliased tiles are views of one byte array
    int align = k_.wgmmaTiles.empty() ? 16 : 1024; // wgmma tiles: the swizzle's period
    if (dynamic)
      line(fmt::format("extern __shared__ __align__({}) unsigned char smem[];", align));
    else if (carved)
      line(fmt::format("__shared__ __align__({}) unsigned char smem[{}];", align, k_.sharedBytes()));
    std::vector<int64_t> offsets = k_.sharedOffsets();
    for (size_t i = 0; i < k_.shared.size(); ++i) {
      const Buffer &b = k_.shared[i];
      if (carved)
        line(fmt::format("{} (&{}){} = *reinterpret_cast<{} (*){}>(smem + {});", ty(b->dtype), name(b),
                         dims(b), ty(b->dtype), dims(b), offsets[i]));
      else
        line(fmt::format("__shared__ __align__({}) {} {}{};", k_.sharedAlignment(b), ty(b->dtype), name(b), dims(b)));
    }
    for (const Buffer &b : k_.registers) {
      if (b->rank() == 0) {
        line(fmt::format("{} {};", ty(b->dtype), name(b)));
        continue;
      }
      // read as 32-bit registers by ldmatrix / mma, or moved by 16-byte vector accesses
      bool packed = dtypeBytes(b->dtype) == 2 || k_.vectorRegisters.count(b.get());
      line(fmt::format("{}{} {}{};", packed ? "alignas(16) " : "", ty(b->dtype), name(b), dims(b)));
    }
    // Only the indices the body reads: an unused `const int bx` is a warning, an error under -Werror.
    std::set<const ir::VarNode *> used = varsUsedInBody();
    static const char *axes[] = {"x", "y", "z"};
    if (used.count(k_.threadIdx.get()))
      line(fmt::format("const int {} = threadIdx.x;", name(k_.threadIdx)));
    for (size_t i = 0; i < k_.blockVars.size(); ++i)
      if (used.count(k_.blockVars[i].get()))
        line(fmt::format("const int {} = blockIdx.{};", name(k_.blockVars[i]), axes[i]));
  }

  std::set<const ir::VarNode *> varsUsedInBody() const {
    struct Collect : ir::IRVisitor {
      std::set<const ir::VarNode *> vars;
      void visitVar(const VarNode &v) override { vars.insert(&v); }
    } c;
    forEachExpr(k_.body, [&](const Expr &e) { c.visit(e); });
    return c.vars;
  }

  // ---- statements

  void line(const std::string &s) { out_ << std::string(indent_ * 2, ' ') << s << "\n"; }

  static bool startsWithLet(const SStmt &s) {
    if (!s)
      return false;
    if (auto *q = s->as<SSeq>())
      for (const SStmt &c : q->stmts)
        if (c->as<SLet>())
          return true;
    return s->as<SLet>() != nullptr;
  }

  std::string ref(const Buffer &b, const std::vector<Expr> &idx) {
    if (b->scope == Scope::Global) {
      Expr flat = idx.empty() ? sx::i32(0) : idx[0];
      for (size_t d = 1; d < idx.size(); ++d)
        flat = sx::plus(sx::times(flat, b->shape[d]), idx[d]);
      return fmt::format("{}[{}]", name(b), expr(flat));
    }
    std::string s = name(b);
    for (const Expr &i : idx)
      s += "[" + expr(i) + "]";
    return s;
  }

  void block(const SStmt &s) {
    ++indent_;
    stmt(s);
    --indent_;
  }

  void stmt(const SStmt &s) {
    if (!s)
      return;
    switch (s->kind) {
    case SKind::Seq:
      for (const SStmt &c : s->as<SSeq>()->stmts)
        stmt(c);
      break;
    case SKind::For: forLoop(*s->as<SFor>()); break;
    case SKind::Let: {
      auto *n = s->as<SLet>();
      if (isInt(n->value->dtype) && nonNegative(n->value))
        nonNegative_.insert(n->var.get());
      line(fmt::format("const {} {} = {};", ty(n->value->dtype), name(n->var), expr(n->value)));
      stmt(n->body);
      break;
    }
    case SKind::While: {
      auto *n = s->as<SWhile>();
      line("while (" + expr(n->cond) + ") {");
      block(n->body);
      line("}");
      break;
    }
    case SKind::If: {
      auto *n = s->as<SIf>();
      line("if (" + expr(n->cond) + ") {" + (n->roles ? " // the producer warpgroup" : ""));
      if (n->roles && n->roles->producerRegs)
        line(fmt::format("  {}_dec<{}>();", helper("setmaxnreg"), n->roles->producerRegs));
      block(n->thenBody);
      if (n->elseBody) {
        line(std::string("} else {") + (n->roles ? " // the consumer warpgroups" : ""));
        if (n->roles && n->roles->consumerRegs)
          line(fmt::format("  {}_inc<{}>();", helper("setmaxnreg"), n->roles->consumerRegs));
        block(n->elseBody);
      }
      line("}");
      break;
    }
    case SKind::Store: store(*s->as<SStore>()); break;
    case SKind::Barrier: {
      auto *n = s->as<SBarrier>();
      line(n->id == 0 ? "__syncthreads();"
                      : fmt::format("{}({}, {});", helper("named_barrier_sync"), n->id, n->threads));
      break;
    }
    case SKind::VecCopy: {
      auto *n = s->as<SVecCopy>();
      int bytes = n->lanes * dtypeBytes(n->dst->dtype);
      const char *word = bytes == 16 ? "uint4" : bytes == 8 ? "uint2" : "unsigned";
      line(fmt::format("*reinterpret_cast<{} *>(&{}) = *reinterpret_cast<const {} *>(&{});", word,
                       ref(n->dst, n->dstIdx), word, ref(n->src, n->srcIdx)));
      break;
    }
    case SKind::CpAsync: {
      auto *n = s->as<SCpAsync>();
      line(fmt::format("{}(&{}, &{}, {});", helper("cp_async_16"), ref(n->dst, n->dstIdx), ref(n->src, n->srcIdx),
                       n->inBounds ? expr(n->inBounds) : "true"));
      break;
    }
    case SKind::CpAsyncCommit: line(helper("cp_async_commit") + "();"); break;
    case SKind::CpAsyncWait:
      line(fmt::format("{}<{}>();", helper("cp_async_wait"), s->as<SCpAsyncWait>()->pending));
      break;
    case SKind::LdMatrix: {
      auto *n = s->as<SLdMatrix>();
      line(fmt::format("{}(&{}[{}], &{});", helper(fmt::format("ldmatrix_x{}{}", n->num, n->trans ? "_trans" : "")),
                       name(n->dst),
                       expr(n->dstOffset), ref(n->src, n->srcIdx)));
      break;
    }
    case SKind::Mma: {
      auto *n = s->as<SMma>();
      line(fmt::format("{}(&{}[{}], &{}[{}], &{}[{}]);",
                       helper(n->a->dtype == DType::BFloat16 ? "mma_m16n8k16_bf16" : "mma_m16n8k16_f16"), name(n->c), expr(n->cOffset),
                       name(n->a), expr(n->aOffset), name(n->b), expr(n->bOffset)));
      break;
    }
    case SKind::Wgmma: {
      auto *n = s->as<SWgmma>();
      auto desc = [&](const Buffer &b, const std::vector<Expr> &idx, const WgmmaOperandLayout &l) {
        return fmt::format("{}({}(&{}), {}, {}, {})", helper("wgmma_desc"), helper("smem_addr"), ref(b, idx),
                           l.leadingBytes, l.strideBytes, l.swizzleMode);
      };
      std::string fn = fmt::format("wgmma_m64n{}k16_{}{}{}{}", n->n, n->a->dtype == DType::BFloat16 ? "bf16" : "f16",
                                   n->registerA() ? "_rs" : "", n->aLayout.mnMajor ? "_ta" : "",
                                   n->bLayout.mnMajor ? "_tb" : "");
      line(fmt::format("{}(&{}[{}],", helper(fn), name(n->c), expr(n->cOffset)));
      if (n->registerA())
        line(fmt::format("    &{}[{}],", name(n->a), expr(n->aIdx.at(0))));
      else
        line(fmt::format("    {},", desc(n->a, n->aIdx, n->aLayout)));
      line(fmt::format("    {});", desc(n->b, n->bIdx, n->bLayout)));
      break;
    }
    case SKind::WgmmaSync: {
      auto *n = s->as<SWgmmaSync>();
      switch (n->what) {
      case SWgmmaSync::What::ProxyFence: line(helper("fence_proxy_async") + "();"); break;
      case SWgmmaSync::What::Fence: line(helper("wgmma_fence") + "();"); break;
      case SWgmmaSync::What::Commit: line(helper("wgmma_commit") + "();"); break;
      case SWgmmaSync::What::Wait:
        line(fmt::format("{}<{}>();", helper("wgmma_wait"), n->pending));
        if (n->acc)
          line(fmt::format("for (int r = 0; r < {}; ++r) wgmma_fence_operand({}[r]);", staticShape(n->acc)[0],
                           name(n->acc)));
        break;
      }
      break;
    }
    case SKind::Tma: {
      auto *n = s->as<STma>();
      std::string coords;
      for (size_t d = n->coords.size(); d-- > 0;) // innermost first
        coords += ", " + exprAs(n->coords[d], DType::Int32);
      line(fmt::format("{}(&{}, {}, &{}[{}]{});", helper(fmt::format("tma_load_{}d", n->coords.size())),
                       ref(n->dst, n->dstIdx), name(k_.tensorMaps[n->map].param), name(n->bar), expr(n->barIdx),
                       coords));
      break;
    }
    case SKind::Mbarrier: {
      auto *n = s->as<SMbarrier>();
      std::string at = n->bar ? fmt::format("&{}[{}]", name(n->bar), expr(n->idx)) : "";
      switch (n->what) {
      case SMbarrier::What::Init:
        line(fmt::format("{}({}, {});", helper("mbarrier_init"), at, n->bytes ? n->bytes : 1));
        break;
      case SMbarrier::What::Arrive: line(fmt::format("{}({});", helper("mbarrier_arrive"), at)); break;
      case SMbarrier::What::InitFence: line(helper("fence_mbarrier_init") + "();"); break;
      case SMbarrier::What::ArriveExpectTx:
        line(fmt::format("{}({}, {});", helper("mbarrier_arrive_expect_tx"), at, n->bytes));
        break;
      case SMbarrier::What::Wait: line(fmt::format("{}({}, {});", helper("mbarrier_wait"), at, expr(n->parity))); break;
      case SMbarrier::What::Inval: line(fmt::format("{}({});", helper("mbarrier_inval"), at)); break;
      }
      break;
    }
    case SKind::Mfma: {
      auto *n = s->as<SMfma>();
      line(fmt::format("{}(&{}[{}], &{}[{}], &{}[{}]);",
                       helper(n->a->dtype == DType::BFloat16 ? "mfma_16x16x16_bf16" : "mfma_16x16x16_f16"), name(n->c),
                       expr(n->cOffset), name(n->a), expr(n->aOffset), name(n->b), expr(n->bOffset)));
      break;
    }
    case SKind::Op: {
      auto *n = s->as<SOp>();
      line("// " + n->what);
      if (startsWithLet(n->body)) {
        line("{");
        block(n->body);
        line("}");
      } else {
        stmt(n->body);
      }
      break;
    }
    }
  }

  void forLoop(const SFor &f) {
    if (f.unroll.kind == Unroll::Full)
      line("#pragma unroll");
    else if (f.unroll.kind == Unroll::None)
      line("#pragma unroll 1");
    std::string v = name(f.var);
    if (nonNegative(f.min))
      nonNegative_.insert(f.var.get());
    Expr end = sx::plus(f.min, f.extent);
    line(fmt::format("for (int {} = {}; {} < {}; ++{}) {{", v, expr(f.min), v, expr(end), v));
    block(f.body);
    line("}");
  }

  void store(const SStore &s) {
    std::string target = ref(s.buffer, s.indices);
    if (s.atomic != AtomicOp::None) { // tilec_<op>(&element, value), AtomicHelpers.cpp
      usesAtomics_ = true;
      line(fmt::format("tilec_{}(&{}, static_cast<{}>({}));", atomicOpName(s.atomic), target, ty(s.buffer->dtype),
                       convert(s.value, s.buffer->dtype, 0)));
      return;
    }
    // `x = x + y` prints as `x += y` (the seed's accumulation style).
    if (auto *b = s.value->as<Binary>(); b && (b->op == BinaryOp::Add || b->op == BinaryOp::Sub) &&
                                         b->dtype == s.buffer->dtype) {
      if (auto *l = b->a->as<Load>(); l && l->buffer == s.buffer && l->dtype == b->dtype &&
                                      ref(l->buffer, l->indices) == target) {
        line(fmt::format("{} {}= {};", target, b->op == BinaryOp::Add ? "+" : "-", convert(b->b, b->dtype, 9)));
        return;
      }
    }
    line(fmt::format("{} = {};", target, convert(s.value, s.buffer->dtype, 0)));
  }

  // ---- expressions

  std::string literal(double v, DType t) {
    if (!isFloat(t)) {
      if (t == DType::Bool)
        return v != 0 ? "true" : "false";
      return fmt::format("{}{}", static_cast<int64_t>(v), t == DType::Int64 ? "LL" : "");
    }
    std::string f;
    if (std::isinf(v))
      f = v > 0 ? "INFINITY" : "-INFINITY", usesInfinity_ = true;
    else {
      f = fmt::format("{}", static_cast<float>(v));
      if (f.find_first_of(".e") == std::string::npos)
        f += ".0";
      f += "f";
    }
    return t == DType::Float32 ? f : fmt::format("{}({})", ty(t), f);
  }

  // `e` as a value of dtype t, parenthesised if its precedence is below `minPrec`.
  std::string convert(const Expr &e, DType t, int minPrec) {
    if (e->dtype == t)
      return print(e, minPrec);
    if (auto *i = e->as<IntImm>())
      return literal(double(i->value), t);
    if (auto *f = e->as<FloatImm>())
      return literal(f->value, t);
    bool narrowFloat = t == DType::Float16 || t == DType::BFloat16;
    if (narrowFloat && !isFloat(e->dtype)) // ints reach half through float
      return fmt::format("{}(float({}))", ty(t), print(e, 0));
    // fp8 types convert to and from float only (the 8-bit value is exact in float)
    if (isFloat8(t) && e->dtype != DType::Float32)
      return fmt::format("{}(float({}))", ty(t), print(e, 0));
    if (isFloat8(e->dtype) && t != DType::Float32) {
      std::string type = ty(t);
      if (type.find(' ') != std::string::npos)
        return paren(fmt::format("({})(float({}))", type, print(e, 0)), 12, minPrec);
      return fmt::format("{}(float({}))", type, print(e, 0));
    }
    std::string type = ty(t);
    if (type.find(' ') != std::string::npos) // `signed char(x)` is not C++: a functional cast needs one word
      return paren(fmt::format("({})({})", type, print(e, 0)), 12, minPrec);
    return fmt::format("{}({})", type, print(e, 0));
  }

  std::string paren(const std::string &s, int prec, int minPrec) { return prec < minPrec ? "(" + s + ")" : s; }

  std::string print(const Expr &e, int minPrec) {
    switch (e->kind) {
    case ExprKind::IntImm: return literal(double(e->as<IntImm>()->value), e->dtype);
    case ExprKind::FloatImm: return literal(e->as<FloatImm>()->value, e->dtype);
    case ExprKind::Var: return target::symbol(*e->as<VarNode>());
    case ExprKind::Load: return ref(e->as<Load>()->buffer, e->as<Load>()->indices);
    case ExprKind::Cast: return convert(e->as<Cast>()->value, e->dtype, minPrec);
    case ExprKind::Select: {
      auto *s = e->as<Select>();
      return paren(fmt::format("{} ? {} : {}", print(s->cond, 1), convert(s->a, e->dtype, 1),
                               convert(s->b, e->dtype, 1)),
                   0, minPrec);
    }
    case ExprKind::Unary: {
      auto *u = e->as<Unary>();
      if (u->op != UnaryOp::Not && isFloat8(e->dtype))
        return fmt::format("{}({})", ty(e->dtype), negated(u->a, DType::Float32));
      if (u->op != UnaryOp::Not)
        return paren(negated(u->a, e->dtype), 12, minPrec);
      return paren("!" + convert(u->a, DType::Bool, 12), 12, minPrec);
    }
    case ExprKind::Binary: return binary(*e->as<Binary>(), e, minPrec);
    case ExprKind::Call: return call(*e->as<Call>());
    }
    return "?";
  }

  std::string binary(const Binary &b, const Expr &e, int minPrec) {
    // fp8 has no arithmetic of its own: compute in float, round once (what the interpreters do)
    if (isFloat8(b.dtype) && !isComparison(b.op) && b.op != BinaryOp::And && b.op != BinaryOp::Or) {
      auto wide = std::make_shared<Binary>(b.op, b.a, b.b, DType::Float32, b.loc);
      return fmt::format("{}({})", ty(b.dtype), binary(*wide, wide, 0));
    }
    int prec = precedence(e);
    DType t = b.dtype;
    if (isComparison(b.op))
      t = promote(b.a->dtype, b.b->dtype);
    if (isFloat8(t))
      t = DType::Float32;
    if (b.op == BinaryOp::And || b.op == BinaryOp::Or)
      t = DType::Bool;
    bool narrow = t == DType::Float16 || t == DType::BFloat16;
    switch (b.op) {
    case BinaryOp::Min:
    case BinaryOp::Max: {
      const char *fn = b.op == BinaryOp::Min ? "min" : "max";
      if (!isFloat(t))
        return fmt::format("{}({}, {})", fn, convert(b.a, t, 0), convert(b.b, t, 0));
      std::string f = fmt::format("f{}f({}, {})", fn, convert(b.a, DType::Float32, 0), convert(b.b, DType::Float32, 0));
      return narrow ? fmt::format("{}({})", ty(t), f) : f;
    }
    case BinaryOp::Pow: {
      std::string f = fmt::format("powf({}, {})", convert(b.a, DType::Float32, 0), convert(b.b, DType::Float32, 0));
      return t == DType::Float32 ? f : fmt::format("{}({})", ty(t), f);
    }
    case BinaryOp::FloorDiv:
    case BinaryOp::FloorMod:
      if (isFloat(t)) {
        std::string a = convert(b.a, DType::Float32, 0), c = convert(b.b, DType::Float32, 0);
        std::string f = b.op == BinaryOp::FloorDiv ? fmt::format("floorf({} / {})", a, c)
                                                   : fmt::format("({} - floorf({} / {}) * {})", a, a, c, c);
        return t == DType::Float32 ? f : fmt::format("{}({})", ty(t), f);
      }
      if (!nonNegative(b.a) || !nonNegative(b.b)) {
        usesFloorDivision_ = true;
        return fmt::format("tilec_floor{}<{}>({}, {})", b.op == BinaryOp::FloorDiv ? "div" : "mod", ty(t),
                           convert(b.a, t, 0), convert(b.b, t, 0));
      }
      break;
    default: break;
    }
    static const std::map<BinaryOp, const char *> ops = {
        {BinaryOp::Add, "+"}, {BinaryOp::Sub, "-"},  {BinaryOp::Mul, "*"},  {BinaryOp::Div, "/"},
        {BinaryOp::FloorDiv, "/"}, {BinaryOp::FloorMod, "%"}, {BinaryOp::Lt, "<"}, {BinaryOp::Le, "<="},
        {BinaryOp::Gt, ">"},  {BinaryOp::Ge, ">="}, {BinaryOp::Eq, "=="}, {BinaryOp::Ne, "!="},
        {BinaryOp::And, "&&"}, {BinaryOp::Or, "||"}};
    // Left-associative: the right operand needs parentheses at equal precedence, except for
    // integer + and * (associative, so `a + (b + c)` prints as `a + b + c`).
    auto *rhs = b.b->as<Binary>();
    bool assoc = !isFloat(t) && (b.op == BinaryOp::Add || b.op == BinaryOp::Mul) && rhs && rhs->op == b.op;
    std::string s = fmt::format("{} {} {}", convert(b.a, t, prec), ops.at(b.op),
                                convert(b.b, t, assoc ? prec : prec + 1));
    return paren(s, prec, minPrec);
  }

  // `-x` with x printed at unary precedence (`-(a + b)`, not `-a + b`); a negative literal is
  // parenthesised, as `--1.5f` would be C's decrement.
  std::string negated(const Expr &x, DType t) {
    std::string a = convert(x, t, 12);
    return "-" + (!a.empty() && a[0] == '-' ? "(" + a + ")" : a);
  }

  // The intrinsic's CUDA pattern with each '%' replaced by the next argument, in float. A minus
  // before a negative argument gets parentheses (`-(-x)`, never `--x`).
  std::string cudaSpelling(const ir::Intrinsic &in, const std::vector<Expr> &args) {
    std::string out;
    size_t next = 0;
    for (char ch : in.cuda) {
      if (ch != '%') {
        out += ch;
        continue;
      }
      std::string a = convert(args.at(next++), DType::Float32, in.cudaArgPrecedence);
      bool afterMinus = !out.empty() && out.back() == '-';
      out += afterMinus && !a.empty() && a[0] == '-' ? "(" + a + ")" : a;
    }
    return out;
  }

  std::string call(const Call &c) {
    if (c.name == "shfl_xor") {
      std::string v = print(c.args[0], 0), m = print(c.args[1], 0);
      return d_ == Dialect::Cuda ? fmt::format("__shfl_xor_sync(0xffffffffu, {}, {})", v, m)
                                 : fmt::format("__shfl_xor({}, {})", v, m);
    }
    if (c.name == "bitwise_xor")
      return fmt::format("(({}) ^ ({}))", print(c.args[0], 0), print(c.args[1], 0));
    if (c.name == "ceildiv")
      return fmt::format("(({}) + ({}) - 1) / ({})", print(c.args[0], 0), print(c.args[1], 0), print(c.args[1], 0));
    if (!isFloat(c.dtype) && c.name == "abs")
      return fmt::format("abs({})", print(c.args[0], 0));
    const ir::Intrinsic *in = ir::findIntrinsic(c.name);
    if (!in || in->cuda.empty() || static_cast<int>(c.args.size()) != in->arity)
      fail(c.loc, "the GPU backend does not know the function '" + c.name + "'");
    std::string f = cudaSpelling(*in, c.args);
    return c.dtype == DType::Float32 ? f : fmt::format("{}({})", ty(c.dtype), f);
  }

  static constexpr int64_t kStaticSharedLimit = 48 * 1024;
  const Kernel &k_;
  Dialect d_;
  int indent_ = 0;
  std::ostringstream out_;
};

} // namespace

GeneratedSource printKernel(const Kernel &k, Dialect dialect, const std::string &origin) {
  GeneratedSource g;
  Printer p(k, dialect);
  g.source = p.source(origin);
  nlohmann::ordered_json j;
  j["kernel"] = k.name;
  j["source"] = dialect == Dialect::Cuda ? "kernel.cu" : "kernel.hip";
  nlohmann::ordered_json grid = nlohmann::ordered_json::array();
  for (const Expr &e : k.grid)
    grid.push_back(Printer(k, dialect).expr(e));
  while (grid.size() < 3)
    grid.push_back("1");
  j["grid"] = grid;
  j["block"] = {k.threads, 1, 1};
  int64_t shared = k.sharedBytes();
  j["static_shared_bytes"] = shared > 48 * 1024 ? 0 : shared;
  j["dynamic_shared_bytes"] = shared > 48 * 1024 ? shared : 0;
  nlohmann::ordered_json params = nlohmann::ordered_json::array();
  for (size_t i = 0; i < k.params.size(); ++i) {
    nlohmann::ordered_json p;
    p["name"] = k.params[i]->name;
    p["dtype"] = dtypeName(k.params[i]->dtype);
    nlohmann::ordered_json shape = nlohmann::ordered_json::array();
    for (const Expr &e : k.params[i]->shape)
      shape.push_back(printExpr(e));
    p["shape"] = shape;
    p["written"] = i < k.paramWritten.size() && k.paramWritten[i];
    params.push_back(p);
  }
  j["params"] = params;
  nlohmann::ordered_json sizes = nlohmann::ordered_json::array();
  for (const Var &v : k.sizeVars)
    sizes.push_back(v->name);
  j["size_params"] = sizes;
  j["tensor_cores"] = k.usesTensorCores;
  j["cp_async"] = k.usesCpAsync;
  if (!k.tensorMaps.empty()) { // kernel parameters after the sizes, in this order
    nlohmann::ordered_json maps = nlohmann::ordered_json::array();
    for (const TensorMap &m : k.tensorMaps) {
      nlohmann::ordered_json t;
      t["param"] = target::symbol(m.param);
      size_t tensor = 0;
      while (k.params[tensor].get() != m.tensor.get())
        ++tensor;
      t["tensor"] = tensor; // index into params
      t["dtype"] = dtypeName(m.tensor->dtype);
      // outermost dimension first, like `shape` (cuTensorMapEncodeTiled takes them innermost first)
      nlohmann::ordered_json dims = nlohmann::ordered_json::array(), strides = nlohmann::ordered_json::array();
      Expr stride = sx::i32(dtypeBytes(m.tensor->dtype));
      std::vector<std::string> st;
      for (size_t d = m.tensor->rank(); d-- > 0;) {
        st.insert(st.begin(), printExpr(stride));
        stride = sx::times(stride, m.tensor->shape[d]);
      }
      for (size_t d = 0; d < m.tensor->rank(); ++d)
        dims.push_back(printExpr(m.tensor->shape[d])), strides.push_back(st[d]);
      t["dims"] = dims;
      t["strides_bytes"] = strides;
      t["box"] = m.box;
      t["swizzle"] = m.swizzleBytes;
      maps.push_back(t);
    }
    j["tensor_maps"] = maps;
  }
  g.launchJson = j.dump(2) + "\n";
  // One name per variable and buffer, the same in the source and the launch grid.
  target::resolveSymbols({{&g.source, true}, {&g.launchJson, false}}, reservedNames(dialect));
  return g;
}

} // namespace tilec::gpu
