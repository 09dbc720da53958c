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

// The elements per page along one tensor dimension that a copy of `extent` elements asks for:
// the extent when it is below 32, else 32 (tileGrid refuses other extents at the tile).
int64_t pageExtentFor(const Expr &extent) {
  auto e = asConstInt(extent);
  return e ? elementsPerTile(*e) : kTile;
}

class PageExtentChooser : public IRVisitor {
public:
  explicit PageExtentChooser(TensorPlan &t) : t_(t) {}

protected:
  void visitCopy(const Copy &c) override {
    if (c.src.buffer == t_.buffer)
      fromCopy(c.src, c.dst.buffer);
    else if (c.dst.buffer == t_.buffer)
      fromCopy(c.dst, c.src.buffer);
  }

private:
  TensorPlan &t_;
  std::optional<int64_t> rows_, cols_;

  void fromCopy(const Region &dram, const Buffer &tile) {
    if (tile->scope == Scope::Global)
      return;
    size_t rank = dram.buffer->rank();
    if (rank == 1) {
      bool row = t_.layout == VectorLayout::Row;
      agree(row ? cols_ : rows_, row ? t_.pageCols : t_.pageRows, pageExtentFor(dram.extents[0]), dram, "elements");
      return;
    }
    size_t rowDim = t_.order[rank - 2], colDim = t_.order[rank - 1];
    if (tile->rank() == 1) {
      // A vector read from one row of a matrix (extent 1 along the rows) is a row of pages of one
      // row each, a row vector; other vector copies keep whole pages.
      if (asConstInt(dram.extents[rowDim]).value_or(0) != 1)
        return;
      agree(rows_, t_.pageRows, 1, dram, "rows");
      agree(cols_, t_.pageCols, pageExtentFor(dram.extents[colDim]), dram, "columns");
      return;
    }
    agree(rows_, t_.pageRows, pageExtentFor(dram.extents[rowDim]), dram, "rows");
    agree(cols_, t_.pageCols, pageExtentFor(dram.extents[colDim]), dram, "columns");
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

} // namespace

void choosePageExtents(const PrimFunc &f, TensorPlan &t) {
  PageExtentChooser chooser(t);
  chooser.visit(f.body);
}

} // namespace tilec::tt
