#include "dataflow_api.h"
void kernel_main() {
  cb_wait_front(tt::CBIndex::c_0, 1);
  cb_pop_front(tt::CBIndex::c_0, 2);  // only one page was waited for
}
