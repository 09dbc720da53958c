// Which shared buffers a SIMT statement reads and writes (insert-barriers and alias-shared-tiles
// both ask). A statement kind the scan does not know sets `unknown`: the passes then assume the
// worst (a barrier around it; no aliasing), so a new kind is safe before it is taught here.
#pragma once

#include "target/gpu/Simt.h"

#include <set>

namespace tilec::gpu {

using BufferSet = std::set<const ir::BufferNode *>;

struct SharedAccesses {
  BufferSet reads, writes, asyncWrites; // asyncWrites: cp.async destinations (land at a wait)
  BufferSet refills;                    // TMA destinations (land at their stage's mbarrier)
  bool unknown = false;                 // a statement kind this scan does not know
  BufferSet all() const;
};

// Everything `s` (and the statements inside it) touches in shared memory.
SharedAccesses sharedAccessesOf(const SStmt &s);
// The same scan for another memory scope. For Global: the tensors `s` reads (loads, the sources of
// vector copies, cp.async and TMA) and writes; an atomic update counts as a write only.
SharedAccesses memoryAccessesOf(const SStmt &s, ir::Scope scope);

} // namespace tilec::gpu
