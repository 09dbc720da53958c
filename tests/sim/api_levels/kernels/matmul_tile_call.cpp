// matmul_tile, the transitional late-2025 name: neither pinned release declares it.
#include <cstdint>

void kernel_main() {
  tile_regs_acquire();
  matmul_tile(0, 1, 0, 0, 0, 0);
  tile_regs_commit();
}
