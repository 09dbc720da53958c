#include <cstdint>
#include "compute_kernel_api/tilize.h"

namespace NAMESPACE {
void MAIN {
  constexpr uint32_t Wt = get_compile_time_arg_val(0);
  constexpr uint32_t cb_in = tt::CBIndex::c_0, cb_out = tt::CBIndex::c_16;
  tilize_init(cb_in, Wt, cb_out);
  cb_wait_front(cb_in, Wt);
  cb_reserve_back(cb_out, Wt);
  tilize_block(cb_in, Wt, cb_out);
  cb_push_back(cb_out, Wt);
  cb_pop_front(cb_in, Wt);
  tilize_uninit(cb_in, cb_out);
}
}  // namespace NAMESPACE
