// The meta-level evaluator: factories, closures, selection flags, and the Tile IR it builds.
#include "frontend/Frontend.h"
#include "ir/Printer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

// Substring checks with the whole text in the failure message.
#define EXPECT_CONTAINS(text, part)                                                                \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "missing: " << (part) << "\nin:\n" \
                                                             << (text)
#define EXPECT_NOT_CONTAINS(text, part)                                                            \
  EXPECT_EQ(std::string(text).find(part), std::string::npos) << "unexpected: " << (part)          \
                                                             << "\nin:\n" << (text)

namespace {

struct Request {
  std::string call;
  std::string kernel;
  std::map<std::string, int64_t> defines;
};

// The kernel's printed IR (as written), or "LINE:COL: message" when building fails.
std::string build(const std::string &source, const Request &request = {}) {
  tilec::SourceManager sm;
  const tilec::SourceFile &file = sm.addBuffer("k.py", source);
  try {
    tilec::frontend::KernelRequest req{request.call, request.kernel, request.defines};
    return tilec::ir::printFunc(*tilec::frontend::buildKernel(file, req, sm));
  } catch (const tilec::CompileError &e) {
    std::string where = e.loc().file && e.loc().file->path() == "--call" ? "call:" : "";
    return where + std::to_string(e.loc().line) + ":" + std::to_string(e.loc().col) + ": " +
           e.message();
  }
}

const char *kSeedAdd = R"(import tilelang.language as T

@T.prim_func
def add(A: T.Buffer[(M, N), "float16"], B: T.Buffer[(M, N), "float16"], C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]
)";

const char *kFactory = R"(import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M=64, block_N=64, block_K=32, dtype="float16", accum_dtype="float"):
    @T.prim_func
    def kernel(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for ko in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, ko * block_K], A_shared)
                T.copy(B[ko * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])
    return kernel
)";

TEST(Evaluator, SeedStyleFreeSizesStaySymbolic) {
  std::string ir = build(kSeedAdd);
  EXPECT_CONTAINS(ir, "kernel add(A: float16[M, N], B: float16[M, N], C: float16[M, N])");
  EXPECT_CONTAINS(ir, ("sizes M, N"));
  EXPECT_CONTAINS(ir, ("grid bx < (M + 31) // 32, by < (N + 31) // 32"));
  EXPECT_CONTAINS(ir, ("for i in parallel(32):"));
  EXPECT_CONTAINS(ir, ("C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] + "
                            "B[by * 32 + i, bx * 32 + j]"));
}

TEST(Evaluator, DefinesBindFreeNames) {
  std::string ir = build(kSeedAdd, {"", "", {{"M", 64}, {"N", 96}}});
  EXPECT_CONTAINS(ir, ("A: float16[64, 96]"));
  EXPECT_CONTAINS(ir, ("grid bx < 2, by < 3"));
  EXPECT_NOT_CONTAINS(ir, "sizes");
  // Only one of them bound: the other stays symbolic.
  EXPECT_CONTAINS(build(kSeedAdd, {"", "", {{"M", 64}}}), "A: float16[64, N]");
}

TEST(Evaluator, FactoryCallSpecialises) {
  std::string ir = build(kFactory, {"matmul(256, 128, 512, block_K=64)", "", {}});
  EXPECT_CONTAINS(ir, ("kernel kernel(A: float16[256, 512], B: float16[512, 128], "
                            "C: float16[256, 128])"));
  EXPECT_CONTAINS(ir, ("@jit(out_idx=[-1])"));
  EXPECT_CONTAINS(ir, ("grid bx < 2, by < 4; threads 128"));
  EXPECT_CONTAINS(ir, ("alloc A_shared: shared float16[64, 64]"));
  EXPECT_CONTAINS(ir, ("alloc C_local: fragment float32[64, 64]"));
  EXPECT_CONTAINS(ir, ("for ko in pipelined(8, stages=3):"));
  EXPECT_CONTAINS(ir, ("gemm("));
}

