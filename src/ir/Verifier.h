// Structural checks of a kernel: dtypes, scopes, ranks, static tile shapes, region extents,
// static bounds where known. Throws CompileError at the offending node's location.
#pragma once

#include "ir/IR.h"

namespace tilec::ir {

void verify(const PrimFunc &f);

} // namespace tilec::ir
