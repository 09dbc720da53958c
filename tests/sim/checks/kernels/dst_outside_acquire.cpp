#include "compute_kernel_api/tile_move_copy.h"
namespace NAMESPACE {
void MAIN {
  copy_tile_init(tt::CBIndex::c_0);
  cb_wait_front(tt::CBIndex::c_0, 1);
  copy_tile(tt::CBIndex::c_0, 0, 0);  // before tile_regs_acquire
}
}  // namespace NAMESPACE
