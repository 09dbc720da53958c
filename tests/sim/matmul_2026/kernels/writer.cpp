#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  uint32_t c_addr = get_arg_val<uint32_t>(0);
  uint32_t start = get_arg_val<uint32_t>(1);
  uint32_t count = get_arg_val<uint32_t>(2);
  constexpr uint32_t cb_out = tt::CBIndex::c_16;
  constexpr auto c_args = TensorAccessorArgs<0>();
  const auto c = TensorAccessor(c_args, c_addr);  // page size from the accessor args
  for (uint32_t t = start; t < start + count; ++t) {
    cb_wait_front(cb_out, 1);
    noc_async_write_page(t, c, get_read_ptr(cb_out));
    noc_async_writes_flushed();
    cb_pop_front(cb_out, 1);
  }
  noc_async_write_barrier();
}