TEST(Evaluator, FactoryArityErrorsUsePythonWording) {
  EXPECT_EQ(build(kFactory, {"matmul(256, 128)", "", {}}),
            "call:1:1: matmul() missing 1 required positional argument: 'K'");
  EXPECT_EQ(build(kFactory, {"matmul(1)", "", {}}),
            "call:1:1: matmul() missing 2 required positional arguments: 'N' and 'K'");
  EXPECT_EQ(build(kFactory, {"matmul(1, 2, 3, 4, 5, 6, 7, 8, 9)", "", {}}),
            "call:1:1: matmul() takes from 3 to 8 positional arguments but 9 were given");
  EXPECT_EQ(build(kFactory, {"matmul(1, 2, 3, blockk=4)", "", {}}),
            "call:1:1: matmul() got an unexpected keyword argument 'blockk'");
  EXPECT_EQ(build(kFactory, {"matmul(1, 2, 3, M=4)", "", {}}),
            "call:1:1: matmul() got multiple values for argument 'M'");
  EXPECT_EQ(build(kFactory, {"matmul(64, 64, 64)(1)", "", {}}),
            "call:1:1: 'kernel' is a kernel; tilec compiles it rather than calling it (select it "
            "with --kernel kernel)");
  EXPECT_EQ(build(kFactory, {"matmul(64, 64, 64", "", {}}), "call:1:7: '(' was never closed");
  EXPECT_EQ(build(kFactory, {"nosuch(1)", "", {}}), "call:1:1: undefined name 'nosuch'");
  EXPECT_EQ(build(kFactory, {"42", "", {}}),
            "call:1:1: --call must evaluate to a kernel (a @T.prim_func), but it gave int");
}

TEST(Evaluator, DefaultSelection) {
  // The only top-level kernel.
  EXPECT_CONTAINS(build(kSeedAdd), ("kernel add("));
  // A factory needing arguments: say how to call it.
  EXPECT_EQ(build(kFactory), "0:0: no kernel to compile without arguments; call a factory with "
                             "--call, e.g. --call \"matmul(M, N, K, block_M, block_N, block_K, "
                             "dtype, accum_dtype)\" (factories: matmul(M, N, K, block_M, block_N, "
                             "block_K, dtype, accum_dtype))");
  // A factory whose parameters all have defaults is called with none.
  std::string defaulted = kFactory;
  defaulted.replace(defaulted.find("def matmul(M, N, K,"), 19, "def matmul(M=64, N=64, K=64,");
  EXPECT_CONTAINS(build(defaulted), ("A: float16[64, 64]"));
  // Two kernels: ask which.
  std::string two = std::string(kSeedAdd) + "\n" +
                    std::regex_replace(std::string(kSeedAdd), std::regex("def add"), "def add2");
  EXPECT_EQ(build(two), "0:0: this file has several kernels (add, add2); choose one with "
                        "--kernel NAME");
  EXPECT_CONTAINS(build(two, {"", "add2", {}}), ("kernel add2("));
  EXPECT_EQ(build("x = 1\n"), "0:0: no kernel in this file: expected a top-level @T.prim_func or "
                              "a factory function returning one");
}

TEST(Evaluator, KernelFlagErrors) {
  EXPECT_EQ(build(kSeedAdd, {"", "sub", {}}),
            "0:0: no top-level @T.prim_func named 'sub' (kernels in this file: add)");
  EXPECT_EQ(build(kFactory, {"", "matmul", {}}),
            "5:1: 'matmul' is not a @T.prim_func kernel (this file has no top-level "
            "@T.prim_func; call a factory with --call)");
}

TEST(Evaluator, ClosuresDtypesAndMetaComputation) {
  const char *src = R"(import tilelang.language as T
BLOCK = 32
def make(n, dtype=T.bfloat16, scale=2):
    tiles = [n // BLOCK for _ in range(1)][0]
    rows, cols = n, n
    acc = "float32" if dtype == "bfloat16" else "float16"
    @T.prim_func
    def k(X: T.Tensor((rows, cols), dtype), Y: T.Tensor((rows, cols), acc)):
        with T.Kernel(tiles, tiles) as (bx, by):
            for i, j in T.Parallel(BLOCK, BLOCK):
                Y[by * BLOCK + i, bx * BLOCK + j] = X[by * BLOCK + i, bx * BLOCK + j] * scale
    return k
)";
  std::string ir = build(src, {"make(128, scale=3)", "", {}});
  EXPECT_CONTAINS(ir, ("k(X: bfloat16[128, 128], Y: float32[128, 128])"));
  EXPECT_CONTAINS(ir, ("grid bx < 4, by < 4"));
  EXPECT_CONTAINS(ir, ("X[by * 32 + i, bx * 32 + j] * 3"));
}

