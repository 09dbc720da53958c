// Interval arithmetic over integer index expressions (see IndexRanges.h). The linear form is taken
// first, so `by * 64 + i - by * 64` is exactly [0, 31] rather than an interval that forgot the
// two `by` terms cancel; its atoms are then bounded one by one.
#include "target/tt/IndexRanges.h"

#include "transform/Analysis.h"

#include <algorithm>

namespace tilec::tt {

using namespace ir;

namespace {

// Ranges far beyond any tensor are treated as unknown, so no product below can overflow.
constexpr int64_t kLimit = int64_t(1) << 40;

std::optional<IndexRange> checked(int64_t lo, int64_t hi) {
  if (lo < -kLimit || hi > kLimit || lo > hi)
    return std::nullopt;
  return IndexRange{lo, hi};
}

std::optional<IndexRange> scaled(IndexRange r, int64_t c) {
  if (c < -kLimit || c > kLimit)
    return std::nullopt;
  int64_t a = r.lo * c, b = r.hi * c;
  return checked(std::min(a, b), std::max(a, b));
}

} // namespace

std::optional<IndexRange> IndexRanges::of(const Expr &e) const {
  if (!e)
    return std::nullopt;
  if (auto *imm = e->as<IntImm>())
    return checked(imm->value, imm->value);
  if (auto *v = e->as<VarNode>()) {
    auto it = ranges_.find(v);
    return it == ranges_.end() ? std::nullopt : std::optional<IndexRange>(it->second);
  }
  auto form = transform::linearize(e);
  // A form whose only term is `e` itself (an atom such as `x // 32`) is bounded below instead.
  bool atomItself = form && form->terms.size() == 1 && form->terms[0].coeff == 1 && form->constant == 0 &&
                    form->terms[0].atom.get() == e.get();
  if (form && !atomItself) {
    IndexRange sum{form->constant, form->constant};
    for (const transform::LinearTerm &t : form->terms) {
      auto atom = of(t.atom);
      if (!atom)
        return std::nullopt;
      auto part = scaled(*atom, t.coeff);
      if (!part)
        return std::nullopt;
      auto next = checked(sum.lo + part->lo, sum.hi + part->hi);
      if (!next)
        return std::nullopt;
      sum = *next;
    }
    return sum;
  }
  auto *b = e->as<Binary>();
  if (!b)
    return std::nullopt;
  auto a = of(b->a), c = of(b->b);
  if (!a || !c)
    return std::nullopt;
  switch (b->op) {
  case BinaryOp::Min:
    return checked(std::min(a->lo, c->lo), std::min(a->hi, c->hi));
  case BinaryOp::Max:
    return checked(std::max(a->lo, c->lo), std::max(a->hi, c->hi));
  case BinaryOp::FloorDiv: // by a positive constant: monotone
    if (c->lo != c->hi || c->lo <= 0)
      return std::nullopt;
    return checked(a->lo >= 0 ? a->lo / c->lo : -((-a->lo + c->lo - 1) / c->lo),
                   a->hi >= 0 ? a->hi / c->lo : -((-a->hi + c->lo - 1) / c->lo));
  case BinaryOp::FloorMod:
    if (c->lo != c->hi || c->lo <= 0)
      return std::nullopt;
    if (a->lo >= 0 && a->hi < c->lo)
      return *a;
    return checked(0, c->lo - 1);
  case BinaryOp::Mul: { // both sides variable (a constant side was handled by the linear form)
    int64_t xs[] = {a->lo * c->lo, a->lo * c->hi, a->hi * c->lo, a->hi * c->hi};
    if (std::max({std::abs(a->lo), std::abs(a->hi), std::abs(c->lo), std::abs(c->hi)}) > (int64_t(1) << 20))
      return std::nullopt;
    return checked(*std::min_element(xs, xs + 4), *std::max_element(xs, xs + 4));
  }
  default:
    return std::nullopt;
  }
}

} // namespace tilec::tt
