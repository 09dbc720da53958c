#include "dataflow_api.h"
void kernel_main() {
  for (int i = 0; i < 3; ++i) cb_push_back(tt::CBIndex::c_0, 1);  // no cb_reserve_back; the third overruns the 2 pages
}
