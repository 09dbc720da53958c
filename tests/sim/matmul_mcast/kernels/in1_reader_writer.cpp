// in1 (B) blocks: the top-row core reads its in0_block_w x per_core_N block and multicasts it down its
// column; then every core writes its per_core_M x per_core_N output tiles in subblock order.
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t b_addr = get_arg_val<uint32_t>(0);
  bool sender = get_arg_val<uint32_t>(1) != 0;
  uint32_t start_col = get_arg_val<uint32_t>(2);
  uint32_t Nt = get_arg_val<uint32_t>(3);
  uint32_t block_w = get_arg_val<uint32_t>(4);  // per_core_N
  uint32_t block_h = get_arg_val<uint32_t>(5);  // in0_block_w
  uint32_t num_blocks = get_arg_val<uint32_t>(6);
  uint32_t mcast_x0 = get_arg_val<uint32_t>(7), mcast_y0 = get_arg_val<uint32_t>(8);
  uint32_t mcast_x1 = get_arg_val<uint32_t>(9), mcast_y1 = get_arg_val<uint32_t>(10);
  uint32_t num_dests = get_arg_val<uint32_t>(11);
  uint32_t sender_x = get_arg_val<uint32_t>(12), sender_y = get_arg_val<uint32_t>(13);
  uint32_t sender_sem_addr = get_semaphore(get_arg_val<uint32_t>(14));
  uint32_t receiver_sem_addr = get_semaphore(get_arg_val<uint32_t>(15));
  uint32_t c_addr = get_arg_val<uint32_t>(16);
  uint32_t out_start = get_arg_val<uint32_t>(17);
  uint32_t sub_h = get_arg_val<uint32_t>(18), sub_w = get_arg_val<uint32_t>(19);
  uint32_t num_sub_h = get_arg_val<uint32_t>(20), num_sub_w = get_arg_val<uint32_t>(21);

  constexpr uint32_t cb = tt::CBIndex::c_1, cb_out = tt::CBIndex::c_16;
  const uint32_t tile_bytes = get_tile_size(cb);
  const uint32_t block_tiles = block_h * block_w;
  const InterleavedAddrGenFast<true> b = {.bank_base_address = b_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  const InterleavedAddrGenFast<true> c = {.bank_base_address = c_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  volatile tt_l1_ptr uint32_t* sender_sem = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sender_sem_addr);
  volatile tt_l1_ptr uint32_t* receiver_sem = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(receiver_sem_addr);

  for (uint32_t block = 0; block < num_blocks; ++block) {
    cb_reserve_back(cb, block_tiles);
    uint32_t l1 = get_write_ptr(cb);
    if (sender) {
      uint32_t write = l1;
      for (uint32_t h = 0; h < block_h; ++h)
        for (uint32_t w = 0; w < block_w; ++w) {
          noc_async_read_tile((block * block_h + h) * Nt + start_col + w, b, write);
          write += tile_bytes;
        }
      noc_async_read_barrier();
      if (num_dests > 0) {
        noc_semaphore_wait(sender_sem, num_dests);
        noc_semaphore_set(sender_sem, 0);
        uint64_t data_mcast = get_noc_multicast_addr(mcast_x0, mcast_y0, mcast_x1, mcast_y1, l1);
        noc_async_write_multicast(l1, data_mcast, block_tiles * tile_bytes, num_dests);
        *receiver_sem = VALID;
        uint64_t flag_mcast = get_noc_multicast_addr(mcast_x0, mcast_y0, mcast_x1, mcast_y1, receiver_sem_addr);
        noc_semaphore_set_multicast(receiver_sem_addr, flag_mcast, num_dests);
      }
    } else {
      noc_semaphore_set(receiver_sem, INVALID);
      noc_semaphore_inc(get_noc_addr(sender_x, sender_y, sender_sem_addr), 1);
      noc_semaphore_wait(receiver_sem, VALID);
    }
    cb_push_back(cb, block_tiles);
  }

  // Output: subblock by subblock, as the compute kernel packs them.
  for (uint32_t sh = 0; sh < num_sub_h; ++sh)
    for (uint32_t sw = 0; sw < num_sub_w; ++sw) {
      cb_wait_front(cb_out, sub_h * sub_w);
      uint32_t read = get_read_ptr(cb_out);
      for (uint32_t h = 0; h < sub_h; ++h)
        for (uint32_t w = 0; w < sub_w; ++w) {
          uint32_t tile = out_start + (sh * sub_h + h) * Nt + sw * sub_w + w;
          noc_async_write_tile(tile, c, read);
          read += tile_bytes;
        }
      noc_async_write_barrier();
      cb_pop_front(cb_out, sub_h * sub_w);
    }
  noc_async_atomic_barrier();
}
