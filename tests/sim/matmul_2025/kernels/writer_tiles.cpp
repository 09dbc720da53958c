// Writes `count` output tiles starting at tile `start`.
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t dst_addr = get_arg_val<uint32_t>(0);
  uint32_t count = get_arg_val<uint32_t>(1);
  uint32_t start = get_arg_val<uint32_t>(2);
  constexpr uint32_t cb_out = tt::CBIndex::c_16;
  const uint32_t tile_bytes = get_tile_size(cb_out);
  const InterleavedAddrGenFast<true> dst = {.bank_base_address = dst_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  for (uint32_t t = start; t < start + count; ++t) {
    cb_wait_front(cb_out, 1);
    noc_async_write_tile(t, dst, get_read_ptr(cb_out));
    noc_async_write_barrier();
    cb_pop_front(cb_out, 1);
  }
}