TEST(Evaluator, MacrosAndHelpersAreInlined) {
  const char *src = R"(import tilelang.language as T
def make(n):
    @T.macro
    def scale_row(buf, row, factor):
        for j in T.Parallel(n):
            buf[row, j] = buf[row, j] * factor
    def twice(x):
        return x + x
    @T.prim_func
    def k(A: T.Tensor((n, n), "float32")):
        with T.Kernel(1) as bx:
            for r in T.serial(n):
                scale_row(A, r, twice(1.5))
    return k
)";
  std::string ir = build(src, {"make(8)", "", {}});
  EXPECT_CONTAINS(ir, ("for r in serial(8):"));
  EXPECT_CONTAINS(ir, ("for j in parallel(8):"));
  EXPECT_CONTAINS(ir, ("A[r, j] = A[r, j] * 3.0"));
}

TEST(Evaluator, CompileTimeAndRunTimeConditions) {
  const char *src = R"(import tilelang.language as T
def make(causal):
    @T.prim_func
    def k(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1) as bx:
            for i, j in T.Parallel(32, 32):
                if causal:
                    if i < j:
                        A[i, j] = 0.0
                    else:
                        A[i, j] = 1.0
                else:
                    A[i, j] = T.if_then_else(i == j, 1.0, 0.0)
    return k
)";
  std::string causal = build(src, {"make(True)", "", {}});
  EXPECT_CONTAINS(causal, ("if i < j:"));
  EXPECT_NOT_CONTAINS(causal, "select");
  std::string plain = build(src, {"make(False)", "", {}});
  EXPECT_NOT_CONTAINS(plain, "if i < j");
  EXPECT_CONTAINS(plain, "select(i == j, 1.0, 0.0)");
}

TEST(Evaluator, ScalarsThatReadMemoryBecomeLets) {
  const char *src = R"(import tilelang.language as T
@T.prim_func
def k(A: T.Tensor((32,), "float32"), B: T.Tensor((32,), "float32")):
    with T.Kernel(1) as bx:
        for i in T.Parallel(32):
            v = A[i]
            row = i * 2
            B[i] = v * v + row
)";
  std::string ir = build(src);
  EXPECT_CONTAINS(ir, ("let v = A[i]"));
  EXPECT_CONTAINS(ir, ("B[i] = v * v + i * 2"));
}

TEST(Evaluator, AllocVarIsAMutableScalar) {
  const char *src = R"(import tilelang.language as T
@T.prim_func
def k(A: T.Tensor((32, 8), "float32"), B: T.Tensor((32,), "float32")):
    with T.Kernel(1) as bx:
        for i in T.Parallel(32):
            acc = T.alloc_var("float32", init=0)
            for j in range(8):
                acc += A[i, j]
            B[i] = acc
)";
  std::string ir = build(src);
  EXPECT_CONTAINS(ir, ("alloc acc: local float32[1]"));
  EXPECT_CONTAINS(ir, ("acc[0] = acc[0] + A[i, j]"));
  EXPECT_CONTAINS(ir, ("B[i] = acc[0]"));
}

TEST(Evaluator, ReassigningAKernelScalarInALoopIsAnError) {
  const char *src = R"(import tilelang.language as T
@T.prim_func
def k(A: T.Tensor((32, 8), "float32"), B: T.Tensor((32,), "float32")):
    with T.Kernel(1) as bx:
        for i in T.Parallel(32):
            acc = A[i, 0]
            for j in range(8):
                acc = acc + A[i, j]
            B[i] = acc
)";
  EXPECT_EQ(build(src), "8:17: cannot reassign 'acc' inside a kernel loop or run-time 'if': it "
                        "was bound outside it and kernel scalars are immutable; use 'acc = "
                        "T.alloc_var(dtype)' for a mutable scalar");
}

