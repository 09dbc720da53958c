// How many of a tensor's rows and columns one DRAM page holds (TensorPlan::pageRows/pageCols).
// A page is one 32x32 tile. When the kernel moves a tensor in tiles of d < 32 rows (a 16x64
// fragment, a 1-row decode tile, K steps of 16), each page holds d rows and the host pads it to
// 32 with zeros: the reader then reads the kernel's tile as whole pages at page-aligned offsets,
// never part of a page, and the writer writes whole pages whose padding the host drops
// (docs/TT_BACKEND.md, "Tiles smaller than 32"). Every copy of the tensor must agree on it.
#include "target/tt/SmallTiles.h"
#include "target/tt/TTUtil.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <fmt/format.h>

namespace tilec::tt {

using namespace ir;

namespace {

// The elements per page along tensor dimension `dim` that a copy of `dram` asks for: its extent
// when it is below 32, else 32. A tile of d > 32 elements, d not a multiple of 32, ends inside its
// last page; the rest of that page must be the host's padding, never rows of the tensor past the
// tile (a read would see them as data where the masks assume zeros, a write would clobber them):
// the copy must reach the end of the dimension.
int64_t pageExtentFor(const Region &dram, size_t dim) {
  auto e = asConstInt(dram.extents[dim]);
  if (!e)
    return kTile;
  if (*e > kTile && *e % kTile) {
    auto start = asConstInt(dram.starts[dim]), size = asConstInt(dram.buffer->shape[dim]);
    if (!start || !size || *start + *e != *size)
      fail(dram.loc, fmt::format("this copy moves {} elements (not a multiple of 32) along dimension {} of '{}' and "
                                 "does not reach its end; on Tenstorrent the tile's last 32-element page would also "
                                 "hold the elements after it: use a multiple of 32, fewer than 32, or a copy to the "
                                 "end of the tensor",
                                 *e, dim, dram.buffer->name));
  }
  return elementsPerTile(*e);
}

class PageExtentChooser : public IRVisitor {
public:
  PageExtentChooser(TensorPlan &t, const Layouts &layouts) : t_(t), layouts_(layouts) {}

protected:
  void visitCopy(const Copy &c) override {
    if (c.src.buffer == t_.buffer)
      fromCopy(c.src, c.dst.buffer);
    else if (c.dst.buffer == t_.buffer)
      fromCopy(c.dst, c.src.buffer);
  }

private:
  TensorPlan &t_;
  const Layouts &layouts_;
  std::optional<int64_t> rows_, cols_;

  void fromCopy(const Region &dram, const Buffer &tile) {
    if (tile->scope == Scope::Global)
      return;
    size_t rank = dram.buffer->rank();
    if (rank == 1) {
      bool row = t_.layout == VectorLayout::Row;
      agree(row ? cols_ : rows_, row ? t_.pageCols : t_.pageRows, pageExtentFor(dram, 0), dram, "elements");
      return;
    }
    size_t rowDim = t_.order[rank - 2], colDim = t_.order[rank - 1];
    if (tile->rank() == 1 && !isScalarTile(tile)) {
      // A vector read from one row (column) of the matrix the tiles span: pages of one row
      // (column) each; chooseVectorOrder stored the tensor so that the vector lies along the
      // tile's layout.
      bool row = vectorLayoutOf(tile) == VectorLayout::Row;
      agree(row ? rows_ : cols_, row ? t_.pageRows : t_.pageCols, 1, dram, row ? "rows" : "columns");
      agree(row ? cols_ : rows_, row ? t_.pageCols : t_.pageRows, pageExtentFor(dram, row ? colDim : rowDim),
            dram, row ? "columns" : "rows");
      return;
    }
    agree(rows_, t_.pageRows, pageExtentFor(dram, rowDim), dram, "rows");
    agree(cols_, t_.pageCols, pageExtentFor(dram, colDim), dram, "columns");
  }

  VectorLayout vectorLayoutOf(const Buffer &b) const {
    auto it = layouts_.find(b.get());
    return it == layouts_.end() ? VectorLayout::Row : it->second;
  }

