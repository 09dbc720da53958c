// Reads n pages of uint32 words into CB 0 with the Device 2.0 objects (2026): a Noc moving pages of a
// TensorAccessor into a CircularBuffer. Named compile-time args, constexpr tile size and format.
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/noc.h"
#include "api/tensor/noc_traits.h"
#include "hostdevcommon/kernel_structs.h"
#include "tt-metalium/constants.hpp"

void kernel_main() {
  constexpr uint32_t n_pages = get_named_compile_time_arg_val("n_pages");
  constexpr uint32_t tile_bytes = get_tile_size(tt::CBIndex::c_0);
  static_assert(get_dataformat(tt::CBIndex::c_0) == DataFormat::UInt32, "CB 0 holds uint32 tiles");
  static_assert(tile_bytes == tt::constants::TILE_HW * sizeof(uint32_t), "one uint32 tile per page");
  constexpr auto src_args = TensorAccessorArgs<0>();
  const auto src = TensorAccessor(src_args, get_arg_val<uint32_t>(0), tile_bytes);
  Noc noc;
  CircularBuffer cb(tt::CBIndex::c_0);
  // Two half-page reads per page exercise offset_bytes on both ends.
  for (uint32_t i = 0; i < n_pages; ++i) {
    cb.reserve_back(1);
    noc.async_read(src, cb, tile_bytes / 2, {.page_id = i}, {.offset_bytes = 0});
    noc.async_read(src, cb, tile_bytes / 2, {.page_id = i, .offset_bytes = tile_bytes / 2},
                   {.offset_bytes = tile_bytes / 2});
    noc.async_read_barrier();
    cb.push_back(1);
  }
}