TEST(Evaluator, LoopsWithStepsAndRanges) {
  const char *src = R"(import tilelang.language as T
@T.prim_func
def k(A: T.Tensor((64,), "float32")):
    with T.Kernel(1) as bx:
        for i in range(4, 64, 8):
            A[i] = 1.0
        for u in T.unroll(2):
            A[u] = 2.0
)";
  std::string ir = build(src);
  EXPECT_CONTAINS(ir, ("for i in serial(8):"));
  EXPECT_CONTAINS(ir, ("A[4 + i * 8] = 1.0"));
  EXPECT_CONTAINS(ir, ("for u in unrolled(2):"));
}

TEST(Evaluator, RegionsFromSlicesAndStarts) {
  const char *src = R"(import tilelang.language as T
@T.prim_func
def k(A: T.Tensor((4, 128, 64), "float16"), B: T.Tensor((128, 64), "float16")):
    with T.Kernel(4) as bx:
        S = T.alloc_shared((32, 64), "float16")
        for k in T.serial(4):
            T.copy(A[bx, k * 32:(k + 1) * 32, :], S)
            T.copy(S, B[k * 32, 0])
)";
  std::string ir = build(src);
  EXPECT_CONTAINS(ir, ("copy(A[bx +: 1, k * 32 +: 32, 0 +: 64] -> S[0 +: 32, 0 +: 64])"));
  EXPECT_CONTAINS(ir, ("copy(S[0 +: 32, 0 +: 64] -> B[k * 32, 0])"));
}

TEST(Evaluator, DynamicSizes) {
  const char *src = R"(import tilelang.language as T
M = T.dynamic("M")
@T.prim_func
def k(A: T.Tensor((M, 32), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        T.fill(A[bx * 32, 0], 0.0)
)";
  std::string ir = build(src);
  EXPECT_CONTAINS(ir, ("sizes M"));
  EXPECT_CONTAINS(ir, ("grid bx < (M + 31) // 32"));
}

TEST(Evaluator, TenstorrentAnnotationsAreRecorded) {
  const char *src = R"(import tilelang.language as T
from tilelang.tt import annotate_tt_schedule, annotate_tt_sharding

@annotate_tt_schedule(policy="strided", order="column_major", chunk_k_tiles=4)
@annotate_tt_sharding({"A": {"layout": "row_major", "memory": "l1"}})
@T.prim_func
def k(A: T.Tensor((32, 32), "bfloat16")):
    with T.Kernel(1) as bx:
        T.fill(A, 0)
)";
  std::string ir = build(src);
  EXPECT_CONTAINS(ir, ("@annotate_tt_schedule(chunk_k_tiles=4, order=\"column_major\", "
                            "policy=\"strided\")"));
  EXPECT_CONTAINS(ir, ("@annotate_tt_sharding(_0={\"A\": {\"layout\": \"row_major\", "
                            "\"memory\": \"l1\"}})"));
}

TEST(Evaluator, HostCodeThatCannotRunIsIgnoredUntilNeeded) {
  std::string src = std::string("import torch\n") + kSeedAdd +
                    "\nref = torch.randn(4, device=\"cuda\")\n"
                    "def main():\n    print(f\"{ref}\")\n"
                    "if __name__ == \"__main__\":\n    main()\n";
  EXPECT_CONTAINS(build(src), ("kernel add("));
  const char *uses = R"(import torch
import tilelang.language as T
N = torch.cuda.get_device_properties(0).multi_processor_count * 32
@T.prim_func
def k(A: T.Tensor((N,), "float32")):
    with T.Kernel(1) as bx:
        T.fill(A, 0)
)";
  EXPECT_EQ(build(uses), "3:5: cannot evaluate a call to 'torch.cuda.get_device_properties' at "
                         "compile time (tilec runs only the Python that builds kernels)");
}

