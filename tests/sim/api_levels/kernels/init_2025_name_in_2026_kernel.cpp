// A 2026 kernel calling add_tiles_init, a name ttnn 0.81.1 no longer has.
#include <cstdint>
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/eltwise_binary.h"

void kernel_main() {
    compute_kernel_hw_startup(0, 1, 16);
    add_tiles_init(0, 1);
}
