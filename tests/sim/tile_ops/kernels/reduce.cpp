// Reduces N input tiles (REDUCE_OP / REDUCE_DIM from defines) into one output tile.
#include <cstdint>
#include "compute_kernel_api/reduce.h"

namespace NAMESPACE {
void MAIN {
  constexpr uint32_t N = get_compile_time_arg_val(0);
  constexpr uint32_t cb_in = tt::CBIndex::c_0, cb_scaler = tt::CBIndex::c_2, cb_out = tt::CBIndex::c_16;
  reduce_init<REDUCE_OP, REDUCE_DIM>(cb_in, cb_scaler, cb_out);
  cb_wait_front(cb_scaler, 1);
  tile_regs_acquire();
  for (uint32_t i = 0; i < N; ++i) {
    cb_wait_front(cb_in, 1);
    reduce_tile<REDUCE_OP, REDUCE_DIM>(cb_in, cb_scaler, 0, 0, 0);
    cb_pop_front(cb_in, 1);
  }
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(cb_out, 1);
  pack_tile(0, cb_out);
  cb_push_back(cb_out, 1);
  tile_regs_release();
  reduce_uninit();
}
}  // namespace NAMESPACE
