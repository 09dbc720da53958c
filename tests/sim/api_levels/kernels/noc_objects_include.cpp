// The Device 2.0 header ttnn 0.81.1 introduced; tt-metal v0.63.0 has no such file.
#include <cstdint>
#include "api/dataflow/noc.h"

void kernel_main() {}
