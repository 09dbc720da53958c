#include "target/tt/compute/CbProtocol.h"

#include <fmt/format.h>
#include <set>

namespace tilec::tt {

void InitTracker::ensure(KBody &out, const std::string &key, const KStmt &init) {
  keys.push_back(key);
  initFor[key] = init;
  if (key == current)
    return;
  out.push_back(init);
  current = key;
}

int largestDivisorAtMost(int n, int limit) {
  for (int c = std::min(n, limit); c > 1; --c)
    if (n % c == 0)
      return c;
  return 1;
}

CbProtocol::CbProtocol(TTProgram &p) : p_(p) {
  std::set<int> formats;
  for (const CbPlan &cb : p.cbs)
    if (cb.role == CbRole::Output || cb.role == CbRole::Intermediate)
      formats.insert(static_cast<int>(cb.dtype));
  mixedPackFormats_ = formats.size() > 1;
}

const CbPlan *CbProtocol::cbOf(const ir::BufferNode *b) const {
  for (const CbPlan &cb : p_.cbs)
    if (cb.buffer.get() == b)
      return &cb;
  return nullptr;
}

const CbPlan &CbProtocol::cbOf(const ir::Buffer &b, SourceLoc loc) const {
  const CbPlan *cb = cbOf(b.get());
  if (!cb)
    fail(loc, "internal: no circular buffer for '" + b->name + "'");
  return *cb;
}

void CbProtocol::noteFamily(const std::string &family, std::vector<KExpr> cbs) {
  if (firstFamily.empty()) {
    firstFamily = family;
    firstCbs = std::move(cbs);
  }
}

// ---- held tiles ----

KBody CbProtocol::popIfHeld(const CbPlan &cb) {
  if (!held_[cb.buffer.get()])
    return {};
  held_[cb.buffer.get()] = false;
  return {kCall("cb_pop_front", {kName(cb.name), kInt(cb.valueTiles)})};
}

KBody CbProtocol::popHeldSince(Held before) {
  KBody out;
  // in CB order, not pointer order: the printed kernel must not depend on where nodes live
  for (const CbPlan &cb : p_.cbs)
    if (cb.buffer && held_[cb.buffer.get()] && !before[cb.buffer.get()])
      append(out, popIfHeld(cb));
  return out;
}

void CbProtocol::requireHeld(const ir::BufferNode *b, SourceLoc loc) {
  const CbPlan *cb = cbOf(b);
  if (!cb || cb->role == CbRole::Scaler || held_[b])
    return;
  fail(loc, "'" + b->name + "' is read here before any value was written to it (T.clear or T.fill it first)");
}

KStmt CbProtocol::waitWhole(const CbPlan &cb) {
  held_[cb.buffer.get()] = true;
  return kCall("cb_wait_front", {kName(cb.name), kInt(cb.valueTiles)});
}

// ---- inits ----

KBody CbProtocol::hoisted(const std::function<void(KBody &)> &gen, const std::function<KBody(KBody)> &wrap) {
  InitTracker saved = inits_;
  inits_.current = "";
  inits_.keys.clear();
  KBody scratch;
  gen(scratch);
  std::set<std::string> keys(inits_.keys.begin(), inits_.keys.end());
  std::map<std::string, KStmt> initFor = inits_.initFor;
  inits_ = saved;
  KBody out;
  if (keys.size() == 1)
    inits_.ensure(out, *keys.begin(), initFor.at(*keys.begin()));
  else
    inits_.current = "";
  KBody body;
  gen(body);
  append(out, wrap(body));
  if (keys.size() > 1)
    inits_.current = "";
  return out;
}

// ---- producing values ----

KBody CbProtocol::packChunk(const CbPlan &dst, int tiles, const Production &how, bool rotate) const {
  KExpr cb = kName(dst.name), n = kInt(tiles), u = kName("u");
  KBody out = {kCall("tile_regs_commit")};
  if (rotate)
    out.push_back(kCall("cb_pop_front", {cb, n}));
  out.push_back(kCall("tile_regs_wait"));
  out.push_back(kCall("cb_reserve_back", {cb, n}));
  if (mixedPackFormats_)
    out.push_back(kCall("pack_reconfig_data_format", {cb}));
  KExpr slot = mul(u, how.slotsPerTile);
  if (how.columnRows > 0 && tiles == how.columnRows * how.columnCols)
    slot = add(mul(mod(u, how.columnCols), how.columnRows), div(u, how.columnCols));
  if (how.l1Accumulate)
    out.push_back(kCall("pack_reconfig_l1_acc", {kInt(1)}));
  if (tiles == 1)
    out.push_back(kCall("pack_tile", {kInt(0), cb}));
  else
    out.push_back(kFor(u, kInt(0), n, {kCall("pack_tile", {slot, cb})}));
  if (how.l1Accumulate)
    out.push_back(kCall("pack_reconfig_l1_acc", {kInt(0)}));
  out.push_back(kCall("cb_push_back", {cb, n}));
  out.push_back(kCall("tile_regs_release"));
  return out;
}

// One pass over the tiles of a chunk; its init hoisted out of the loop when it needs only one.
KBody CbProtocol::tilePass(const PerTile &perTile, int chunk, int slotsPerTile, bool chunked) {
  KExpr u = kName("u"), t = kName("t"), t0 = kName("t0");
  auto generate = [&](KBody &body) {
    TileSite site;
    site.t = chunk == 1 ? (chunked ? t0 : kInt(0)) : (chunked ? t : u);
    site.u = chunk == 1 ? kInt(0) : u;
    KExpr slot = chunk == 1 ? kInt(0) : mul(u, slotsPerTile);
    KBody tile;
    perTile(site, slot, tile);
    if (chunk > 1 && chunked && usesName(tile, "t"))
      body.push_back(kDecl(KType::ConstU32, t, add(t0, u)));
    append(body, tile);
  };
  return hoisted(generate, [&](KBody body) -> KBody {
    if (chunk == 1)
      return body;
    return {kFor(u, kInt(0), kInt(chunk), body)};
  });
}

// Computes every tile of `dst` chunk by chunk.
KBody CbProtocol::produce(const CbPlan &dst, bool rotate, const Production &how, SourceLoc loc) {
  int dstTiles = p_.compute.dstTiles;
  if (how.slotsPerTile > dstTiles)
    fail(loc, fmt::format("this expression needs {} DST tiles at once but only {} fit; split it into "
                          "several statements",
                          how.slotsPerTile, dstTiles));
  int n = dst.valueTiles;
  int c = largestDivisorAtMost(n, dstTiles / how.slotsPerTile);
  bool chunked = n > c;
  KExpr t0 = kName("t0");
  auto chunkBody = [&](KBody &body) {
    body.push_back(kCall("tile_regs_acquire"));
    if (how.perChunk)
      how.perChunk(chunked ? t0 : kInt(0), body);
    else
      for (const PerTile &pass : how.passes)
        append(body, tilePass(pass, c, how.slotsPerTile, chunked));
    append(body, packChunk(dst, c, how, rotate));
  };
  return hoisted(chunkBody, [&](KBody body) -> KBody {
    if (!chunked)
      return body;
    return {kFor(t0, kInt(0), kInt(n), body, kInt(c))};
  });
}

KBody CbProtocol::define(const CbPlan &dst, bool update, const Production &how, SourceLoc loc) {
  if (dst.role == CbRole::Output)
    return produce(dst, false, how, loc);
  KBody out;
  if (update)
    requireHeld(dst.buffer.get(), loc);
  else
    append(out, popIfHeld(dst));
  append(out, produce(dst, update, how, loc));
  out.push_back(waitWhole(dst));
  return out;
}

} // namespace tilec::tt
