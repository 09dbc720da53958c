// 2026 spelling with literal 0s: 5-argument matmul_tiles (the transpose is matmul_init's third
// argument), copy_init, and the SFPU binary ops with their odst.
//   out0 = A @ B + A,   out1 = A @ B^T - A,   out2 = max(A @ B, A)
#include <cstdint>
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/matmul.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/eltwise_binary_sfpu.h"
#include "api/compute/binary_max_min.h"

void kernel_main() {
  compute_kernel_hw_startup<SrcOrder::Reverse>(0, 1, 16);
  cb_wait_front(0, 1);
  cb_wait_front(1, 1);
  for (uint32_t out = 0; out < 3; ++out) {
    tile_regs_acquire();
    matmul_init(0, 1, out == 1 ? 1 : 0);
    matmul_tiles(0, 1, 0, 0, 0);
    copy_init(0);
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
