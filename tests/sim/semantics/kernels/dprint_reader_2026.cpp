// NCRISC (NoC 1): fills one bf16 tile of c_0 with id * 64 + (i % 64) and prints, with the format form
// of ttnn 0.81.1 ("{}" placeholders with format specs, "\n" ends a line, DPRINT_DATA0/1).
#include <cstdint>
#include "api/debug/dprint.h"

void kernel_main() {
  uint32_t id = get_arg_val<uint32_t>(0);
  DPRINT("reader {}: filling", id);
  cb_reserve_back(tt::CBIndex::c_0, 1);
  volatile tt_l1_ptr uint16_t* tile = reinterpret_cast<volatile tt_l1_ptr uint16_t*>(get_write_ptr(tt::CBIndex::c_0));
  for (uint32_t i = 0; i < 1024; ++i) tile[i] = uint16_t(__builtin_bit_cast(uint32_t, float(id * 64 + i % 64)) >> 16);
  DPRINT(", done\n");
  DPRINT("{} {} {} {:.3f} {:#x} {}\n", id, 0.5f, bf16_t(0x3fc0), 3.14159f, 255u, -5);
  DPRINT("two\nlines\n");
  DPRINT_DATA0("noc 0 only\n");
  DPRINT_DATA1("noc 1 only\n");
  cb_push_back(tt::CBIndex::c_0, 1);
}
