// Blocked matmul with partials (the bmm_large_block_zm algorithm): for each K block, every output
// subblock reloads its partial sums from c_24, accumulates in0_block_w tile products per output tile,
// and packs to c_24 (or to c_16 on the last K block). c_16 and c_24 share one L1 region.
//
// With PACKER_L1_ACC defined (the published bmm_large_block_zm_fused_bias_activation without bias):
// the packer accumulates into c_24 in L1 (pack_reconfig_l1_acc(1) from the second K block on), and
// c_24 is popped after each such block so that the next block's packs land on the same pages; the
// partials are reloaded into DST only once, before the last K block, whose result is packed to c_16
// with L1 accumulation off.
#include <cstdint>
#include "compute_kernel_api/matmul.h"
#include "compute_kernel_api/tile_move_copy.h"

namespace NAMESPACE {
void MAIN {
  constexpr uint32_t in0_block_w = get_compile_time_arg_val(0);
  constexpr uint32_t in0_num_subblocks = get_compile_time_arg_val(1);
  constexpr uint32_t in0_block_num_tiles = get_compile_time_arg_val(2);
  constexpr uint32_t in0_subblock_num_tiles = get_compile_time_arg_val(3);
  constexpr uint32_t in1_num_subblocks = get_compile_time_arg_val(4);
  constexpr uint32_t in1_block_num_tiles = get_compile_time_arg_val(5);
  constexpr uint32_t in1_per_core_w = get_compile_time_arg_val(6);
  constexpr uint32_t num_blocks = get_compile_time_arg_val(7);
  constexpr uint32_t out_subblock_h = get_compile_time_arg_val(8);
  constexpr uint32_t out_subblock_w = get_compile_time_arg_val(9);
  constexpr uint32_t out_subblock_num_tiles = get_compile_time_arg_val(10);
  constexpr uint32_t in0 = tt::CBIndex::c_0, in1 = tt::CBIndex::c_1, out = tt::CBIndex::c_16, partials = tt::CBIndex::c_24;

  mm_init(in0, in1, out);
  bool spill = num_blocks > 1;
  bool enable_reload = false;
  for (uint32_t block = 0; block < num_blocks; ++block) {
    bool last_out = block == num_blocks - 1;
#ifdef PACKER_L1_ACC
    if (block == 0 || last_out)
      pack_reconfig_l1_acc(0);  // first block writes, the last packs c_16 after the reload
    else if (block == 1)
      pack_reconfig_l1_acc(1);  // blocks 1 .. num_blocks-2 add into the partials in L1
#endif
    cb_wait_front(in0, in0_block_num_tiles);
    cb_wait_front(in1, in1_block_num_tiles);
    uint32_t in0_index_subblock_offset = 0;
    for (uint32_t in0_sub = 0; in0_sub < in0_num_subblocks; ++in0_sub) {
      uint32_t in1_index_subblock_offset = 0;
      for (uint32_t in1_sub = 0; in1_sub < in1_num_subblocks; ++in1_sub) {
        tile_regs_acquire();
        if (enable_reload) {
          copy_tile_to_dst_init_short(partials);
          cb_wait_front(partials, out_subblock_num_tiles);
          for (uint32_t i = 0; i < out_subblock_num_tiles; ++i) copy_tile(partials, i, i);
          cb_pop_front(partials, out_subblock_num_tiles);
          mm_init_short(in0, in1);
        }
        uint32_t dst_index = 0, in0_index_h_offset = 0;
        for (uint32_t h = 0; h < out_subblock_h; ++h) {
          for (uint32_t w = 0; w < out_subblock_w; ++w) {
            uint32_t in1_index_inner_dim_offset = 0;
            for (uint32_t k = 0; k < in0_block_w; ++k) {
              uint32_t in0_index = in0_index_subblock_offset + in0_index_h_offset + k;
              uint32_t in1_index = in1_index_subblock_offset + in1_index_inner_dim_offset + w;
              matmul_tiles(in0, in1, in0_index, in1_index, dst_index, false);
              in1_index_inner_dim_offset += in1_per_core_w;
            }
            ++dst_index;
          }
          in0_index_h_offset += in0_block_w;
        }
        tile_regs_commit();
        tile_regs_wait();
        uint32_t target = last_out ? out : partials;
        cb_reserve_back(target, out_subblock_num_tiles);
        for (uint32_t i = 0; i < out_subblock_num_tiles; ++i) pack_tile(i, target);
        cb_push_back(target, out_subblock_num_tiles);
        tile_regs_release();
        in1_index_subblock_offset += out_subblock_w;
      }
      in0_index_subblock_offset += in0_subblock_num_tiles;
    }
#ifdef PACKER_L1_ACC
    // The partials stay in L1; popping them moves c_24's pointers back to the same pages (its capacity
    // is one output block) for the next block's accumulating packs. Before the last block they are
    // kept and reloaded into DST instead.
    if (spill && block + 2 < num_blocks) {
      cb_wait_front(partials, in0_num_subblocks * in1_num_subblocks * out_subblock_num_tiles);
      cb_pop_front(partials, in0_num_subblocks * in1_num_subblocks * out_subblock_num_tiles);
    }
    if (spill && block + 2 == num_blocks) enable_reload = true;
#else
    if (spill) enable_reload = true;
#endif
    cb_pop_front(in0, in0_block_num_tiles);
    cb_pop_front(in1, in1_block_num_tiles);
  }
}
}  // namespace NAMESPACE
