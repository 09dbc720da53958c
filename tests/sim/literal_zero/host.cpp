// Literal-0 arguments in compute calls, at both API levels (argv[1] = 2025 | 2026 picks the compute
// kernel): matmul_tiles(0, 1, 0, 0, 0, 0) next to its 5-argument form, add/sub_binary_tile(0, 1, 0)
// and binary_max_tile(0, 1, 0) next to their 2-argument forms. Single core, one 32x32 tile each of
// A and B; the three outputs are checked against a CPU computation.
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/tilize_utils.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
  std::string level = argc > 1 ? argv[1] : "";
  if (level != "2025" && level != "2026") {
    std::fprintf(stderr, "usage: 2025|2026\n");
    return 1;
  }
  constexpr uint32_t kTile = 2048;
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<bfloat16> a(1024), b(1024);
  for (auto& x : a) x = bfloat16(dist(rng));
  for (auto& x : b) x = bfloat16(dist(rng));

  IDevice* device = CreateDevice(0);
  CommandQueue& cq = device->command_queue();
  Program program = CreateProgram();
  CoreCoord core{0, 0};
  for (auto cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_16})
    CreateCircularBuffer(program, core,
                         CircularBufferConfig(2 * kTile, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, kTile));
  auto dram = [&](uint32_t tiles) {
    return CreateBuffer(InterleavedBufferConfig{device, tiles * kTile, kTile, BufferType::DRAM});
  };
  auto in0 = dram(1), in1 = dram(1), out = dram(3);
  std::vector<bfloat16> a_tiles = tilize_nfaces(a, 32, 32), b_tiles = tilize_nfaces(b, 32, 32);
  EnqueueWriteBuffer(cq, in0, a_tiles, false);
  EnqueueWriteBuffer(cq, in1, b_tiles, false);
  auto reader = CreateKernel(program, "kernels/reader.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
  auto writer = CreateKernel(program, "kernels/writer.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default});
  CreateKernel(program, "kernels/compute_" + level + ".cpp", core, ComputeConfig{.math_fidelity = MathFidelity::HiFi4});
  SetRuntimeArgs(program, reader, core, {in0->address(), in1->address()});
  SetRuntimeArgs(program, writer, core, {out->address(), 3});
  EnqueueProgram(cq, program, false);
  Finish(cq);
  std::vector<bfloat16> result;
  EnqueueReadBuffer(cq, out, result, true);
  CloseDevice(device);

  auto A = [&](int r, int c) { return float(a[size_t(r * 32 + c)]); };
  auto B = [&](int r, int c) { return float(b[size_t(r * 32 + c)]); };
  const char* names[3] = {"A@B + A", "A@B^T - A", "max(A@B, A)"};
  int failures = 0;
  for (int t = 0; t < 3; ++t) {
    std::vector<bfloat16> tile(result.begin() + t * 1024, result.begin() + (t + 1) * 1024);
    std::vector<bfloat16> rm = untilize_nfaces(tile, 32, 32);
    int bad = 0;
    for (int r = 0; r < 32; ++r)
      for (int c = 0; c < 32; ++c) {
        float mm = 0;
        for (int k = 0; k < 32; ++k) mm += A(r, k) * (t == 1 ? B(c, k) : B(k, c));
        float g = t == 0 ? mm + A(r, c) : t == 1 ? mm - A(r, c) : std::max(mm, A(r, c));
        float y = float(rm[size_t(r * 32 + c)]);
        if (std::fabs(g - y) > 0.03f * std::max(1.0f, std::fabs(g)) && bad++ < 4)
          std::fprintf(stderr, "%s %s: [%d,%d] got %f expected %f\n", level.c_str(), names[t], r, c, y, g);
      }
    std::printf("%s %-12s %s\n", level.c_str(), names[t], bad ? "FAIL" : "ok");
    failures += bad ? 1 : 0;
  }
  return failures ? 1 : 0;
}
