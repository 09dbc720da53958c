// Writes tiles [start, start + count) of c_16 to an interleaved DRAM buffer.
#include <cstdint>

void kernel_main() {
  const uint32_t c_addr = get_arg_val<uint32_t>(0);
  const uint32_t start = get_arg_val<uint32_t>(1);
  const uint32_t count = get_arg_val<uint32_t>(2);
  constexpr auto c_args = TensorAccessorArgs<0>();
  const auto c = TensorAccessor(c_args, c_addr, get_tile_size(tt::CBIndex::c_16));
  for (uint32_t t = start; t < start + count; ++t) {
    cb_wait_front(tt::CBIndex::c_16, 1);
    noc_async_write_tile(t, c, get_read_ptr(tt::CBIndex::c_16));
    noc_async_write_barrier();
    cb_pop_front(tt::CBIndex::c_16, 1);
  }
}
