#include "compute_kernel_api/tile_move_copy.h"
namespace NAMESPACE {
void MAIN {
  copy_tile_init(tt::CBIndex::c_0);
  cb_wait_front(tt::CBIndex::c_0, 1);
  tile_regs_acquire();
  copy_tile(tt::CBIndex::c_0, 0, 0);
  copy_tile(tt::CBIndex::c_0, 0, 1);
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(tt::CBIndex::c_16, 1);
  pack_tile(0, tt::CBIndex::c_16);
  pack_tile(1, tt::CBIndex::c_16);  // only one page reserved
  cb_push_back(tt::CBIndex::c_16, 2);
  tile_regs_release();
}
}  // namespace NAMESPACE
