#include "dataflow_api.h"
void kernel_main() {
  uint32_t addr = get_arg_val<uint32_t>(0);
  uint32_t n = get_arg_val<uint32_t>(5);  // the host set 2 args
  (void)addr;
  (void)n;
}
