#include "dataflow_api.h"
void kernel_main() {
  uint32_t x0 = get_arg_val<uint32_t>(0), y0 = get_arg_val<uint32_t>(1);
  uint32_t x1 = get_arg_val<uint32_t>(2), y1 = get_arg_val<uint32_t>(3);
  uint32_t num_dests = get_arg_val<uint32_t>(4);
  cb_reserve_back(tt::CBIndex::c_0, 1);
  uint32_t addr = get_write_ptr(tt::CBIndex::c_0);
  noc_async_write_multicast(addr, get_noc_multicast_addr(x0, y0, x1, y1, addr), 2048, num_dests);
  noc_async_write_barrier();
}
