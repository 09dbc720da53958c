// BRISC: writes through raw L1 addresses, as kernels on hardware do: an L1 buffer's address() passed
// as a runtime arg, and a CB page by its get_write_ptr.
#include <cstdint>

void kernel_main() {
  uint32_t scratch_addr = get_arg_val<uint32_t>(0);
  uint32_t seed = get_arg_val<uint32_t>(1);
  volatile tt_l1_ptr uint32_t* scratch = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(scratch_addr);
  cb_reserve_back(tt::CBIndex::c_0, 1);
  volatile tt_l1_ptr uint32_t* page = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(get_write_ptr(tt::CBIndex::c_0));
  for (uint32_t i = 0; i < 8; ++i) {
    scratch[i] = seed + i;
    page[i] = 2 * seed + i;
  }
  cb_push_back(tt::CBIndex::c_0, 1);
}
