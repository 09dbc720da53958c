// Reads a named compile-time arg the host never passed, at run time: the simulator stops at this line.
#include <cstdint>

void kernel_main() {
  uint32_t blocks = get_named_compile_time_arg_val("num_blocks");
  (void)blocks;
}
