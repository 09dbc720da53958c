#include <cstdint>
#include "compute_kernel_api/eltwise_binary.h"
#include "compute_kernel_api/tile_move_copy.h"

namespace NAMESPACE {
void MAIN {
  constexpr auto cb_in0 = tt::CB::c_in0;
  constexpr auto cb_in1 = tt::CB::c_in1;
  constexpr auto cb_out0 = tt::CB::c_out0;
  binary_op_init_common(cb_in0, cb_in1, cb_out0);
  add_tiles_init();
  cb_wait_front(cb_in0, 1);
  cb_wait_front(cb_in1, 1);
  acquire_dst(tt::DstMode::Half);
  add_tiles(cb_in0, cb_in1, 0, 0, 0);
  cb_reserve_back(cb_out0, 1);
  pack_tile(0, cb_out0);
  release_dst(tt::DstMode::Half);
  cb_pop_front(cb_in0, 1);
  cb_pop_front(cb_in1, 1);
  cb_push_back(cb_out0, 1);
}
}  // namespace NAMESPACE
