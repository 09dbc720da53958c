// PLACEHOLDER until the pass lands: does nothing. Replace this whole file.
#include "transform/Passes.h"

namespace tilec::transform {
void simplify(ir::PrimFunc &) {}
ir::Expr simplifyExpr(const ir::Expr &e) { return e; }
} // namespace tilec::transform
