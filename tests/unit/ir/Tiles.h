// A float32 tile of a static shape, for the ir unit tests.
#pragma once

#include "ir/IR.h"

#include <string>
#include <vector>

namespace tilec::ir::test {

inline Buffer tile(const std::string &name, std::vector<int64_t> shape, Scope s = Scope::Fragment) {
  std::vector<Expr> dims;
  for (int64_t d : shape)
    dims.push_back(intImm(d));
  return std::make_shared<BufferNode>(name, dims, DType::Float32, s);
}

} // namespace tilec::ir::test
