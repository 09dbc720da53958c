#include <cstdint>
#include "compute_kernel_api/transpose_wh.h"

namespace NAMESPACE {
void MAIN {
  constexpr uint32_t cb_in = tt::CBIndex::c_0, cb_out = tt::CBIndex::c_16;
  transpose_wh_init(cb_in, cb_out);
  cb_wait_front(cb_in, 1);
  tile_regs_acquire();
  transpose_wh_tile(cb_in, 0, 0);
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(cb_out, 1);
  pack_tile(0, cb_out);
  cb_push_back(cb_out, 1);
  tile_regs_release();
  cb_pop_front(cb_in, 1);
}
}  // namespace NAMESPACE
