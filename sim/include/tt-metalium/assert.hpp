// SDK include path of TT_FATAL/TT_THROW/TT_ASSERT (2025 releases); see tilec_sim/host/assert.hpp.
#pragma once
#include "tilec_sim/host/assert.hpp"
