// The 2025 spelling (tt-metal v0.63.0) of the FPU add init.
#include <cstdint>
#include "compute_kernel_api/eltwise_binary.h"

namespace NAMESPACE {
void MAIN {
    binary_op_init_common(0, 1, 16);
    add_tiles_init(0, 1);
}
}  // namespace NAMESPACE
