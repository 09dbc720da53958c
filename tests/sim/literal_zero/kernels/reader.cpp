// Reads one tile of A into c_0 and one tile of B into c_1.
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t a_addr = get_arg_val<uint32_t>(0), b_addr = get_arg_val<uint32_t>(1);
  const InterleavedAddrGenFast<true> a = {.bank_base_address = a_addr, .page_size = 2048, .data_format = DataFormat::Float16_b};
  const InterleavedAddrGenFast<true> b = {.bank_base_address = b_addr, .page_size = 2048, .data_format = DataFormat::Float16_b};
  cb_reserve_back(0, 1);
  noc_async_read_tile(0, a, get_write_ptr(0));
  cb_reserve_back(1, 1);
  noc_async_read_tile(0, b, get_write_ptr(1));
  noc_async_read_barrier();
  cb_push_back(0, 1);
  cb_push_back(1, 1);
}
