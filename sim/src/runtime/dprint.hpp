// The DPRINT server side (dprint.cpp): lines per core and hardware thread, never interleaved.
#pragma once
#include "kernel_instance.hpp"

namespace tilec::sim::rt {

// Reads TT_METAL_DPRINT_* once (a bad value stops the run before any kernel starts).
void loadDprintSettings();
// A kernel finished: a line it left without "\n"/ENDL() is written, not lost.
void flushKernelDprints(KernelInstance& k);
// The run stops (a diagnostic follows): every pending partial line is written first.
void flushAllDprints();

}  // namespace tilec::sim::rt
