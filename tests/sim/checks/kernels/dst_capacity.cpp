#include "compute_kernel_api/tile_move_copy.h"
namespace NAMESPACE {
void MAIN {
  copy_tile_init(tt::CBIndex::c_0);
  cb_wait_front(tt::CBIndex::c_0, 1);
  tile_regs_acquire();
  copy_tile(tt::CBIndex::c_0, 0, 8);  // half-sync bf16 DST holds 8 tiles: 0..7
  tile_regs_commit();
}
}  // namespace NAMESPACE
