// softmax_single_core's protocol pattern (ttnn 0.81.1 spelling): the kernel packs a tile into c_2
// itself, then reads it as the broadcast operand and pops it without cb_wait_front. Hardware tolerates
// it because the page has arrived (this kernel pushed it).
#include <cstdint>
#include "api/compute/bcast.h"
#include "api/compute/tile_move_copy.h"

void kernel_main() {
  constexpr uint32_t tiles = get_compile_time_arg_val(0);
  constexpr auto cb_in = tt::CBIndex::c_0, cb_col = tt::CBIndex::c_2, cb_out = tt::CBIndex::c_16;
  copy_tile_init(cb_in);
  cb_wait_front(cb_in, 1);
  tile_regs_acquire();
  copy_tile(cb_in, 0, 0);
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(cb_col, 1);
  pack_tile(0, cb_col);
  cb_push_back(cb_col, 1);
  tile_regs_release();
  cb_pop_front(cb_in, 1);

  sub_bcast_cols_init(cb_in, cb_col);
  for (uint32_t t = 0; t < tiles; ++t) {
    cb_wait_front(cb_in, 1);
    tile_regs_acquire();
    cb_reserve_back(cb_out, 1);
    sub_tiles_bcast_cols(cb_in, cb_col, 0, 0, 0);  // c_2 read without cb_wait_front
    tile_regs_commit();
    tile_regs_wait();
    pack_tile(0, cb_out);
    cb_push_back(cb_out, 1);
    tile_regs_release();
    cb_pop_front(cb_in, 1);
  }
  cb_pop_front(cb_col, 1);  // popped without cb_wait_front
}
