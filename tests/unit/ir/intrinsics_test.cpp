// The intrinsic table (ir/Intrinsics.h): every row is complete for its arity, names are unique, and
// the reference functions compute what the name says.
#include "ir/Intrinsics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace tilec::ir {
namespace {

TEST(Intrinsics, RowsAreCompleteForTheirArity) {
  std::set<std::string_view> names, pythons;
  for (const Intrinsic &in : intrinsics()) {
    SCOPED_TRACE(std::string(in.name));
    EXPECT_TRUE(names.insert(in.name).second);
    if (!in.python.empty())
      EXPECT_TRUE(pythons.insert(in.python).second);
    ASSERT_TRUE(in.arity == 1 || in.arity == 2);
    EXPECT_EQ(in.unary != nullptr, in.arity == 1);
    EXPECT_EQ(in.binary != nullptr, in.arity == 2);
    if (!in.cuda.empty()) // one '%' per argument
      EXPECT_EQ(std::count(in.cuda.begin(), in.cuda.end(), '%'), in.arity);
    if (!in.python.empty()) // the front end builds one-argument calls only
      EXPECT_EQ(in.arity, 1);
  }
}

TEST(Intrinsics, LookupByNameAndByPythonSpelling) {
  ASSERT_NE(findIntrinsic("rsqrt"), nullptr);
  EXPECT_EQ(findIntrinsic("rsqrt")->unary(4.0), 0.5);
  EXPECT_EQ(findIntrinsic("nope"), nullptr);
  EXPECT_EQ(findPythonIntrinsic("sigmoid"), findIntrinsic("sigmoid"));
  EXPECT_EQ(findPythonIntrinsic("recip"), nullptr); // made by lowerings only
  EXPECT_EQ(findIntrinsic("pow")->binary(2.0, 10.0), 1024.0);
}

TEST(Intrinsics, MaxMinKeepANaNFirstOperand) {
  double nan = std::nan("");
  EXPECT_TRUE(std::isnan(findIntrinsic("max")->binary(nan, 1.0)));
  EXPECT_EQ(findIntrinsic("max")->binary(1.0, nan), 1.0);
  EXPECT_TRUE(std::isnan(findIntrinsic("relu")->unary(nan)));
}

TEST(Intrinsics, Log2OnTenstorrentIsLogTimesOneOverLn2) {
  const Intrinsic *log2 = findIntrinsic("log2");
  EXPECT_EQ(log2->ttSfpu, "log");
  EXPECT_DOUBLE_EQ(std::log(8.0) * log2->ttScale, 3.0);
}

TEST(Intrinsics, SupportedListsComeFromTheTable) {
  EXPECT_EQ(pythonIntrinsicList([](const Intrinsic &) { return true; }),
            "exp, exp2, log, log2, sqrt, rsqrt, abs, tanh, sigmoid");
}

} // namespace
} // namespace tilec::ir
