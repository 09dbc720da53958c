// UMD's xy_pair.hpp: tt_xy_pair, the coordinate pair CoreCoord is an alias of.
#pragma once
#include "tilec_sim/host/types.hpp"
