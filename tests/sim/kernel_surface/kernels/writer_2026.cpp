// Adds a bias to every word of each page from CB 0 and writes it out with the Device 2.0 objects
// (2026). The bias is the named arg "bias" plus the sum of kernel_compile_time_args[] after the
// tensor accessor's own arg.
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/noc.h"

void kernel_main() {
  constexpr uint32_t n_pages = get_named_compile_time_arg_val("n_pages");
  constexpr auto dst_args = TensorAccessorArgs<0>();
  CircularBuffer cb(tt::CBIndex::c_0);
  const uint32_t tile_bytes = cb.get_tile_size();
  const auto dst = TensorAccessor(dst_args, get_arg_val<uint32_t>(0), tile_bytes);
  uint32_t bias = get_named_compile_time_arg_val("bias");
  for (uint32_t i = dst_args.next_compile_time_args_offset(); i < kernel_compile_time_args.size(); ++i)
    bias += kernel_compile_time_args[i];
  Noc noc;
  for (uint32_t i = 0; i < n_pages; ++i) {
    cb.wait_front(1);
    uint32_t* words = reinterpret_cast<uint32_t*>(cb.get_read_ptr());
    for (uint32_t w = 0; w < tile_bytes / sizeof(uint32_t); ++w) words[w] += bias;
    noc.async_write(cb, dst, tile_bytes, {}, {.page_id = i});
    noc.async_write_barrier();
    cb.pop_front(1);
  }
}
