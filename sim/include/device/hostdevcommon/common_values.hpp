// Forwarder at the TT-Metalium include path.
#pragma once
#include "tilec_sim/kernel/common.h"
