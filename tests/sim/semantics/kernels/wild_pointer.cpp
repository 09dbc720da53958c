// Writes through an address past the end of L1 (a bug): on hardware it corrupts or hangs; here it is
// a located error.
#include <cstdint>

void kernel_main() {
  uint32_t addr = get_arg_val<uint32_t>(0);
  volatile tt_l1_ptr uint32_t* p = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(addr);
  p[0] = 42;
}
