#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t c_addr = get_arg_val<uint32_t>(0);
  uint32_t n_tiles = get_arg_val<uint32_t>(1);
  constexpr uint32_t cb_out = tt::CBIndex::c_16;
  const uint32_t tile_bytes = get_tile_size(cb_out);
  const InterleavedAddrGenFast<true> c = {.bank_base_address = c_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  for (uint32_t i = 0; i < n_tiles; ++i) {
    cb_wait_front(cb_out, 1);
    noc_async_write_tile(i, c, get_read_ptr(cb_out));
    noc_async_write_barrier();
    cb_pop_front(cb_out, 1);
  }
}
