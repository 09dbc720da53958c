// TT-Metalium include path; forwards to the simulator host API.
#pragma once
#include "tilec_sim/host/all.hpp"