TEST(Evaluator, KernelDiagnostics) {
  auto kernelWith = [](const std::string &body) {
    return "import tilelang.language as T\n@T.prim_func\ndef k(A: T.Tensor((64, 64), "
           "\"float16\")):\n    with T.Kernel(2, 2) as (bx, by):\n        S = "
           "T.alloc_shared((32, 32), \"float16\")\n" +
           body;
  };
  EXPECT_EQ(build(kernelWith("        T.copyy(A, S)\n")),
            "6:11: unknown TileLang operation 'T.copyy'; did you mean 'T.copy'?");
  EXPECT_EQ(build(kernelWith("        X = T.alloc_shared((32, 32), \"float61\")\n")),
            "6:13: unknown dtype 'float61'; expected one of " + tilec::ir::supportedDTypeNames());
  EXPECT_EQ(build(kernelWith("        for i in T.Parallel(32):\n            S[i] = 0.0\n")),
            "7:13: S has rank 2 but the store gives 1 index");
  EXPECT_EQ(build(kernelWith("        for i in T.Parallel(32):\n            S[i, 0] = A[i]\n")),
            "7:23: A has rank 2 but is indexed with 1 index");
  EXPECT_EQ(build(kernelWith("        for i in T.Parallel(32):\n            S[i, 0] = ii\n")),
            "7:23: undefined name 'ii'");
  EXPECT_EQ(build(kernelWith("        for i, j in T.Parallel(32):\n            pass\n")),
            "6:13: T.Parallel makes 1 loop variable but the loop binds 2");
  EXPECT_EQ(build(kernelWith("        T.gemm(S, S)\n")),
            "6:9: T.gemm() missing required argument 'C'");
  EXPECT_EQ(build(kernelWith("        T.copy(A, S, transpose=True)\n")),
            "6:9: T.copy() got an unexpected keyword argument 'transpose'");
  EXPECT_EQ(build(kernelWith("        T.atomic_add(S, 1)\n")),
            "6:22: T.atomic_add with a scalar value updates one element: the destination must be "
            "an element such as C[i, j], got buffer");
  EXPECT_EQ(build(kernelWith("        T.copy(3, S)\n")),
            "6:16: the source of T.copy must be a buffer or a buffer region such as A[i, j] or "
            "A[0:32, k:k + 32], got int");
  EXPECT_EQ(build(kernelWith("        while bx < 3:\n            pass\n")),
            "6:15: this run-time 'while' condition reads no T.alloc_var, so nothing the loop body "
            "does can change it: the loop would run never or forever; test a T.alloc_var the body "
            "updates (or write an 'if')");
  EXPECT_EQ(build(kernelWith("        return S\n")),
            "6:9: a @T.prim_func kernel cannot return a value; it writes its output tensors");
  EXPECT_EQ(build(kernelWith("        for i in T.Parallel(32):\n            if i > 3:\n"
                             "                break\n")),
            "8:17: 'break' inside a kernel loop or under a run-time 'if' is not supported");
}

TEST(Evaluator, SignatureDiagnostics) {
  EXPECT_EQ(build("import tilelang.language as T\n@T.prim_func\ndef k(A):\n    pass\n"),
            "3:7: kernel parameter 'A' needs a tensor annotation, e.g. A: T.Tensor((M, K), "
            "\"float16\")");
  EXPECT_EQ(build("import tilelang.language as T\n@T.prim_func\ndef k(...):\n    pass\n"),
            "3:1: kernel 'k' has an elided parameter list '(...)'; list its tensor parameters, "
            "e.g. A: T.Tensor((M, K), \"float16\")");
  EXPECT_EQ(build("import tilelang.language as T\n@T.prim_func\ndef k(A: T.Tensor((8,), "
                  "\"float16\")):\n    pass\n"),
            "3:1: kernel 'k' has no 'with T.Kernel(...) as ...:' block: nothing would run");
  EXPECT_EQ(build("import tilelang.language as T\n@T.prim_func\ndef k(x: T.float32):\n    pass\n"),
            "3:10: scalar kernel parameter 'x' has type float32; scalar parameters must be T.int32 "
            "(run-time sizes and offsets); pass other scalars as a factory argument (a "
            "compile-time constant) or in a one-element tensor");
  EXPECT_EQ(build("import tilelang.language as T\n@T.prim_func\ndef k(A: T.Tensor((8,), "
                  "\"float16\")):\n    A[0] = 1.0\n    with T.Kernel(1) as bx:\n        pass\n"),
            "4:5: a store to A must be inside the kernel's 'with T.Kernel(...)' block");
  EXPECT_EQ(build("import tilelang.language as T\n@T.prim_func\ndef k(A: T.Tensor((8,), "
                  "\"float16\")):\n    with T.Kernel(1, 2) as bx:\n        pass\n"),
            "4:28: T.Kernel has 2 grid dimensions but 'as' binds 1 name");
}

