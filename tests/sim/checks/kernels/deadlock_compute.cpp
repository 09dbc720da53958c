#include "compute_kernel_api/tile_move_copy.h"
namespace NAMESPACE {
void MAIN {
  copy_tile_init(tt::CBIndex::c_0);
  cb_wait_front(tt::CBIndex::c_0, 2);  // only one tile will ever arrive
  cb_pop_front(tt::CBIndex::c_0, 2);
}
}  // namespace NAMESPACE
