// 2025 spelling with the literal 0s real kernels pass: CB ids, tile and DST indices and the 6th
// (transpose) argument of matmul_tiles, and the odst of the SFPU binary ops.
//   out0 = A @ B + A,   out1 = A @ B^T - A,   out2 = max(A @ B, A)
#include <cstdint>
#include "compute_kernel_api/matmul.h"
#include "compute_kernel_api/tile_move_copy.h"
#include "compute_kernel_api/eltwise_binary_sfpu.h"
#include "compute_kernel_api/binary_max_min.h"

namespace NAMESPACE {
void MAIN {
  mm_init(0, 1, 16);
  cb_wait_front(0, 1);
  cb_wait_front(1, 1);
  for (uint32_t out = 0; out < 3; ++out) {
    tile_regs_acquire();
    if (out == 1) {
      mm_init_short(0, 1, 1);
      matmul_tiles(0, 1, 0, 0, 0, 1);
    } else {
      mm_init_short(0, 1, 0);
      matmul_tiles(0, 1, 0, 0, 0, 0);
    }
    copy_tile_to_dst_init_short(0);
    copy_tile(0, 0, 1);
    if (out == 0) {
      add_binary_tile_init();
      add_binary_tile(0, 1, 0);
    } else if (out == 1) {
      sub_binary_tile_init();
      sub_binary_tile(0, 1, 0);
    } else {
      binary_max_tile_init();
      binary_max_tile(0, 1, 0);
    }
    tile_regs_commit();
    tile_regs_wait();
    cb_reserve_back(16, 1);
    pack_tile(0, 16);
    cb_push_back(16, 1);
    tile_regs_release();
  }
  cb_pop_front(0, 1);
  cb_pop_front(1, 1);
}
}  // namespace NAMESPACE
