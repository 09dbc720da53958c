#include "ir/Intrinsics.h"

#include <array>
#include <cmath>

namespace tilec::ir {

namespace {

const double kInvLn2 = 1.0 / std::log(2.0);

using U = double (*)(double);
using B = double (*)(double, double);

// clang-format off
const std::array kIntrinsics = {
  //         name       arity python     reference                                        binary  CUDA (float)                 prec  SFPU       scale
  Intrinsic{"exp",      1,    "exp",     U([](double x) { return std::exp(x); }),          nullptr, "expf(%)",                   0,    "exp",     0.0},
  Intrinsic{"exp2",     1,    "exp2",    U([](double x) { return std::exp2(x); }),         nullptr, "exp2f(%)",                  0,    "exp2",    0.0},
  Intrinsic{"log",      1,    "log",     U([](double x) { return std::log(x); }),          nullptr, "logf(%)",                   0,    "log",     0.0},
  Intrinsic{"log2",     1,    "log2",    U([](double x) { return std::log2(x); }),         nullptr, "log2f(%)",                  0,    "log",     kInvLn2},
  Intrinsic{"sqrt",     1,    "sqrt",    U([](double x) { return std::sqrt(x); }),         nullptr, "sqrtf(%)",                  0,    "sqrt",    0.0},
  Intrinsic{"rsqrt",    1,    "rsqrt",   U([](double x) { return 1.0 / std::sqrt(x); }),   nullptr, "rsqrtf(%)",                 0,    "rsqrt",   0.0},
  Intrinsic{"abs",      1,    "abs",     U([](double x) { return std::fabs(x); }),         nullptr, "fabsf(%)",                  0,    "abs",     0.0},
  Intrinsic{"tanh",     1,    "tanh",    U([](double x) { return std::tanh(x); }),         nullptr, "tanhf(%)",                  0,    "tanh",    0.0},
  Intrinsic{"sigmoid",  1,    "sigmoid", U([](double x) { return 1.0 / (1.0 + std::exp(-x)); }), nullptr, "1.0f / (1.0f + expf(-%))", 12, "sigmoid", 0.0},
  // Made by lowerings (TT's relu pattern, tests), not written in kernels.
  Intrinsic{"recip",    1,    "",        U([](double x) { return 1.0 / x; }),              nullptr, "1.0f / %",                  11,   "recip",   0.0},
  Intrinsic{"relu",     1,    "",        U([](double x) { return maxOf(x, 0.0); }),        nullptr, "fmaxf(%, 0.0f)",            0,    "relu",    0.0},
  Intrinsic{"floor",    1,    "",        U([](double x) { return std::floor(x); }),        nullptr, "floorf(%)",                 0,    "",        0.0},
  Intrinsic{"ceil",     1,    "",        U([](double x) { return std::ceil(x); }),         nullptr, "ceilf(%)",                  0,    "",        0.0},
  // Sign tests (1 where the test holds, else 0; NaN passes none but nez): how TT lowers a choice on
  // tile values, `a < b ? x : y` from ltz(a - b) (tt/LowerTileChoices.cpp).
  Intrinsic{"eqz",      1,    "",        U([](double x) { return x == 0 ? 1.0 : 0.0; }),    nullptr, "(% == 0.0f ? 1.0f : 0.0f)", 8,    "eqz",     0.0},
  Intrinsic{"nez",      1,    "",        U([](double x) { return x != 0 ? 1.0 : 0.0; }),    nullptr, "(% != 0.0f ? 1.0f : 0.0f)", 8,    "nez",     0.0},
  Intrinsic{"ltz",      1,    "",        U([](double x) { return x < 0 ? 1.0 : 0.0; }),     nullptr, "(% < 0.0f ? 1.0f : 0.0f)",  8,    "ltz",     0.0},
  Intrinsic{"lez",      1,    "",        U([](double x) { return x <= 0 ? 1.0 : 0.0; }),    nullptr, "(% <= 0.0f ? 1.0f : 0.0f)", 8,    "lez",     0.0},
  Intrinsic{"gtz",      1,    "",        U([](double x) { return x > 0 ? 1.0 : 0.0; }),     nullptr, "(% > 0.0f ? 1.0f : 0.0f)",  8,    "gtz",     0.0},
  Intrinsic{"gez",      1,    "",        U([](double x) { return x >= 0 ? 1.0 : 0.0; }),    nullptr, "(% >= 0.0f ? 1.0f : 0.0f)", 8,    "gez",     0.0},
  // T.max / T.min / ** become Binary nodes; these call forms only reach the interpreter.
  Intrinsic{"max",      2,    "",        nullptr, maxOf,                                            "",                          0,    "",        0.0},
  Intrinsic{"min",      2,    "",        nullptr, minOf,                                            "",                          0,    "",        0.0},
  Intrinsic{"pow",      2,    "",        nullptr, B([](double x, double y) { return std::pow(x, y); }), "",                     0,    "",        0.0},
};
// clang-format on

} // namespace

std::span<const Intrinsic> intrinsics() { return kIntrinsics; }

const Intrinsic *findIntrinsic(std::string_view name) {
  for (const Intrinsic &in : kIntrinsics)
    if (in.name == name)
      return &in;
  return nullptr;
}

const Intrinsic *findPythonIntrinsic(std::string_view python) {
  for (const Intrinsic &in : kIntrinsics)
    if (!in.python.empty() && in.python == python)
      return &in;
  return nullptr;
}

std::string pythonIntrinsicList(bool (*keep)(const Intrinsic &)) {
  std::string list;
  for (const Intrinsic &in : kIntrinsics)
    if (!in.python.empty() && keep(in))
      list += (list.empty() ? "" : ", ") + std::string(in.python);
  return list;
}

} // namespace tilec::ir
