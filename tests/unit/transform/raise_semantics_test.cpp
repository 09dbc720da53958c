// Raising must not change results: each kernel runs through the reference interpreter as written
// (scalar loops) and after the common passes (tile ops), on the same inputs.
#include "SeedKernels.h"
#include "interp/Interpreter.h"
#include "ir/Verifier.h"
#include "transform/Passes.h"

#include <gtest/gtest.h>

using namespace tilec::testir;
using namespace tilec::transform;
namespace interp = tilec::interp;

namespace {

PrimFunc commonPasses(PrimFunc f) {
  simplify(f);
  inferCopyRegions(f);
  raiseTileOps(f);
  simplify(f);
  tilec::ir::verify(f);
  return f;
}

bool hasScalarLoops(const PrimFunc &f) { return printStmt(f.body).find("for i") != std::string::npos; }

void expectSameResults(const PrimFunc &scalar, const interp::SizeBindings &sizes) {
  PrimFunc tiled = commonPasses(scalar);
  EXPECT_FALSE(hasScalarLoops(tiled)) << printStmt(tiled.body);
  auto expected = interp::makeInputs(scalar, sizes, 7);
  auto got = expected;
  interp::run(scalar, expected, sizes);
  interp::run(tiled, got, sizes);
  for (int out : interp::outputParams(scalar)) {
    auto cmp = interp::compare(expected[out], got[out]);
    EXPECT_TRUE(cmp.pass) << scalar.params[out]->name << ": max_abs_err=" << cmp.maxAbsError
                          << " pcc=" << cmp.pcc;
  }
}

const interp::SizeBindings kSizes{{"M", 128}, {"N", 128}, {"K", 128}};

TEST(RaiseSemantics, SeedMatmul) { expectSameResults(seedMatmul(), kSizes); }
TEST(RaiseSemantics, SeedElementwiseAdd) { expectSameResults(seedElementwiseAdd(), kSizes); }
TEST(RaiseSemantics, SeedReduceSum) { expectSameResults(seedReduceSum(), {{"M", 128}, {"N", 96}}); }
TEST(RaiseSemantics, SeedSharedMemory) { expectSameResults(seedSharedMemory(), kSizes); }

} // namespace
