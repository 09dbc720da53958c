// For each output tile this core owns: the Kt tiles of A's row and of B's column, one at a time.
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t a_addr = get_arg_val<uint32_t>(0);
  uint32_t b_addr = get_arg_val<uint32_t>(1);
  uint32_t Mt = get_arg_val<uint32_t>(2);
  uint32_t Kt = get_arg_val<uint32_t>(3);
  uint32_t Nt = get_arg_val<uint32_t>(4);
  uint32_t start = get_arg_val<uint32_t>(5);
  uint32_t count = get_arg_val<uint32_t>(6);
  (void)Mt;
  constexpr uint32_t cb_a = tt::CBIndex::c_0, cb_b = tt::CBIndex::c_1;
  const uint32_t tile_bytes = get_tile_size(cb_a);
  const InterleavedAddrGenFast<true> a = {.bank_base_address = a_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  const InterleavedAddrGenFast<true> b = {.bank_base_address = b_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  for (uint32_t t = start; t < start + count; ++t) {
    uint32_t row = t / Nt, col = t % Nt;
    for (uint32_t k = 0; k < Kt; ++k) {
      cb_reserve_back(cb_a, 1);
      noc_async_read_tile(row * Kt + k, a, get_write_ptr(cb_a));
      cb_reserve_back(cb_b, 1);
      noc_async_read_tile(k * Nt + col, b, get_write_ptr(cb_b));
      noc_async_read_barrier();
      cb_push_back(cb_a, 1);
      cb_push_back(cb_b, 1);
    }
  }
}
