// Forwarder at the TT-Metalium include path ("Device 2.0" objects); see tilec_sim/kernel/noc_objects.h.
#pragma once
#include "tilec_sim/kernel/level.h"
#if TILEC_SIM_API == 2025
#error "api/dataflow/circular_buffer.h: no such header in tt-metal v0.63.0 (TT-Metalium API level 2025)"
#endif
#include "tilec_sim/kernel/noc_objects.h"
