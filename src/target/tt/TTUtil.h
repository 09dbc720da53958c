// Small helpers shared by the TT passes and printers: C++ spelling of index expressions, tile
// arithmetic, data formats.
#pragma once

#include "ir/IR.h"
#include "target/tt/KernelExpr.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tilec::tt {

constexpr int kTile = 32;

// C++ text of an integer index expression; variables are spelled by their symbols (the kernels
// and the host declare a local for every block index, loop index and size they use).
std::string cxx(const ir::Expr &e);

// Where the C++ identifier of an IR variable, size or buffer goes: its symbol
// (target/Symbols.h), which becomes a unique identifier when the program is printed. Names made
// from a buffer's (`cb_` + name, name + `_addr`) are written as text glued to it.
std::string cxxName(const ir::Var &v);
std::string cxxName(const ir::Buffer &b);

// e / n (n = 32 by default) as an expression, simplified when e is a visible multiple of n
// (`by * 64` → `by * 2`). nullopt when e is not provably a multiple of n.
std::optional<ir::Expr> divideByTile(const ir::Expr &e, int64_t n = kTile);


// The tile grid of a tile buffer (shared/fragment/local): rows x cols of 32x32 tiles. A 1-D
// buffer of n elements is n/32 tiles (one row of them, whatever its layout); a one-element buffer
// (what reducing a whole vector leaves) is one tile holding its value at element (0, 0), where a
// row vector and a column vector both keep element 0 — so it needs no vector layout.
// A dimension of d elements that is not a multiple of 32 is held in ceil(d / 32) tiles whose first
// d rows (columns) are the data and the rest, at the end of the last tile, padding
// (docs/TT_BACKEND.md, "Tiles smaller than 32"): MaskPaddedTiles.cpp keeps the padding out of
// reductions and products.
struct TileGrid {
  int64_t rows = 1, cols = 1;
  int64_t count() const { return rows * cols; }
};
// Throws CompileError (at the buffer's allocation) when the shape is not constant, or not 1-D/2-D.
bool isScalarTile(const ir::Buffer &b);
TileGrid tileGrid(const ir::Buffer &b);
// Tiles along a dimension of d elements, ceil(d / 32), and the elements of a tensor's dimension
// one DRAM page holds when the kernel moves it in tiles of d (d when d < 32, else 32).
int64_t tilesAlong(int64_t d);
int64_t elementsPerTile(int64_t d);

// The tt::DataFormat of a dtype's tiles, and bytes per 32x32 tile.
DataFormat dataFormat(ir::DType t);
int tileBytes(ir::DType t);
bool supportedOnTT(ir::DType t);
// Dtypes the readers and writers move (a TT-Metalium data format: the float ones, Int32, UInt32,
// Int8, and bool as UInt8), which compute may not touch unless supportedOnTT.
bool movableOnTT(ir::DType t);

// A float literal for fill_tile ("-INFINITY" for -inf).
std::string floatLiteral(double v);

// An identifier-safe version of a name that is not an IR node's (the kernel function's name).
std::string identifier(const std::string &name);

// Does `e` mention any of `vars`?
bool mentions(const ir::Expr &e, const std::vector<ir::Var> &vars);

} // namespace tilec::tt
