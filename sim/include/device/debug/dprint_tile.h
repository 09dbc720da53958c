// Forwarder at the TT-Metalium include path.
#pragma once
#include "tilec_sim/kernel/level.h"
#if TILEC_SIM_API == 2026
#error "debug/dprint_tile.h: no such header in ttnn 0.81.1 (TT-Metalium API level 2026)"
#endif
#include "tilec_sim/kernel/common.h"
