// Adds a bias to every word of each page from CB 0 and writes it out (2025 spelling). The bias is the
// named arg "bias" plus the sum of the indexed compile-time args, read as kernel_compile_time_args[].
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  constexpr uint32_t n_pages = get_named_compile_time_arg_val("n_pages");
  constexpr uint32_t cb = tt::CBIndex::c_0;
  constexpr uint32_t tile_bytes = get_tile_size(cb);
  uint32_t bias = get_named_compile_time_arg_val("bias");
  for (uint32_t i = 0; i < kernel_compile_time_args.size(); ++i) bias += kernel_compile_time_args[i];
  const uint32_t dst_addr = get_arg_val<uint32_t>(0);
  const InterleavedAddrGenFast<true> dst = {.bank_base_address = dst_addr, .page_size = tile_bytes,
                                            .data_format = get_dataformat(cb)};
  for (uint32_t i = 0; i < n_pages; ++i) {
    cb_wait_front(cb, 1);
    uint32_t* words = reinterpret_cast<uint32_t*>(get_read_ptr(cb));
    for (uint32_t w = 0; w < tile_bytes / sizeof(uint32_t); ++w) words[w] += bias;
    noc_async_write_tile(i, dst, get_read_ptr(cb));
    noc_async_write_barrier();
    cb_pop_front(cb, 1);
  }
}
