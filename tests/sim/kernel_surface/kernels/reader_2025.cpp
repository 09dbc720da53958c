// Reads n pages of uint32 words into CB 0 (2025 spelling). The page count comes from a named
// compile-time arg; tile size and format are constant expressions compiled from the program's CBs.
#include <cstdint>
#include "dataflow_api.h"
#include "hostdevcommon/kernel_structs.h"
#include "tt-metalium/constants.hpp"

void kernel_main() {
  constexpr uint32_t n_pages = get_named_compile_time_arg_val("n_pages");
  constexpr uint32_t cb = tt::CBIndex::c_0;
  constexpr uint32_t tile_bytes = get_tile_size(cb);
  static_assert(get_dataformat(cb) == DataFormat::UInt32, "CB 0 holds uint32 tiles");
  static_assert(tile_bytes == tt::constants::TILE_HW * sizeof(uint32_t), "one uint32 tile per page");
  const uint32_t src_addr = get_arg_val<uint32_t>(0);
  const InterleavedAddrGenFast<true> src = {.bank_base_address = src_addr, .page_size = tile_bytes,
                                            .data_format = get_dataformat(cb)};
  for (uint32_t i = 0; i < n_pages; ++i) {
    cb_reserve_back(cb, 1);
    noc_async_read_tile(i, src, get_write_ptr(cb));
    noc_async_read_barrier();
    cb_push_back(cb, 1);
  }
}
