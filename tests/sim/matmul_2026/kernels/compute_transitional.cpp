// The matmul compute kernel in the transitional form of late 2025, as the matmul examples of that time
// were written: compute_kernel_api/ include paths and `namespace NAMESPACE { void MAIN }` (2025), with
// matmul_init and matmul_tile (the 6-argument call that preceded the 5-argument matmul_tiles).
// Neither pinned release has matmul_tile: this runs unpinned only.
#include <cstdint>
#include "compute_kernel_api/compute_kernel_hw_startup.h"
#include "compute_kernel_api/matmul.h"
#include "compute_kernel_api/tile_move_copy.h"
#include "hostdevcommon/kernel_structs.h"

namespace NAMESPACE {
void MAIN {
  constexpr uint32_t Kt = get_compile_time_arg_val(0);
  uint32_t count = get_arg_val<uint32_t>(0);
  constexpr tt::CBIndex cb_a = tt::CBIndex::c_0, cb_b = tt::CBIndex::c_1, cb_out = tt::CBIndex::c_16;
  compute_kernel_hw_startup(cb_a, cb_b, cb_out);
  matmul_init(cb_a, cb_b);
  for (uint32_t t = 0; t < count; ++t) {
    tile_regs_acquire();
    for (uint32_t k = 0; k < Kt; ++k) {
      cb_wait_front(cb_a, 1);
      cb_wait_front(cb_b, 1);
      matmul_tile(cb_a, cb_b, 0, 0, 0, false);
      cb_pop_front(cb_a, 1);
      cb_pop_front(cb_b, 1);
    }
    tile_regs_commit();
    tile_regs_wait();
    cb_reserve_back(cb_out, 1);
    pack_tile(0, cb_out);
    cb_push_back(cb_out, 1);
    tile_regs_release();
  }
}
}  // namespace NAMESPACE
