// The CB/DST protocol engine of the compute kernel (docs/TT_BACKEND.md). It knows, at every point
// of the block body, which tile buffers compute holds (their whole value waited for at the CB
// front), and turns "compute a new value of this tile" into the protocol:
//   - a destination of n tiles is computed in chunks of c tiles, c the largest divisor of n whose
//     c x (slots per tile) fits DST; per chunk: acquire, compute into DST, commit, wait, reserve,
//     pack, push, release;
//   - overwriting a held intermediate first pops its old value; afterwards compute waits for the
//     new one (it is both producer and consumer of intermediate CBs);
//   - updating a tile in place rotates its CB: each chunk's old tiles are read from the front,
//     popped, and the new tiles pushed at the back — after a full pass the order is restored.
// What goes into DST for each tile or chunk is the caller's (a Production); which op family needs
// which init is tracked here too, so an init is emitted only when the family or its CBs change.
#pragma once

#include "target/tt/KernelIR.h"
#include "target/tt/TTProgram.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tilec::tt {

// Each op family needs its init before first use and after another family ran. `keys` collects
// what a region of code needed, so a loop whose body needs a single init can have it hoisted.
struct InitTracker {
  std::string current; // "" = unknown
  std::vector<std::string> keys;
  std::map<std::string, KStmt> initFor;
  void ensure(KBody &out, const std::string &key, const KStmt &init);
};

// Where the tile being computed is: `t` its index in the destination's row-major tile order,
// `u` its position in the current DST chunk.
struct TileSite {
  KExpr t = kInt(0), u = kInt(0);
  int64_t dstCols = 1;                      // tiles per row of the destination
  bool dst2d = true;                        // the map is over a 2-D tile
  const ir::BufferNode *rotating = nullptr; // destination rewritten in place: its tiles sit at the CB front
};

// Emits the ops that leave the value of the tile at `site` in DST slot `slot`.
using PerTile = std::function<void(const TileSite &site, const KExpr &slot, KBody &out)>;
// Emits the ops that fill a whole DST chunk whose first tile is `first`.
using PerChunk = std::function<void(const KExpr &first, KBody &out)>;

// How the tiles of one destination are computed.
struct Production {
  std::vector<PerTile> passes; // run in order over each chunk's tiles
  int slotsPerTile = 1;        // DST slots one tile's passes use (its value in the first)
  PerChunk perChunk;           // when set: computes a whole chunk in place of the passes
  // When > 0: DST holds the chunk's tiles column-major (columnRows rows of columnCols tiles), and
  // the packer reads slot (u % columnCols) * columnRows + u / columnCols for its u-th tile.
  int64_t columnRows = 0, columnCols = 0;
  bool l1Accumulate = false;   // the packer adds onto the CB page (partials stay in L1)
};

class CbProtocol {
public:
  explicit CbProtocol(TTProgram &p);

  const TTProgram &program() const { return p_; }
  const CbPlan *cbOf(const ir::BufferNode *b) const;
  const CbPlan &cbOf(const ir::Buffer &b, SourceLoc loc) const;

  // ---- which tiles compute holds ----
  using Held = std::map<const ir::BufferNode *, bool>;
  bool holds(const ir::BufferNode *b) { return held_[b]; }
  void setHeld(const ir::BufferNode *b, bool held) { held_[b] = held; }
  const Held &held() const { return held_; }
  // Pops `cb` when compute holds it.
  KBody popIfHeld(const CbPlan &cb);
  // Pops, in CB order, every tile held now that `before` did not hold (all of them: `before` empty).
  KBody popHeldSince(Held before);
  // Fails (at `loc`) when `b` is read before any value was written to it.
  void requireHeld(const ir::BufferNode *b, SourceLoc loc);
  // Waits for `cb`'s whole value and holds it.
  KStmt waitWhole(const CbPlan &cb);

  // ---- inits ----
  InitTracker &inits() { return inits_; }
  void ensureInit(KBody &out, const std::string &key, const KStmt &init) { inits_.ensure(out, key, init); }
  void forgetInit() { inits_.current = ""; }
  // Generates `gen`'s code once in a dry run; if it needed exactly one init, that init goes before
  // `wrap` (a loop) and the real body has none.
  KBody hoisted(const std::function<void(KBody &)> &gen, const std::function<KBody(KBody)> &wrap);

  // ---- producing values ----
  // Writes a new value into `dst`: Output CBs are simply produced; intermediates are popped first
  // (overwrite) or rotated (update), then held again.
  KBody define(const CbPlan &dst, bool update, const Production &how, SourceLoc loc);
  // commit .. release of one chunk of `tiles` tiles of `dst` (rotate: pop the old ones first).
  KBody packChunk(const CbPlan &dst, int tiles, const Production &how, bool rotate) const;

  // The op family the kernel starts with and its CBs (for the hardware startup call).
  void noteFamily(const std::string &family, std::vector<KExpr> cbs);
  std::string firstFamily;
  std::vector<KExpr> firstCbs;

private:
  TTProgram &p_;
  Held held_;
  InitTracker inits_;
  bool mixedPackFormats_ = false;

  KBody produce(const CbPlan &dst, bool rotate, const Production &how, SourceLoc loc);
  KBody tilePass(const PerTile &perTile, int chunk, int slotsPerTile, bool chunked);
};

// The largest c <= limit dividing n (1 when none does).
int largestDivisorAtMost(int n, int limit);

} // namespace tilec::tt
