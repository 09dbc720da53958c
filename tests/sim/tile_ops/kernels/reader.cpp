// Reads n0 tiles into c_0 and n1 tiles into c_1 (one page each), and writes a bf16 scaler tile into
// c_2 through a raw L1 pointer (as the reduce examples' generate_reduce_scaler does).
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t a_addr = get_arg_val<uint32_t>(0), n0 = get_arg_val<uint32_t>(1);
  uint32_t b_addr = get_arg_val<uint32_t>(2), n1 = get_arg_val<uint32_t>(3);
  uint32_t scaler_bits = get_arg_val<uint32_t>(4);
  constexpr uint32_t cb_a = tt::CBIndex::c_0, cb_b = tt::CBIndex::c_1, cb_scaler = tt::CBIndex::c_2;
  cb_reserve_back(cb_scaler, 1);
  volatile tt_l1_ptr uint16_t* s = reinterpret_cast<volatile tt_l1_ptr uint16_t*>(get_write_ptr(cb_scaler));
  for (uint32_t i = 0; i < 1024; ++i) s[i] = uint16_t(scaler_bits);
  cb_push_back(cb_scaler, 1);
  const InterleavedAddrGenFast<true> a = {.bank_base_address = a_addr, .page_size = 2048, .data_format = DataFormat::Float16_b};
  const InterleavedAddrGenFast<true> b = {.bank_base_address = b_addr, .page_size = 2048, .data_format = DataFormat::Float16_b};
  for (uint32_t i = 0; i < n0; ++i) {
    cb_reserve_back(cb_a, 1);
    noc_async_read_tile(i, a, get_write_ptr(cb_a));
    noc_async_read_barrier();
    cb_push_back(cb_a, 1);
  }
  for (uint32_t i = 0; i < n1; ++i) {
    cb_reserve_back(cb_b, 1);
    noc_async_read_tile(i, b, get_write_ptr(cb_b));
    noc_async_read_barrier();
    cb_push_back(cb_b, 1);
  }
}
