// The six SFPU sign tests (eltwise_unary/comp.h), one output tile each: eqz, nez, ltz, lez, gtz, gez
// of the same input tile, 1.0 where the test holds and 0.0 elsewhere.
#include <cstdint>
#include "compute_kernel_api/eltwise_unary/comp.h"
#include "compute_kernel_api/eltwise_unary/eltwise_unary.h"
#include "compute_kernel_api/tile_move_copy.h"

namespace NAMESPACE {
void MAIN {
  constexpr uint32_t cb_in = tt::CBIndex::c_0, cb_out = tt::CBIndex::c_16;
  init_sfpu(cb_in, cb_out);
  cb_wait_front(cb_in, 1);
  for (uint32_t op = 0; op < 6; ++op) {
    tile_regs_acquire();
    copy_tile_to_dst_init_short(cb_in);
    copy_tile(cb_in, 0, 0);
    switch (op) {
    case 0: eqz_tile_init(); eqz_tile(0); break;
    case 1: nez_tile_init(); nez_tile(0); break;
    case 2: ltz_tile_init(); ltz_tile(0); break;
    case 3: lez_tile_init(); lez_tile(0); break;
    case 4: gtz_tile_init(); gtz_tile(0); break;
    default: gez_tile_init(); gez_tile(0); break;
    }
    tile_regs_commit();
    tile_regs_wait();
    cb_reserve_back(cb_out, 1);
    pack_tile(0, cb_out);
    cb_push_back(cb_out, 1);
    tile_regs_release();
  }
  cb_pop_front(cb_in, 1);
}
}  // namespace NAMESPACE
