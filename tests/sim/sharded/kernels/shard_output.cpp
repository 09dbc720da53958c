// The output CB is placed on the output buffer's shard: once all tiles are pushed, they are in place.
#include <cstdint>

void kernel_main() {
  uint32_t n_tiles = get_arg_val<uint32_t>(0);
  cb_wait_front(tt::CBIndex::c_2, n_tiles);
  cb_pop_front(tt::CBIndex::c_2, n_tiles);
}