  void agree(std::optional<int64_t> &seen, int64_t &out, int64_t want, const Region &at, const char *what) {
    if (seen && *seen != want)
      fail(at.loc, fmt::format("'{}' is moved in tiles of {} {} here and of {} elsewhere; on Tenstorrent a tensor "
                               "moved in tiles of fewer than 32 {} is stored with that many per page, so every "
                               "copy of it must use the same tile size",
                               at.buffer->name, want, what, *seen, what));
    seen = want;
    out = want;
  }
};

// Along which of its tile's two dimensions (0: down a column, 1: along a row) a vector-shaped tile
// holds its elements: a 1-D tile by its layout, a 2-D tile of one row or one column by its shape.
std::optional<int> tileVectorAxis(const Buffer &tile, const Layouts &layouts) {
  if (tile->rank() == 1) {
    auto it = layouts.find(tile.get());
    return it != layouts.end() && it->second == VectorLayout::Col ? 0 : 1;
  }
  auto shape = constShape(tile);
  if (!shape || shape->size() != 2 || ((*shape)[0] == 1) == ((*shape)[1] == 1))
    return std::nullopt;
  return (*shape)[0] == 1 ? 1 : 0;
}

// The one non-unit dimension of a copy's region into a vector tile (-1 when none or several).
int vectorDim(const Region &r) {
  int dim = -1;
  for (size_t d = 0; d < r.extents.size(); ++d)
    if (asConstInt(r.extents[d]).value_or(0) != 1) {
      if (dim >= 0)
        return -1;
      dim = static_cast<int>(d);
    }
  return dim;
}

} // namespace

void chooseVectorOrder(const PrimFunc &f, TensorPlan &t, const Layouts &layouts) {
  size_t rank = t.buffer->rank();
  if (rank < 2)
    return;
  struct Demands : IRVisitor {
    const TensorPlan &t;
    const Layouts &layouts;
    std::optional<bool> transposed;
    Demands(const TensorPlan &tp, const Layouts &l) : t(tp), layouts(l) {}
    void visitCopy(const Copy &c) override {
      bool fromTensor = c.src.buffer == t.buffer;
      if (!fromTensor && c.dst.buffer != t.buffer)
        return;
      const Region &dram = fromTensor ? c.src : c.dst;
      const Buffer &tile = fromTensor ? c.dst.buffer : c.src.buffer;
      if (tile->scope == Scope::Global || isScalarTile(tile))
        return; // a one-element tile lies at (0, 0) in either order
      size_t r = t.buffer->rank();
      bool wants = false; // does this copy need the tiles' two dims swapped?
      if (auto axis = tileVectorAxis(tile, layouts)) {
        int d = vectorDim(dram);
        bool column = *axis == 0;
        // a row vector lies along the tiles' columns, a column vector along their rows
        size_t along = column ? t.order[r - 2] : t.order[r - 1];
        if (d >= 0 && static_cast<size_t>(d) != along) {
          if (r > 2)
            fail(dram.loc, fmt::format("this copy moves a {} vector along dimension {} of '{}', which its tiles "
                                       "lay out the other way; on Tenstorrent only a 2-D tensor is stored "
                                       "transposed for that",
                                       column ? "column" : "row", d, t.buffer->name));
          wants = true;
        }
      }
      if (transposed && *transposed != wants)
        fail(dram.loc, "'" + t.buffer->name + "' is read here as " + (wants ? "a column vector of its rows" : "tiles in its own order") +
                           " and elsewhere " + (wants ? "in its own order" : "as a column vector of its rows") +
                           "; on Tenstorrent a tensor is stored in one order");
      transposed = wants;
    }
  } demands(t, layouts);
  demands.visit(f.body);
  if (demands.transposed.value_or(false))
    std::swap(t.order[rank - 2], t.order[rank - 1]);
}

void choosePageExtents(const PrimFunc &f, TensorPlan &t, const Layouts &layouts) {
  PageExtentChooser chooser(t, layouts);
  chooser.visit(f.body);
}

} // namespace tilec::tt
