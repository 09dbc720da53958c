// The reuse-multicast matmul program (reference §9.6) as a function, shared by this directory's host
// program and bench/sim_matmul: each core computes a per_core_M x per_core_N block of output tiles over
// K in blocks of in0_block_w; the left column reads A blocks from DRAM and multicasts them along its
// row, the top row reads B blocks and multicasts them down its column (sender/receiver semaphores).
// Compute is the blocked bmm_large_block_zm loop with partials spilled to c_24 (sharing c_16's L1),
// reloaded into DST after every K block, or (packer_l1_acc) accumulated in L1 by the packer and
// reloaded once before the last K block, as the published kernel does with PACKER_L1_ACC.
// idle_column adds a column x = grid_x of cores that run an empty compute kernel (no matmul work).
#pragma once
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/tilize_utils.hpp>

#include <cstdio>
#include <random>
#include <string>

struct McastMatmulParams {
  uint32_t M = 512, K = 512, N = 512, grid_x = 4, grid_y = 4, in0_block_w = 2;
  MathFidelity fidelity = MathFidelity::HiFi4;
  bool packer_l1_acc = false;
  bool idle_column = false;
  std::string kernel_dir = "kernels";
};

struct McastMatmulResult {
  bool ok = false;
  std::vector<bfloat16> a, b, c;  // row-major inputs and output
};

