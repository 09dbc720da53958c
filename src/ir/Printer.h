// Stable, readable text for Tile IR (used by --emit ir, --print-after-all and lit tests).
#pragma once

#include "ir/IR.h"

#include <string>

namespace tilec::ir {

std::string printExpr(const Expr &e);
std::string printRegion(const Region &r);
// "(32, 64)"; "()" for none.
std::string tupleText(const std::vector<Expr> &es);
std::string printStmt(const Stmt &s, int indent = 0);
std::string printFunc(const PrimFunc &f);

} // namespace tilec::ir
