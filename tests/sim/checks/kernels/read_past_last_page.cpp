#include "dataflow_api.h"
void kernel_main() {
  const InterleavedAddrGenFast<true> src = {.bank_base_address = get_arg_val<uint32_t>(0), .page_size = 2048, .data_format = DataFormat::Float16_b};
  cb_reserve_back(tt::CBIndex::c_0, 1);
  // The buffer has pages 0..3, one per bank; page 4 would sit in bank 4's slot, which it leaves unused.
  noc_async_read_tile(4, src, get_write_ptr(tt::CBIndex::c_0));
  noc_async_read_barrier();
  cb_push_back(tt::CBIndex::c_0, 1);
}
