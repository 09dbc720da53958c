// The 2026 spelling (ttnn 0.81.1) of the FPU add init.
#include <cstdint>
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/eltwise_binary.h"

void kernel_main() {
    compute_kernel_hw_startup(0, 1, 16);
    add_init(0, 1);
}
