#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  uint32_t a_addr = get_arg_val<uint32_t>(0);
  uint32_t b_addr = get_arg_val<uint32_t>(1);
  uint32_t Kt = get_arg_val<uint32_t>(2);
  uint32_t Nt = get_arg_val<uint32_t>(3);
  uint32_t start = get_arg_val<uint32_t>(4);
  uint32_t count = get_arg_val<uint32_t>(5);
  constexpr uint32_t cb_a = tt::CBIndex::c_0, cb_b = tt::CBIndex::c_1;
  constexpr auto a_args = TensorAccessorArgs<0>();
  constexpr auto b_args = TensorAccessorArgs<a_args.next_compile_time_args_offset()>();
  const auto a = TensorAccessor(a_args, a_addr, get_tile_size(cb_a));
  const auto b = TensorAccessor(b_args, b_addr, get_tile_size(cb_b));
  for (uint32_t t = start; t < start + count; ++t) {
    for (uint32_t k = 0; k < Kt; ++k) {
      cb_reserve_back(cb_a, 1);
      cb_reserve_back(cb_b, 1);
      noc_async_read_page((t / Nt) * Kt + k, a, get_write_ptr(cb_a));
      noc_async_read_page(k * Nt + t % Nt, b, get_write_ptr(cb_b));
      noc_async_read_barrier();
      cb_push_back(cb_a, 1);
      cb_push_back(cb_b, 1);
    }
  }
}
