// Writes `tiles` tiles of c_16 to DRAM.
#include <cstdint>

void kernel_main() {
  uint32_t dst = get_arg_val<uint32_t>(0);
  uint32_t tiles = get_arg_val<uint32_t>(1);
  const InterleavedAddrGenFast<true> out = {.bank_base_address = dst, .page_size = 2048, .data_format = DataFormat::Float16_b};
  for (uint32_t i = 0; i < tiles; ++i) {
    cb_wait_front(tt::CBIndex::c_16, 1);
    noc_async_write_tile(i, out, get_read_ptr(tt::CBIndex::c_16));
    noc_async_write_barrier();
    cb_pop_front(tt::CBIndex::c_16, 1);
  }
}
