// Deterministic inputs, output detection and the tolerance-aware comparison.
#include "KernelBuilder.h"

#include "ir/DType.h"

#include <cmath>

using namespace tilec;
using namespace tilec::testing;
using tilec::interp::Comparison;
using tilec::interp::Tensor;

namespace {

// out[i] = a[i] + b[i] (+ the int and bf16 inputs' first elements, so they are read).
PrimFunc mixedKernel() {
  Buffer a = buffer("A", {64}), b = buffer("B", {8, 8}, DType::BFloat16), n = buffer("N", {16}, DType::Int32);
  Buffer o = buffer("O", {64});
  Var i = var("i");
  Expr v = add(add(load(a, {i}), load(b, {binary(BinaryOp::FloorDiv, i, intImm(8)), binary(BinaryOp::FloorMod, i, intImm(8))})),
               load(n, {intImm(0)}));
  return kernel({a, b, n, o}, {}, loop(i, 64, store(o, {i}, v)));
}

Tensor tensor(std::vector<double> data, DType t = DType::Float32) {
  Tensor x{{static_cast<int64_t>(data.size())}, t, std::move(data)};
  return x;
}

} // namespace

TEST(Inputs, AreDeterministicPerSeed) {
  PrimFunc f = mixedKernel();
  std::vector<Tensor> x = interp::makeInputs(f, {}, 5), y = interp::makeInputs(f, {}, 5), z = interp::makeInputs(f, {}, 6);
  for (size_t p = 0; p < 3; ++p) {
    EXPECT_EQ(x[p].data, y[p].data) << "param " << p;
    EXPECT_NE(x[p].data, z[p].data) << "param " << p;
  }
  EXPECT_NE(x[0].data[0], x[0].data[1]);
}

TEST(Inputs, HaveTheRightShapesRangesAndDtypes) {
  PrimFunc f = mixedKernel();
  std::vector<Tensor> x = interp::makeInputs(f, {}, 123);
  ASSERT_EQ(x.size(), 4u);
  EXPECT_EQ(x[1].shape, (std::vector<int64_t>{8, 8}));
  EXPECT_EQ(x[1].dtype, DType::BFloat16);
  for (double v : x[0].data) {
    EXPECT_GE(v, -1.0);
    EXPECT_LT(v, 1.0);
    EXPECT_EQ(v, roundToDType(v, DType::Float32));
  }
  for (double v : x[1].data)
    EXPECT_EQ(v, roundToDType(v, DType::BFloat16)); // representable in bf16
  for (double v : x[2].data) {
    EXPECT_EQ(v, std::floor(v));
    EXPECT_GE(v, -4.0);
    EXPECT_LE(v, 4.0);
  }
  for (double v : x[3].data) // the output starts at zero
    EXPECT_EQ(v, 0.0);
}

TEST(Inputs, OutputsAreTheWrittenParams) {
  PrimFunc f = mixedKernel();
  EXPECT_EQ(interp::outputParams(f), std::vector<int>{3});
  EXPECT_EQ(interp::inputParams(f), (std::vector<int>{0, 1, 2}));
}

TEST(Compare, IdenticalTensorsPass) {
  Tensor t = tensor({1, 2, 3, -4});
  Comparison c = interp::compare(t, t);
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(c.maxAbsError, 0.0);
  EXPECT_NEAR(c.pcc, 1.0, 1e-12);
}

TEST(Compare, ToleranceDependsOnDtype) {
  // max|expected| = 4: fp32 allows 1e-5 + 4e-4, bf16 1e-2 + 0.12.
  Tensor e32 = tensor({1, 2, 3, 4}), g32 = tensor({1, 2, 3, 4.0003});
  EXPECT_TRUE(interp::compare(e32, g32).pass);
  g32.data[3] = 4.001;
  Comparison c = interp::compare(e32, g32);
  EXPECT_FALSE(c.pass);
  EXPECT_NEAR(c.maxAbsError, 0.001, 1e-12);
  Tensor e16 = tensor({1, 2, 3, 4}, DType::BFloat16), g16 = tensor({1, 2, 3, 4.1}, DType::BFloat16);
  EXPECT_TRUE(interp::compare(e16, g16).pass);
  g16.data[3] = 4.2;
  EXPECT_FALSE(interp::compare(e16, g16).pass);
}

TEST(Compare, IntegersMustMatchExactly) {
  EXPECT_TRUE(interp::compare(tensor({1, 2, 3}, DType::Int32), tensor({1, 2, 3}, DType::Int32)).pass);
  EXPECT_FALSE(interp::compare(tensor({1, 2, 3}, DType::Int32), tensor({1, 2, 4}, DType::Int32)).pass);
}

TEST(Compare, LowCorrelationFails) {
  // Within the absolute tolerance of a large maximum, but uncorrelated: the PCC catches it.
  std::vector<double> e(100), g(100);
  for (int i = 0; i < 100; ++i) {
    e[i] = (i % 2 ? 1.0 : -1.0) * 1e-6;
    g[i] = (i % 3 ? 1.0 : -1.0) * 1e-6;
  }
  e[0] = g[0] = 1000.0;
  e[1] = g[1] = -1000.0;
  Comparison c = interp::compare(tensor(e), tensor(g));
  EXPECT_TRUE(c.pcc > 0.999); // dominated by the equal extremes...
  std::vector<double> e2(100), g2(100);
  for (int i = 0; i < 100; ++i) {
    e2[i] = std::sin(i);
    g2[i] = std::cos(i);
  }
  Comparison c2 = interp::compare(tensor(e2), tensor(g2));
  EXPECT_LT(c2.pcc, 0.5);
  EXPECT_FALSE(c2.pass);
}

TEST(Compare, NanInGotFailsUnlessExpectedHasItThere) {
  Tensor e = tensor({1, 2, 3}), g = tensor({1, NAN, 3});
  Comparison c = interp::compare(e, g);
  EXPECT_FALSE(c.pass);
  EXPECT_TRUE(std::isinf(c.maxAbsError));
  Tensor en = tensor({1, NAN, 3});
  EXPECT_TRUE(interp::compare(en, g).pass);
  EXPECT_FALSE(interp::compare(en, e).pass); // the reverse is a mismatch too
}

TEST(Compare, ConstantTensors) {
  EXPECT_TRUE(interp::compare(tensor({0, 0, 0}), tensor({0, 0, 0})).pass);
  Comparison equal = interp::compare(tensor({2, 2}), tensor({2, 2}));
  EXPECT_EQ(equal.pcc, 1.0);
  EXPECT_FALSE(interp::compare(tensor({2, 2}), tensor({3, 3})).pass);
  // A constant reference with tiny noise in the result: PCC is undefined, tolerance decides.
  EXPECT_TRUE(interp::compare(tensor({1, 1, 1}), tensor({1, 1 + 1e-7, 1})).pass);
}

TEST(Compare, ShapeMismatchFails) {
  Tensor a{{2, 2}, DType::Float32, {1, 2, 3, 4}}, b{{4}, DType::Float32, {1, 2, 3, 4}};
  EXPECT_FALSE(interp::compare(a, b).pass);
}
