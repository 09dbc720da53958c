#include <cstdint>

void kernel_main() {
  uint32_t src0_addr = get_arg_val<uint32_t>(0);
  uint32_t src1_addr = get_arg_val<uint32_t>(1);
  constexpr uint32_t cb_id_in0 = tt::CB::c_in0;
  constexpr uint32_t cb_id_in1 = tt::CB::c_in1;
  const uint32_t tile_bytes = get_tile_size(cb_id_in0);
  const InterleavedAddrGenFast<true> s0 = {.bank_base_address = src0_addr, .page_size = tile_bytes, .data_format = get_dataformat(cb_id_in0)};
  const InterleavedAddrGenFast<true> s1 = {.bank_base_address = src1_addr, .page_size = tile_bytes, .data_format = get_dataformat(cb_id_in1)};
  cb_reserve_back(cb_id_in0, 1);
  noc_async_read(get_noc_addr(0, s0), get_write_ptr(cb_id_in0), tile_bytes);
  noc_async_read_barrier();
  cb_push_back(cb_id_in0, 1);
  cb_reserve_back(cb_id_in1, 1);
  noc_async_read_tile(0, s1, get_write_ptr(cb_id_in1));
  noc_async_read_barrier();
  cb_push_back(cb_id_in1, 1);
}
