// experimental/noc.h: the "Device 2.0" objects in namespace experimental, as the late-2025 releases
// between the two pinned ones had them (ttnn 0.81.1 moved them to api/dataflow/). Unpinned programs only.
#pragma once
#include "tilec_sim/kernel/level.h"
#if !TILEC_SIM_UNPINNED
#error "experimental/noc.h: no such header in the pinned release (TT-Metalium API level TILEC_SIM_API)"
#endif
#include "tilec_sim/kernel/noc_objects.h"
namespace experimental {
using ::CircularBuffer;
#ifndef TILEC_SIM_COMPUTE_KERNEL
using ::Noc;
using ::NocOptions;
using ::UnicastEndpoint;
using ::MulticastEndpoint;
#endif
}  // namespace experimental
