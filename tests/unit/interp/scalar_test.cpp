// Scalar execution: loops, stores, dtype rounding, integer semantics, lets/ifs/selects,
// symbolic sizes, diagnostics, and speed.
#include "KernelBuilder.h"

#include "ir/DType.h"
#include "support/Diagnostics.h"

#include <chrono>
#include <cmath>

using namespace tilec;
using namespace tilec::testing;
using tilec::interp::Tensor;

namespace {

// Runs `f` on a single output tensor initialised to zero, returns it.
Tensor runOnZeros(const PrimFunc &f, const interp::SizeBindings &sizes = {}) {
  std::vector<Tensor> args = interp::makeInputs(f, sizes, 1);
  interp::run(f, args, sizes);
  return args.back();
}

// O[0] = value (a one-element kernel to probe expression semantics).
double evalScalar(Expr value, DType outType = DType::Float32) {
  Buffer o = buffer("O", {1}, outType);
  return runOnZeros(kernel({o}, {}, store(o, {intImm(0)}, std::move(value)))).data[0];
}

Expr i64(int64_t v) { return std::make_shared<IntImm>(v, DType::Int64); }

} // namespace

TEST(Scalar, GemmNestAccumulatesIntoRandomC) {
  // C[i, j] += A[i, k] * B[k, j] as written in the seed style; C is read, so it starts random.
  Buffer a = buffer("A", {16, 8}), b = buffer("B", {8, 12}), c = buffer("C", {16, 12});
  Var i = var("i"), j = var("j"), k = var("k");
  Stmt upd = store(c, {i, j}, add(load(c, {i, j}), mul(load(a, {i, k}), load(b, {k, j}))));
  PrimFunc f = kernel({a, b, c}, {}, loop(i, 16, loop(j, 12, loop(k, 8, upd), ForKind::Parallel), ForKind::Parallel));
  std::vector<Tensor> in = interp::makeInputs(f, {}, 42), out = in;
  interp::run(f, out, {});
  for (int64_t r = 0; r < 16; ++r)
    for (int64_t s = 0; s < 12; ++s) {
      double acc = at(in[2], r, s);
      ASSERT_NE(acc, 0.0);
      for (int64_t kk = 0; kk < 8; ++kk)
        acc = roundToDType(acc + roundToDType(at(in[0], r, kk) * at(in[1], kk, s), DType::Float32), DType::Float32);
      ASSERT_EQ(at(out[2], r, s), acc);
    }
}

TEST(Scalar, BlocksSeeTheirIndicesAndFreshTiles) {
  // Each block adds 1 to a zeroed local tile and stores bx * 10 + by + tile[0] into O[by, bx].
  Buffer o = buffer("O", {3, 2}), t = buffer("t", {1}, DType::Float32, Scope::Local);
  Var bx = var("bx"), by = var("by");
  Stmt body = seq({store(t, {intImm(0)}, add(load(t, {intImm(0)}), floatImm(1.0))),
                   store(o, {by, bx}, add(add(mul(bx, intImm(10)), by), load(t, {intImm(0)})))});
  Tensor out = runOnZeros(kernel({o}, {t}, body, {2, 3}, {bx, by}));
  for (int64_t y = 0; y < 3; ++y)
    for (int64_t x = 0; x < 2; ++x)
      EXPECT_EQ(at(out, y, x), x * 10 + y + 1.0);
}

TEST(Scalar, StoresRoundToTheBufferDtype) {
  EXPECT_EQ(evalScalar(floatImm(1.0 + 1.0 / 2048, DType::Float32), DType::Float16), 1.0);
  EXPECT_EQ(evalScalar(floatImm(1.0 + 3.0 / 2048, DType::Float32), DType::Float16), 1.0 + 2.0 / 1024);
  EXPECT_EQ(evalScalar(floatImm(1.0 + 3.0 / 256, DType::Float32), DType::BFloat16), 1.0 + 1.0 / 64);
  EXPECT_EQ(evalScalar(floatImm(0.1, DType::Float32)), static_cast<double>(0.1f));
  EXPECT_EQ(evalScalar(floatImm(2.9), DType::Int32), 2.0);   // float → int truncates
  EXPECT_EQ(evalScalar(floatImm(-2.9), DType::Int32), -2.0);
  EXPECT_EQ(evalScalar(intImm(300), DType::Int8), 44.0);     // and wraps
  EXPECT_EQ(evalScalar(floatImm(NAN), DType::Int32), 0.0);   // no UB on NaN
}

