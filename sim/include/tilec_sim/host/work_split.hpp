// split_work_to_cores: spread `units` over a grid; group 1 gets one more unit than group 2.
#pragma once
#include <tuple>

#include "tilec_sim/host/types.hpp"

namespace tt::tt_metal {
CoreRangeSet num_cores_to_corerangeset(uint32_t num_cores, const CoreCoord& grid, bool row_wise = false);
std::tuple<uint32_t, CoreRangeSet, CoreRangeSet, CoreRangeSet, uint32_t, uint32_t> split_work_to_cores(
    const CoreCoord& grid, uint32_t units, bool row_wise = false);
std::tuple<uint32_t, CoreRangeSet, CoreRangeSet, CoreRangeSet, uint32_t, uint32_t> split_work_to_cores(
    const CoreRangeSet& cores, uint32_t units, bool row_wise = false);
}  // namespace tt::tt_metal
namespace tt::tt_metal::detail {
using tt::tt_metal::split_work_to_cores;
}
