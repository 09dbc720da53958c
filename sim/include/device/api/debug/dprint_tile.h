// Forwarder at the TT-Metalium include path.
#pragma once
#include "tilec_sim/kernel/level.h"
#if TILEC_SIM_API == 2025
#error "api/debug/dprint_tile.h: no such header in tt-metal v0.63.0 (TT-Metalium API level 2025)"
#endif
#include "tilec_sim/kernel/common.h"
