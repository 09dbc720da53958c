// NCRISC: reads back, through the same raw L1 address, what BRISC of this core wrote (other cores ran
// in between), appends it to the CB page and writes the page to DRAM page `index`.
#include <cstdint>

void kernel_main() {
  uint32_t scratch_addr = get_arg_val<uint32_t>(0);
  uint32_t out_addr = get_arg_val<uint32_t>(1);
  uint32_t index = get_arg_val<uint32_t>(2);
  cb_wait_front(tt::CBIndex::c_0, 1);
  volatile tt_l1_ptr uint32_t* scratch = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(scratch_addr);
  volatile tt_l1_ptr uint32_t* page = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(get_read_ptr(tt::CBIndex::c_0));
  for (uint32_t i = 0; i < 8; ++i) page[8 + i] = scratch[i];
  const InterleavedAddrGen<true> out = {.bank_base_address = out_addr, .page_size = 64};
  noc_async_write(get_read_ptr(tt::CBIndex::c_0), get_noc_addr(index, out), 64);
  noc_async_write_barrier();
  cb_pop_front(tt::CBIndex::c_0, 1);
}
