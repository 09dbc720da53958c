// add_2_integers_in_compute's compute kernel pattern (ttnn 0.81.1): the output tile is packed and
// pushed without cb_reserve_back. Hardware tolerates it because c_16 is empty.
#include <cstdint>
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/eltwise_binary.h"
#include "api/compute/tile_move_copy.h"

void kernel_main() {
  compute_kernel_hw_startup(tt::CBIndex::c_0, tt::CBIndex::c_1, tt::CBIndex::c_16);
  add_init(tt::CBIndex::c_0, tt::CBIndex::c_1);
  cb_wait_front(tt::CBIndex::c_0, 1);
  cb_wait_front(tt::CBIndex::c_1, 1);
  tile_regs_acquire();
  add_tiles(tt::CBIndex::c_0, tt::CBIndex::c_1, 0, 0, 0);
  tile_regs_commit();
  tile_regs_wait();
  pack_tile(0, tt::CBIndex::c_16);
  tile_regs_release();
  cb_pop_front(tt::CBIndex::c_0, 1);
  cb_pop_front(tt::CBIndex::c_1, 1);
  cb_push_back(tt::CBIndex::c_16, 1);
}
