// Everything a TT-Metalium host program may use; every <tt-metalium/*.hpp> forwards here.
#pragma once
#include "tilec_sim/host/align.hpp"
#include "tilec_sim/host/api.hpp"
#include "tilec_sim/host/assert.hpp"
#include "tilec_sim/host/bfloat16.hpp"
#include "tilec_sim/host/distributed.hpp"
#include "tilec_sim/host/npy.hpp"
#include "tilec_sim/host/tilize.hpp"
#include "tilec_sim/host/work_split.hpp"