inline McastMatmulResult runMcastMatmul(const McastMatmulParams& p) {
  using namespace tt;
  using namespace tt::tt_metal;
  McastMatmulResult r;
  const uint32_t M = p.M, K = p.K, N = p.N, gx = p.grid_x, gy = p.grid_y, in0_block_w = p.in0_block_w;
  const uint32_t Mt = M / 32, Kt = K / 32, Nt = N / 32;
  const uint32_t per_core_M = Mt / gy, per_core_N = Nt / gx;
  if (M % 32 || K % 32 || N % 32 || Mt % gy || Nt % gx || Kt % in0_block_w) {
    std::fprintf(stderr, "shape must divide the grid and in0_block_w\n");
    return r;
  }
  const uint32_t out_subblock_h = per_core_M % 4 == 0 ? 4 : (per_core_M % 2 == 0 ? 2 : 1);
  const uint32_t out_subblock_w = per_core_N % (8 / out_subblock_h) == 0 ? 8 / out_subblock_h : 1;
  const uint32_t num_blocks = Kt / in0_block_w;
  const uint32_t in0_block_tiles = per_core_M * in0_block_w, in1_block_tiles = per_core_N * in0_block_w;
  const uint32_t out_tiles = per_core_M * per_core_N, tile_bytes = 2048;
  const MathFidelity fidelity = p.fidelity;
  const std::string kdir = p.kernel_dir + "/";

  IDevice* device = CreateDevice(0);
  CommandQueue& cq = device->command_queue();
  Program program = CreateProgram();

  std::mt19937 rng(21);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<bfloat16> a(size_t(M) * K), b(size_t(K) * N);
  for (auto& v : a) v = bfloat16(dist(rng));
  for (auto& v : b) v = bfloat16(dist(rng));
  auto make = [&](uint32_t tiles) {
    return CreateBuffer(InterleavedBufferConfig{device, tiles * tile_bytes, tile_bytes, BufferType::DRAM});
  };
  auto a_buf = make(Mt * Kt), b_buf = make(Kt * Nt), c_buf = make(Mt * Nt);
  EnqueueWriteBuffer(cq, a_buf, tilize_nfaces(a, M, K), false);
  EnqueueWriteBuffer(cq, b_buf, tilize_nfaces(b, K, N), false);

  CoreRange all({0, 0}, {gx - 1, gy - 1});
  auto df = tt::DataFormat::Float16_b;
  CreateCircularBuffer(program, all, CircularBufferConfig(2 * in0_block_tiles * tile_bytes, {{CBIndex::c_0, df}}).set_page_size(CBIndex::c_0, tile_bytes));
  CreateCircularBuffer(program, all, CircularBufferConfig(2 * in1_block_tiles * tile_bytes, {{CBIndex::c_1, df}}).set_page_size(CBIndex::c_1, tile_bytes));
  CreateCircularBuffer(program, all,
                       CircularBufferConfig(out_tiles * tile_bytes, {{CBIndex::c_16, df}, {CBIndex::c_24, df}})
                           .set_page_size(CBIndex::c_16, tile_bytes)
                           .set_page_size(CBIndex::c_24, tile_bytes));

  uint32_t in0_sender_sem = CreateSemaphore(program, all, INVALID);
  uint32_t in0_receiver_sem = CreateSemaphore(program, all, INVALID);
  uint32_t in1_sender_sem = CreateSemaphore(program, all, INVALID);
  uint32_t in1_receiver_sem = CreateSemaphore(program, all, INVALID);

  auto in0_kernel = CreateKernel(program, kdir + "in0_reader.cpp", all,
                                 DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
  auto in1_kernel = CreateKernel(program, kdir + "in1_reader_writer.cpp", all,
                                 DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default});
  uint32_t in0_num_subblocks = per_core_M / out_subblock_h, in1_num_subblocks = per_core_N / out_subblock_w;
  CreateKernel(program, kdir + "bmm_large_block_zm.cpp", all,
               ComputeConfig{.math_fidelity = fidelity,
                             .compile_args = {in0_block_w, in0_num_subblocks, in0_block_tiles, out_subblock_h * in0_block_w,
                                              in1_num_subblocks, in1_block_tiles, per_core_N, num_blocks, out_subblock_h,
                                              out_subblock_w, out_subblock_h * out_subblock_w, 1},
                             .defines = p.packer_l1_acc ? std::map<std::string, std::string>{{"PACKER_L1_ACC", "1"}}
                                                        : std::map<std::string, std::string>{}});
  if (p.idle_column)
    CreateKernel(program, kdir + "idle_compute.cpp", CoreRange({gx, 0}, {gx, gy - 1}),
                 ComputeConfig{.math_fidelity = fidelity});

  for (uint32_t y = 0; y < gy; ++y)
    for (uint32_t x = 0; x < gx; ++x) {
      CoreCoord core{x, y};
      CoreCoord row_start = device->worker_core_from_logical_core({1, y}), row_end = device->worker_core_from_logical_core({gx - 1, y});
      CoreCoord col_start = device->worker_core_from_logical_core({x, 1}), col_end = device->worker_core_from_logical_core({x, gy - 1});
      CoreCoord left = device->worker_core_from_logical_core({0, y}), top = device->worker_core_from_logical_core({x, 0});
      SetRuntimeArgs(program, in0_kernel, core,
                     {a_buf->address(), x == 0 ? 1u : 0u, y * per_core_M * Kt, Kt, per_core_M, in0_block_w, num_blocks,
                      uint32_t(row_start.x), uint32_t(row_start.y), uint32_t(row_end.x), uint32_t(row_end.y), gx - 1,
                      uint32_t(left.x), uint32_t(left.y), in0_sender_sem, in0_receiver_sem});
      SetRuntimeArgs(program, in1_kernel, core,
                     {b_buf->address(), y == 0 ? 1u : 0u, x * per_core_N, Nt, per_core_N, in0_block_w, num_blocks,
                      uint32_t(col_start.x), uint32_t(col_start.y), uint32_t(col_end.x), uint32_t(col_end.y), gy - 1,
                      uint32_t(top.x), uint32_t(top.y), in1_sender_sem, in1_receiver_sem, c_buf->address(),
                      y * per_core_M * Nt + x * per_core_N, out_subblock_h, out_subblock_w, in0_num_subblocks,
                      in1_num_subblocks});
    }
  EnqueueProgram(cq, program, false);
  Finish(cq);
  std::vector<bfloat16> c_tiled;
  EnqueueReadBuffer(cq, c_buf, c_tiled, true);
  CloseDevice(device);
  r.ok = true;
  r.a = std::move(a);
  r.b = std::move(b);
  r.c = untilize_nfaces(c_tiled, M, N);
  return r;
}
