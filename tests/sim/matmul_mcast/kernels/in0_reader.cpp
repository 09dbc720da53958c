// in0 (A) blocks: the left-column core reads its per_core_M x in0_block_w block from DRAM and
// multicasts it along its row; every other core receives it (semaphore handshake per block).
#include <cstdint>
#include "dataflow_api.h"

void kernel_main() {
  uint32_t a_addr = get_arg_val<uint32_t>(0);
  bool sender = get_arg_val<uint32_t>(1) != 0;
  uint32_t start_tile = get_arg_val<uint32_t>(2);  // first A tile of this core's row block
  uint32_t Kt = get_arg_val<uint32_t>(3);
  uint32_t block_h = get_arg_val<uint32_t>(4);
  uint32_t block_w = get_arg_val<uint32_t>(5);
  uint32_t num_blocks = get_arg_val<uint32_t>(6);
  uint32_t mcast_x0 = get_arg_val<uint32_t>(7), mcast_y0 = get_arg_val<uint32_t>(8);
  uint32_t mcast_x1 = get_arg_val<uint32_t>(9), mcast_y1 = get_arg_val<uint32_t>(10);
  uint32_t num_dests = get_arg_val<uint32_t>(11);
  uint32_t sender_x = get_arg_val<uint32_t>(12), sender_y = get_arg_val<uint32_t>(13);
  uint32_t sender_sem_addr = get_semaphore(get_arg_val<uint32_t>(14));
  uint32_t receiver_sem_addr = get_semaphore(get_arg_val<uint32_t>(15));

  constexpr uint32_t cb = tt::CBIndex::c_0;
  const uint32_t tile_bytes = get_tile_size(cb);
  const uint32_t block_tiles = block_h * block_w;
  const InterleavedAddrGenFast<true> a = {.bank_base_address = a_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
  volatile tt_l1_ptr uint32_t* sender_sem = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sender_sem_addr);
  volatile tt_l1_ptr uint32_t* receiver_sem = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(receiver_sem_addr);

  for (uint32_t block = 0; block < num_blocks; ++block) {
    cb_reserve_back(cb, block_tiles);
    uint32_t l1 = get_write_ptr(cb);
    if (sender) {
      uint32_t write = l1;
      for (uint32_t h = 0; h < block_h; ++h)
        for (uint32_t w = 0; w < block_w; ++w) {
          noc_async_read_tile(start_tile + h * Kt + block * block_w + w, a, write);
          write += tile_bytes;
        }
      noc_async_read_barrier();
      if (num_dests > 0) {
        noc_semaphore_wait(sender_sem, num_dests);  // every receiver has room
        noc_semaphore_set(sender_sem, 0);
        uint64_t data_mcast = get_noc_multicast_addr(mcast_x0, mcast_y0, mcast_x1, mcast_y1, l1);
        noc_async_write_multicast(l1, data_mcast, block_tiles * tile_bytes, num_dests);
        *receiver_sem = VALID;  // the flag value to multicast, from this core's own copy
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
  noc_async_write_barrier();
  noc_async_atomic_barrier();
}
