#include "dataflow_api.h"
void kernel_main() {
  cb_push_back(tt::CBIndex::c_0, 1);  // no cb_reserve_back first
}
