// Forwarder at the TT-Metalium include path; the API lives in tilec_sim/kernel/.
#pragma once
#include "tilec_sim/kernel/compute.h"
