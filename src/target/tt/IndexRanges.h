// Integer ranges of the index expressions a data-movement kernel computes from block indices,
// loop variables and lets. A tile transfer whose every position provably lies inside its tensor
// is emitted without a bounds test; anything not proven keeps the test (never the other way round).
#pragma once

#include "ir/IR.h"

#include <cstdint>
#include <map>
#include <optional>

namespace tilec::tt {

struct IndexRange {
  int64_t lo = 0, hi = 0; // inclusive
};

class IndexRanges {
public:
  void bind(const ir::VarNode *v, IndexRange r) { ranges_[v] = r; }
  void unbind(const ir::VarNode *v) { ranges_.erase(v); }
  // The values `e` can take given the bound variables; nullopt when unknown (an unbound variable,
  // a load, a non-constant divisor, a size that could overflow).
  std::optional<IndexRange> of(const ir::Expr &e) const;

private:
  std::map<const ir::VarNode *, IndexRange> ranges_;
};

} // namespace tilec::tt