TEST(Evaluator, MetaLevelErrors) {
  const char *src = R"(import tilelang.language as T
def make(n):
    assert n % 32 == 0, f"n={n} must be a multiple of 32"
    if n > 1024:
        raise ValueError("too large")
    @T.prim_func
    def k(A: T.Tensor((n,), "float32")):
        with T.Kernel(n // 32) as bx:
            T.fill(A, 0)
    return k
def forever():
    while True:
        pass
def recurse(n):
    return recurse(n + 1)
)";
  EXPECT_EQ(build(src, {"make(33)", "", {}}), "3:5: assertion failed: n=33 must be a multiple of 32");
  EXPECT_EQ(build(src, {"make(2048)", "", {}}), "5:9: the code raised ValueError: too large");
  EXPECT_CONTAINS(build(src, {"forever()", "", {}}), ("compile-time evaluation takes too long"));
  EXPECT_CONTAINS(build(src, {"recurse(0)", "", {}}), ("maximum recursion depth exceeded"));
  EXPECT_EQ(build(src, {"make(1 // 0)", "", {}}), "call:1:6: integer division or modulo by zero");
  EXPECT_CONTAINS(build(src, {"make(64)", "", {}}), ("A: float32[64]"));
}

TEST(Evaluator, PythonSemanticsAtTheMetaLevel) {
  const char *src = R"(import tilelang.language as T
import math
def make(*dims, dtype="float32", **opts):
    total = sum(d for d in dims if d > 0)
    q, r = divmod(-7, 2)
    assert (q, r) == (-4, 1)
    assert -7 % 3 == 2 and 7 // -2 == -4
    assert max(dims) == dims[-1] and min(3, 1, 2) == 1
    assert [x * 2 for x in range(3)] == [0, 2, 4]
    assert {k: v for k, v in zip("ab", (1, 2))}["b"] == 2
    assert dims[1:] == (64,) and len(opts) == 1 and opts["tile"] == 16
    assert math.ceil(total / opts["tile"]) == 6
    first, *rest = dims
    assert rest == [64]
    name = f"{dtype}-{first}"
    assert name == "float32-32"
    @T.prim_func
    def k(A: T.Tensor((total,), dtype)):
        with T.Kernel(total // opts["tile"]) as bx:
            T.fill(A[bx * 16], 0)
    return k
)";
  std::string ir = build(src, {"make(32, 64, tile=16)", "", {}});
  EXPECT_CONTAINS(ir, ("A: float32[96]"));
  EXPECT_CONTAINS(ir, ("grid bx < 6"));
}

} // namespace

namespace {

std::string readInputFile(const std::string &name) {
  std::ifstream in(std::string(TILEC_SOURCE_DIR) + "/tests/lit/parse/Inputs/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Files written the way TileLang users write them (autotune decorators, host code, macros,
// T.use_swizzle, T.float32(0), parenthesized loop targets) build their kernels.
TEST(Evaluator, RealWorldFilesBuild) {
  struct Case {
    const char *file, *call, *expected;
  };
  for (const Case &c : {Case{"tilelang_style_gemm.py", "matmul(256, 256, 256, 64, 64, 32)",
                             "gemm(A_shared[0 +: 64, 0 +: 32], B_shared[0 +: 64, 0 +: 32] -> "
                             "C_local[0 +: 64, 0 +: 64], transpose_B)"},
                        Case{"flash_attention_factory.py", "flashattn(1, 2, 128, 64, False)",
                             "reduce_max(acc_s[0 +: 64, 0 +: 64] -> scores_max[0 +: 64], dim=1, "
                             "accumulate)"},
                        Case{"tt_annotations.py", "tiled_gemm(256, 256, 256, stages=3)",
                             "for ko in pipelined(8, stages=3):"},
                        Case{"reference_styles.py", "scaled_matmul(128, 128, 128, 64, 64, 32)",
                             "alloc acc_tile: fragment float32[64, 64]"}}) {
    std::string ir = build(readInputFile(c.file), {c.call, "", {}});
    EXPECT_CONTAINS(ir, c.expected);
  }
}

} // namespace