TEST(Scalar, ArithmeticRoundsToTheExpressionDtype) {
  // 2048 + 1 is not representable in fp16: the sum itself rounds (to even: 2048).
  Expr h = std::make_shared<Cast>(DType::Float16, floatImm(2048.0));
  Expr one = std::make_shared<Cast>(DType::Float16, floatImm(1.0));
  EXPECT_EQ(evalScalar(std::make_shared<Binary>(BinaryOp::Add, h, one, DType::Float16)), 2048.0);
  // ...while the same sum in fp32 keeps the 1.
  EXPECT_EQ(evalScalar(std::make_shared<Binary>(BinaryOp::Add, h, one, DType::Float32)), 2049.0);
  // Casts round: 1/3 through bf16.
  EXPECT_EQ(evalScalar(std::make_shared<Cast>(DType::BFloat16, floatImm(1.0 / 3, DType::Float32))),
            roundToDType(1.0 / 3, DType::BFloat16));
}

TEST(Scalar, IntegerOpsUsePythonFloorSemantics) {
  EXPECT_EQ(evalScalar(binary(BinaryOp::FloorDiv, intImm(-7), intImm(2))), -4.0);
  EXPECT_EQ(evalScalar(binary(BinaryOp::FloorMod, intImm(-7), intImm(2))), 1.0);
  EXPECT_EQ(evalScalar(binary(BinaryOp::FloorMod, intImm(7), intImm(-2))), -1.0);
  EXPECT_EQ(evalScalar(binary(BinaryOp::Div, intImm(7), intImm(2))), 3.5); // true division
  EXPECT_EQ(evalScalar(binary(BinaryOp::Min, intImm(3), intImm(-5))), -5.0);
  EXPECT_EQ(evalScalar(binary(BinaryOp::Lt, intImm(3), intImm(5))), 1.0);
  // int32 wraps: 2^31 - 1 + 1 == -2^31; int64 arithmetic does not.
  EXPECT_EQ(evalScalar(binary(BinaryOp::Add, intImm(2147483647), intImm(1)), DType::Int64), -2147483648.0);
  EXPECT_EQ(evalScalar(binary(BinaryOp::Add, i64(2147483647), i64(1)), DType::Int64), 2147483648.0);
}

TEST(Scalar, IntegerDivisionByZeroIsDiagnosed) {
  EXPECT_EQ(errorOf([] { evalScalar(binary(BinaryOp::FloorDiv, intImm(1), intImm(0))); }),
            "integer division by zero");
}

TEST(Scalar, IntrinsicsLetIfAndSelect) {
  auto call = [](const char *name, double x) {
    return evalScalar(std::make_shared<Call>(name, std::vector<Expr>{floatImm(x)}, DType::Float32));
  };
  EXPECT_EQ(call("exp", 1.0), static_cast<double>(static_cast<float>(std::exp(1.0))));
  EXPECT_EQ(call("rsqrt", 4.0), 0.5);
  EXPECT_EQ(call("relu", -3.0), 0.0);
  EXPECT_EQ(call("sigmoid", 0.0), 0.5);
  EXPECT_EQ(call("recip", 4.0), 0.25);
  EXPECT_EQ(call("floor", -1.5), -2.0);
  EXPECT_EQ(evalScalar(binary(BinaryOp::Pow, floatImm(2.0), floatImm(10.0))), 1024.0);

  // let x = 3 in (if x > 2: O[0] = select(x == 3, 7, 9) else O[0] = -1)
  Buffer o = buffer("O", {1});
  Var x = var("x");
  Stmt then = store(o, {intImm(0)}, std::make_shared<Select>(binary(BinaryOp::Eq, x, intImm(3)), floatImm(7.0), floatImm(9.0)));
  Stmt body = std::make_shared<LetStmt>(x, intImm(3), std::make_shared<If>(binary(BinaryOp::Gt, x, intImm(2)), then,
                                                                           store(o, {intImm(0)}, floatImm(-1.0))));
  EXPECT_EQ(runOnZeros(kernel({o}, {}, body)).data[0], 7.0);
}

TEST(Scalar, GuardedLoadsDoNotTrip) {
  // O[i] = select(i < 4, A[i], 0) over i < 8 reads A only where the guard holds.
  Buffer a = buffer("A", {4}), o = buffer("O", {8});
  Var i = var("i");
  Expr guarded = std::make_shared<Select>(binary(BinaryOp::Lt, i, intImm(4)), load(a, {i}), floatImm(0.0));
  PrimFunc f = kernel({a, o}, {}, loop(i, 8, store(o, {i}, guarded)));
  std::vector<Tensor> args = interp::makeInputs(f, {}, 3);
  interp::run(f, args, {});
  for (int64_t k = 0; k < 8; ++k)
    EXPECT_EQ(args[1].data[k], k < 4 ? args[0].data[k] : 0.0);
}

TEST(Scalar, UnknownIntrinsicIsAnErrorAtItsLocation) {
  SourceFile file("k.py", "x\ny = T.frobnicate(x)\n");
  SourceLoc loc{&file, 2, 5};
  Buffer o = buffer("O", {1});
  PrimFunc f = kernel({o}, {}, store(o, {intImm(0)}, std::make_shared<Call>("frobnicate", std::vector<Expr>{floatImm(1.0)}, DType::Float32, loc)));
  std::vector<Tensor> args = interp::makeInputs(f, {}, 1);
  try {
    interp::run(f, args, {});
    FAIL() << "expected a CompileError";
  } catch (const CompileError &e) {
    EXPECT_EQ(e.message(), "the interpreter does not know the intrinsic 'frobnicate'");
    EXPECT_EQ(e.loc().line, 2);
    EXPECT_EQ(e.loc().col, 5);
  }
}

