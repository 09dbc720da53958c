// A pass rewrites one kernel in place. Pipelines are ordered lists of passes (driver/Pipeline.cpp).
#pragma once

#include "ir/IR.h"

#include <functional>
#include <string>
#include <vector>

namespace tilec {

struct Pass {
  std::string name;                          // as printed by --print-after-all
  std::function<void(ir::PrimFunc &)> run;   // throws CompileError on invalid input
};

} // namespace tilec
