#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  uint32_t out_addr = get_arg_val<uint32_t>(0);
  uint32_t start = get_arg_val<uint32_t>(1);
  uint32_t count = get_arg_val<uint32_t>(2);
  constexpr auto out_args = TensorAccessorArgs<0>();
  const auto out = TensorAccessor(out_args, out_addr, get_tile_size(tt::CBIndex::c_16));
  for (uint32_t t = start; t < start + count; ++t) {
    cb_wait_front(tt::CBIndex::c_16, 1);
    noc_async_write_page(t, out, get_read_ptr(tt::CBIndex::c_16));
    noc_async_write_barrier();
    cb_pop_front(tt::CBIndex::c_16, 1);
  }
}