TEST(Scalar, OutOfBoundsLoadAndStoreAreDiagnosed) {
  SourceFile file("k.py", "for i in T.serial(65):\n    B[i, 0] = A[i, 64]\n");
  SourceLoc loadLoc{&file, 2, 15}, storeLoc{&file, 2, 5};
  Buffer a = buffer("A", {64, 64}), b = buffer("B", {64, 64});
  Var i = var("i");
  auto kernelWith = [&](Expr col, int64_t extent) {
    return kernel({a, b}, {}, loop(i, extent, std::make_shared<Store>(b, std::vector<Expr>{i, intImm(0)},
                                                                       load(a, {i, col}, loadLoc), storeLoc)));
  };
  PrimFunc badLoad = kernelWith(intImm(64), 3);
  std::vector<Tensor> args = interp::makeInputs(badLoad, {}, 1);
  try {
    interp::run(badLoad, args, {});
    FAIL() << "expected a CompileError";
  } catch (const CompileError &e) {
    EXPECT_EQ(e.message(), "out-of-bounds load from 'A': index [0, 64] is outside shape [64, 64]");
    EXPECT_EQ(e.loc().col, 15);
  }
  PrimFunc badStore = kernelWith(intImm(0), 65);
  EXPECT_EQ(errorOf([&] { interp::run(badStore, args, {}); }),
            "out-of-bounds store to 'B': index [64, 0] is outside shape [64, 64]");
  // Negative indices are out of bounds too (no Python-style wrap-around).
  PrimFunc negative = kernelWith(sub(i, intImm(1)), 2);
  EXPECT_EQ(errorOf([&] { interp::run(negative, args, {}); }),
            "out-of-bounds load from 'A': index [0, -1] is outside shape [64, 64]");
}

TEST(Scalar, SymbolicSizesAreBoundByName) {
  Var n = var("N");
  Buffer a = buffer("A", std::vector<Expr>{n}), o = buffer("O", std::vector<Expr>{n});
  Var i = var("i");
  PrimFunc f = kernel({a, o}, {}, loop(i, n, store(o, {i}, mul(load(a, {i}), floatImm(2.0)))));
  f.sizeVars = {n};
  std::vector<Tensor> args = interp::makeInputs(f, {{"N", 5}}, 1);
  ASSERT_EQ(args[0].shape, std::vector<int64_t>{5});
  interp::run(f, args, {{"N", 5}});
  for (int64_t k = 0; k < 5; ++k)
    EXPECT_EQ(args[1].data[k], 2 * args[0].data[k]);
  EXPECT_EQ(errorOf([&] { interp::run(f, args, {}); }), "no value for the symbolic size 'N' (pass -D N=<value>)");
  // A tensor of the wrong shape is refused.
  EXPECT_NE(errorOf([&] { interp::run(f, args, {{"N", 6}}); }).find("has shape [5], the kernel expects [6]"),
            std::string::npos);
}

TEST(Scalar, UnboundVariableIsDiagnosed) {
  EXPECT_EQ(errorOf([] { evalScalar(var("q")); }),
            "variable 'q' is not bound here (no loop, let or size defines it)");
}

// Speed of the tree-walking path: a 128^3 scalar gemm nest (2M inner iterations, each a load of
// C, A and B, a multiply, an add and a store). Release builds do this in well under a second; the
// bound is loose so sanitizer builds pass too.
TEST(Scalar, ScalarGemmNestIsFastEnough) {
  const int64_t n = 128;
  Buffer a = buffer("A", {n, n}), b = buffer("B", {n, n}), c = buffer("C", {n, n});
  Var i = var("i"), j = var("j"), k = var("k");
  Stmt upd = store(c, {i, j}, add(load(c, {i, j}), mul(load(a, {i, k}), load(b, {k, j}))));
  PrimFunc f = kernel({a, b, c}, {}, loop(i, n, loop(j, n, loop(k, n, upd))));
  std::vector<Tensor> args = interp::makeInputs(f, {}, 1);
  auto start = std::chrono::steady_clock::now();
  interp::run(f, args, {});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double opsPerSecond = 6.0 * n * n * n / seconds; // 3 loads, mul, add, store per iteration
  RecordProperty("scalar_ops_per_second", static_cast<int>(opsPerSecond));
  std::printf("scalar gemm %lld^3: %.3f s, %.1fM scalar ops/s\n", static_cast<long long>(n), seconds,
              opsPerSecond / 1e6);
  EXPECT_LT(seconds, 20.0);
}
