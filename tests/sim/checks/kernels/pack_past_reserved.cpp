#include "compute_kernel_api/tile_move_copy.h"
namespace NAMESPACE {
void MAIN {
  copy_tile_init(tt::CBIndex::c_0);
  cb_wait_front(tt::CBIndex::c_0, 1);
  tile_regs_acquire();
  for (uint32_t i = 0; i < 3; ++i) copy_tile(tt::CBIndex::c_0, 0, i);
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(tt::CBIndex::c_16, 1);
  pack_tile(0, tt::CBIndex::c_16);
  pack_tile(1, tt::CBIndex::c_16);  // past the reserved page, into a free one: a warning
  pack_tile(2, tt::CBIndex::c_16);  // past the CB's 2 pages: an error
  cb_push_back(tt::CBIndex::c_16, 3);
  tile_regs_release();
}
}  // namespace NAMESPACE
