// NCRISC (NoC 1): fills one bf16 tile of c_0 with id * 64 + (i % 64) and prints, with the stream
// form of tt-metal v0.63.0 (typed values, manipulators, "\n" inside a string, DPRINT_DATA0/1).
#include <cstdint>
#include "debug/dprint.h"

void kernel_main() {
  uint32_t id = get_arg_val<uint32_t>(0);
  DPRINT << "reader " << id << ": filling";
  cb_reserve_back(tt::CBIndex::c_0, 1);
  volatile tt_l1_ptr uint16_t* tile = reinterpret_cast<volatile tt_l1_ptr uint16_t*>(get_write_ptr(tt::CBIndex::c_0));
  for (uint32_t i = 0; i < 1024; ++i) tile[i] = uint16_t(__builtin_bit_cast(uint32_t, float(id * 64 + i % 64)) >> 16);
  DPRINT << ", done" << ENDL();
  DPRINT << U32(id) << ' ' << F32(0.5f) << ' ' << BF16(0x3fc0) << ' ' << SETPRECISION(3) << 3.14159f << ' ' << FIXED()
         << 2.5f << DEFAULTFLOAT() << SETPRECISION(6) << ' ' << HEX() << 255u << DEC() << ' ' << -5 << ENDL();
  DPRINT << "two\nlines" << ENDL();
  DPRINT_DATA0(DPRINT << "noc 0 only" << ENDL());
  DPRINT_DATA1(DPRINT << "noc 1 only" << ENDL());
  cb_push_back(tt::CBIndex::c_0, 1);
}
