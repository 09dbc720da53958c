// SDK include path of TT_FATAL/TT_THROW/TT_ASSERT; see tilec_sim/host/assert.hpp.
#pragma once
#include "tilec_sim/host/assert.hpp"
