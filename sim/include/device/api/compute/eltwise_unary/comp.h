// Forwarder at the TT-Metalium include path; the API lives in tilec_sim/kernel/.
#pragma once
#include "tilec_sim/kernel/level.h"
#if TILEC_SIM_API == 2025
#error "api/compute/eltwise_unary/comp.h: no such header in tt-metal v0.63.0 (TT-Metalium API level 2025)"
#endif
#include "tilec_sim/kernel/compute.h"
