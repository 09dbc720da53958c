#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  uint32_t in0_addr = get_arg_val<uint32_t>(0);
  uint32_t in1_addr = get_arg_val<uint32_t>(1);
  uint32_t start = get_arg_val<uint32_t>(2);
  uint32_t count = get_arg_val<uint32_t>(3);
  constexpr auto in0_args = TensorAccessorArgs<0>();
  constexpr auto in1_args = TensorAccessorArgs<in0_args.next_compile_time_args_offset()>();
  const auto in0 = TensorAccessor(in0_args, in0_addr, get_tile_size(tt::CBIndex::c_0));
  const auto in1 = TensorAccessor(in1_args, in1_addr, get_tile_size(tt::CBIndex::c_1));
  for (uint32_t t = start; t < start + count; ++t) {
    cb_reserve_back(tt::CBIndex::c_0, 1);
    noc_async_read_page(t, in0, get_write_ptr(tt::CBIndex::c_0));
#if NUM_INPUTS == 2
    cb_reserve_back(tt::CBIndex::c_1, 1);
    noc_async_read_page(t, in1, get_write_ptr(tt::CBIndex::c_1));
#endif
    noc_async_read_barrier();
    cb_push_back(tt::CBIndex::c_0, 1);
#if NUM_INPUTS == 2
    cb_push_back(tt::CBIndex::c_1, 1);
#endif
  }
}
