// Matmul at the 2025 API level (CreateDevice + CommandQueue, InterleavedAddrGenFast, mm_init and the
// 6-argument matmul_tiles). `single`: one core computes every output tile; `multi`: output tiles are
// spread with split_work_to_cores over the whole grid. Checked against a CPU matmul (PCC and error).
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/tilize_utils.hpp>
#include <tt-metalium/work_split.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
  bool multi = argc > 1 && std::strcmp(argv[1], "multi") == 0;
  // `deadlock`: compute expects one K tile more than the reader sends (a classic hang on hardware).
  bool deadlock = argc > 1 && std::strcmp(argv[1], "deadlock") == 0;
  const uint32_t M = multi ? 256 : 128, K = multi ? 256 : 192, N = multi ? 256 : 160;
  const uint32_t Mt = M / 32, Kt = K / 32, Nt = N / 32;

  IDevice* device = CreateDevice(0);
  CommandQueue& cq = device->command_queue();
  Program program = CreateProgram();

  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<bfloat16> a(M * K), b(K * N);
  for (auto& v : a) v = bfloat16(dist(rng));
  for (auto& v : b) v = bfloat16(dist(rng));

  const uint32_t tile_bytes = 2048;
  auto make = [&](uint32_t tiles) {
    return CreateBuffer(InterleavedBufferConfig{device, tiles * tile_bytes, tile_bytes, BufferType::DRAM});
  };
  auto a_buf = make(Mt * Kt), b_buf = make(Kt * Nt), c_buf = make(Mt * Nt);
  EnqueueWriteBuffer(cq, a_buf, tilize_nfaces(a, M, K), false);
  EnqueueWriteBuffer(cq, b_buf, tilize_nfaces(b, K, N), false);

  CoreCoord grid = multi ? device->compute_with_storage_grid_size() : CoreCoord{1, 1};
  auto [num_cores, all_cores, group_1, group_2, per_core_1, per_core_2] = split_work_to_cores(grid, Mt * Nt);

  for (auto cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_16})
    CreateCircularBuffer(program, all_cores,
                         CircularBufferConfig(2 * tile_bytes, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, tile_bytes));

  auto reader = CreateKernel(program, "kernels/reader_mm.cpp", all_cores,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
  auto writer = CreateKernel(program, "kernels/writer_tiles.cpp", all_cores,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default});
  auto compute = CreateKernel(program, "kernels/mm.cpp", all_cores,
                              ComputeConfig{.math_fidelity = MathFidelity::HiFi4, .compile_args = {deadlock ? Kt + 1 : Kt}});

  uint32_t start = 0;
  for (const auto& core : corerange_to_cores(all_cores, std::nullopt, false)) {
    uint32_t count = group_1.contains(core) ? per_core_1 : per_core_2;
    SetRuntimeArgs(program, reader, core, {a_buf->address(), b_buf->address(), Mt, Kt, Nt, start, count});
    SetRuntimeArgs(program, writer, core, {c_buf->address(), count, start});
    SetRuntimeArgs(program, compute, core, {count});
    start += count;
  }
  EnqueueProgram(cq, program, false);
  Finish(cq);

  std::vector<bfloat16> c_tiled;
  EnqueueReadBuffer(cq, c_buf, c_tiled, true);
  std::vector<bfloat16> c = untilize_nfaces(c_tiled, M, N);
  std::vector<float> golden(M * N);
  double max_err = 0;
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t j = 0; j < N; ++j) {
      float acc = 0;
      for (uint32_t k = 0; k < K; ++k) acc += a[i * K + k].to_float() * b[k * N + j].to_float();
      golden[i * N + j] = acc;
      max_err = std::max(max_err, double(std::fabs(acc - c[i * N + j].to_float())));
    }
  float pcc = check_bfloat16_vector_pcc(golden, c);
  CloseDevice(device);
  std::printf("matmul %ux%ux%u on %u cores: PCC %.5f, max abs error %.4f\n", M, K, N, num_cores, pcc, max_err);
  if (pcc < 0.999f || max_err > 0.25) {
    std::fprintf(stderr, "FAIL\n");
    return 1;
  }
  return 0;
}
