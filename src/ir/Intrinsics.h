// Math intrinsics: the one list of the functions an ir::Call may name, with what each one means on
// every backend. The front end, both interpreters and the CUDA and Tenstorrent printers read this
// table, so a function cannot be known to one of them and missing (or computed differently) in
// another; adding an intrinsic is one row in Intrinsics.cpp.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tilec::ir {

// max/min with one rule for NaN: the first operand is kept unless the other is strictly greater
// (smaller), so a NaN first operand survives. Binary Max/Min, reductions and the intrinsics use it.
inline double maxOf(double a, double b) { return a < b ? b : a; }
inline double minOf(double a, double b) { return b < a ? b : a; }

struct Intrinsic {
  std::string_view name; // the ir::Call name
  int arity;             // 1 or 2 arguments
  // How a kernel spells it after `T.`; "" when only a lowering creates the call.
  std::string_view python;
  // The reference semantics, in double and rounded by the caller to the call's dtype. The
  // reference interpreter and the GPU SIMT interpreter both evaluate calls with these.
  double (*unary)(double);
  double (*binary)(double, double);
  // CUDA/HIP, computed in float: '%' stands for the argument converted to float, which must bind
  // tighter than `cudaArgPrecedence` (0 inside a call's parentheses). "" = no GPU lowering.
  std::string_view cuda;
  int cudaArgPrecedence;
  // Tenstorrent: the SFPU op run in place on DST (<op>_tile), then, when ttScale is not 0, a
  // multiplication by that constant (log2 x = log x / ln 2). "" = no SFPU lowering.
  std::string_view ttSfpu;
  double ttScale;
};

std::span<const Intrinsic> intrinsics();

// The row named `name`, or nullptr.
const Intrinsic *findIntrinsic(std::string_view name);

// The intrinsic a kernel writes as T.<python>, or nullptr.
const Intrinsic *findPythonIntrinsic(std::string_view python);

// "exp, exp2, ..." of the Python spellings whose row passes `keep`, for "supported: ..." lists.
std::string pythonIntrinsicList(bool (*keep)(const Intrinsic &));

} // namespace tilec::ir
