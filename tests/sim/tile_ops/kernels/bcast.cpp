// BCAST_FN (e.g. add_tiles_bcast_rows) from the host's defines; operand B (c_1) is broadcast.
#include <cstdint>
#include "compute_kernel_api/bcast.h"

namespace NAMESPACE {
void MAIN {
  constexpr uint32_t cb_a = tt::CBIndex::c_0, cb_b = tt::CBIndex::c_1, cb_out = tt::CBIndex::c_16;
  init_bcast<ELWADD, BroadcastType::ROW>(cb_a, cb_b, cb_out);
  cb_wait_front(cb_a, 1);
  cb_wait_front(cb_b, 1);
  tile_regs_acquire();
  BCAST_FN(cb_a, cb_b, 0, 0, 0);
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(cb_out, 1);
  pack_tile(0, cb_out);
  cb_push_back(cb_out, 1);
  tile_regs_release();
  cb_pop_front(cb_a, 1);
  cb_pop_front(cb_b, 1);
}
}  // namespace NAMESPACE
