// A stable, readable dump of the syntax tree (`tilec compile FILE --emit ast`, lit tests).
//
// Statements print one per line, Python-like, with their blocks indented by two spaces; every
// expression prints as a fully parenthesized S-expression so precedence is explicit:
//
//   @(. T prim_func)
//   def add(A: (sub (. T Buffer) (tuple (tuple M N) "float16")))
//     with (call (. T Kernel) (call (. T ceildiv) M 32)) as bx
//       for (tuple i j) in (call (. T Parallel) 32 32)
//         assign (sub C (tuple i j)) = (+ (sub A (tuple i j)) 1)
#pragma once

#include "frontend/Ast.h"

#include <string>

namespace tilec {

struct AstPrintOptions {
  bool withLocations = false; // suffix each statement line with `  @LINE:COL`
};

std::string printAst(const ast::Module &module, const AstPrintOptions &options = {});
std::string printExpr(const ast::Expr &expr);

} // namespace tilec
