// Reads `tiles` bf16 tiles: with `pairs`, tile i of src0 into c_0 and of src1 into c_1; without, tile 0
// of src0 once and then tiles 0..tiles-1 of src0, all into c_0.
#include <cstdint>

void kernel_main() {
  uint32_t src0 = get_arg_val<uint32_t>(0);
  uint32_t src1 = get_arg_val<uint32_t>(1);
  uint32_t tiles = get_arg_val<uint32_t>(2);
  uint32_t pairs = get_arg_val<uint32_t>(3);
  const InterleavedAddrGenFast<true> a = {.bank_base_address = src0, .page_size = 2048, .data_format = DataFormat::Float16_b};
  const InterleavedAddrGenFast<true> b = {.bank_base_address = src1, .page_size = 2048, .data_format = DataFormat::Float16_b};
  auto send = [](uint32_t cb, uint32_t tile, const InterleavedAddrGenFast<true>& from) {
    cb_reserve_back(cb, 1);
    noc_async_read_tile(tile, from, get_write_ptr(cb));
    noc_async_read_barrier();
    cb_push_back(cb, 1);
  };
  if (!pairs) send(tt::CBIndex::c_0, 0, a);
  for (uint32_t i = 0; i < tiles; ++i) {
    send(tt::CBIndex::c_0, i, a);
    if (pairs) send(tt::CBIndex::c_1, i, b);
  }
}
