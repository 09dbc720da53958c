#include <cstdint>
#include "debug/dprint.h"

void kernel_main() {
  uint32_t dst_addr = get_arg_val<uint32_t>(0);
  constexpr uint32_t cb_id_out0 = tt::CB::c_out0;
  const uint32_t tile_bytes = get_tile_size(cb_id_out0);
  const InterleavedAddrGenFast<true> d = {.bank_base_address = dst_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  cb_wait_front(cb_id_out0, 1);
  DPRINT << "writer: first value bits " << reinterpret_cast<volatile uint16_t*>(get_read_ptr(cb_id_out0))[0] << ENDL();
  noc_async_write_tile(0, d, get_read_ptr(cb_id_out0));
  noc_async_write_barrier();
  cb_pop_front(cb_id_out0, 1);
}
