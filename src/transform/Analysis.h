// Expression analysis shared by the common passes: structural equality, variable use, and the
// linear (affine) form of integer index arithmetic.
#pragma once

#include "ir/IR.h"

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

namespace tilec::transform {

// Deep structural equality (variables and buffers compare by identity, constants by value and dtype).
bool exprEqual(const ir::Expr &a, const ir::Expr &b);
bool exprsEqual(const std::vector<ir::Expr> &a, const std::vector<ir::Expr> &b);

using VarSet = std::set<const ir::VarNode *>;

// Whether `e` mentions any variable of `vars`.
bool usesAnyVar(const ir::Expr &e, const VarSet &vars);
// Whether `e` reads any buffer (a Load anywhere inside).
bool hasLoad(const ir::Expr &e);

// An integer expression as  sum(coeff_k * atom_k) + constant.  Atoms are the sub-expressions that
// are not + - * by a constant (a variable, a load, `x // 32`, `a * b`); structurally equal atoms
// share one term. Terms keep the order in which their atom first appears, so the rebuilt text
// follows the user's spelling (`by * 32 + i`).
struct LinearTerm {
  ir::Expr atom;
  int64_t coeff;
};
struct LinearForm {
  std::vector<LinearTerm> terms; // no zero coefficients
  int64_t constant = 0;
  bool isConstant() const { return terms.empty(); }
};

// The linear form of an integer expression; nullopt when arithmetic would overflow int64 or `e`
// is not an integer expression.
std::optional<LinearForm> linearize(const ir::Expr &e);
// Rebuilds canonical text: positive terms first in appearance order, then negative ones, then the
// constant (`by * 32 + i - 1`). `dtype` is the integer type of the result.
ir::Expr buildLinear(const LinearForm &f, ir::DType dtype, SourceLoc loc);

// An index split against a set of loop variables: index = start + coeff * var, where `start` does
// not mention any of the loop variables. `var` is null when the index does not depend on them.
struct AffineIndex {
  const ir::VarNode *var = nullptr;
  int64_t coeff = 0;
  ir::Expr start;
};
// nullopt when the index depends on the loop variables in any other way (two loop variables, a
// loop variable inside a division or a load, ...).
std::optional<AffineIndex> splitAffine(const ir::Expr &index, const VarSet &loopVars);

// A fresh fragment tile of `f`, named `base` (then base1, base2, ...: unique among the kernel's
// parameters and tiles), appended to its allocations: the tiles passes introduce.
ir::Buffer newFragment(ir::PrimFunc &f, const std::string &base, std::vector<ir::Expr> shape,
                       ir::DType dtype, SourceLoc loc);

} // namespace tilec::transform
