// Forwarder at the TT-Metalium include path; the API lives in tilec_sim/kernel/.
#pragma once
#include "tilec_sim/kernel/level.h"
#if TILEC_SIM_API == 2026
#error "compute_kernel_api/eltwise_unary/comp.h: no such header in ttnn 0.81.1 (TT-Metalium API level 2026)"
#endif
#include "tilec_sim/kernel/compute.h"
