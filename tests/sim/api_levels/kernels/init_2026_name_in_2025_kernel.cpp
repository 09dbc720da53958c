// A 2025 kernel calling add_init, a name ttnn 0.81.1 introduced (v0.63.0 spells it add_tiles_init).
#include <cstdint>
#include "compute_kernel_api/eltwise_binary.h"

namespace NAMESPACE {
void MAIN {
    binary_op_init_common(0, 1, 16);
    add_init(0, 1);
}
}  // namespace NAMESPACE
