// Writes n tiles of c_16 to DRAM pages 0..n-1.
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t dst_addr = get_arg_val<uint32_t>(0), n = get_arg_val<uint32_t>(1);
  const InterleavedAddrGenFast<true> dst = {.bank_base_address = dst_addr, .page_size = 2048, .data_format = DataFormat::Float16_b};
  for (uint32_t i = 0; i < n; ++i) {
    cb_wait_front(16, 1);
    noc_async_write_tile(i, dst, get_read_ptr(16));
    noc_async_write_barrier();
    cb_pop_front(16, 1);
  }
}
