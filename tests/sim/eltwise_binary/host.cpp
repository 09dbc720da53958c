// Eltwise binary (2025 API level): c = a + b over 64 bf16 tiles, checked against a CPU sum.
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/device.hpp>

#include <cmath>
#include <cstdio>
#include <random>

using namespace tt;
using namespace tt::tt_metal;

int main() {
  IDevice* device = CreateDevice(0);
  CommandQueue& cq = device->command_queue();
  Program program = CreateProgram();
  CoreCoord core = {0, 0};

  constexpr uint32_t n_tiles = 64;
  constexpr uint32_t tile_bytes = 2 * 1024;
  InterleavedBufferConfig dram_config{
      .device = device, .size = n_tiles * tile_bytes, .page_size = tile_bytes, .buffer_type = BufferType::DRAM};
  auto a = CreateBuffer(dram_config);
  auto b = CreateBuffer(dram_config);
  auto c = CreateBuffer(dram_config);

  for (uint8_t cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_16}) {
    CircularBufferConfig cfg = CircularBufferConfig(2 * tile_bytes, {{cb, tt::DataFormat::Float16_b}})
                                   .set_page_size(cb, tile_bytes);
    CreateCircularBuffer(program, core, cfg);
  }

  auto reader = CreateKernel(program, "kernels/reader.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
  auto writer = CreateKernel(program, "kernels/writer.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default});
  auto compute = CreateKernel(program, "kernels/compute.cpp", core, ComputeConfig{.math_fidelity = MathFidelity::HiFi4});

  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
  std::vector<bfloat16> va(n_tiles * 1024), vb(n_tiles * 1024);
  for (auto& v : va) v = bfloat16(dist(rng));
  for (auto& v : vb) v = bfloat16(dist(rng));
  EnqueueWriteBuffer(cq, a, va, false);
  EnqueueWriteBuffer(cq, b, vb, false);

  SetRuntimeArgs(program, reader, core, {a->address(), b->address(), n_tiles});
  SetRuntimeArgs(program, writer, core, {c->address(), n_tiles});
  SetRuntimeArgs(program, compute, core, {n_tiles});
  EnqueueProgram(cq, program, false);
  Finish(cq);

  std::vector<bfloat16> vc;
  EnqueueReadBuffer(cq, c, vc, true);
  int bad = 0;
  for (size_t i = 0; i < va.size(); ++i) {
    float expected = bfloat16(va[i].to_float() + vb[i].to_float()).to_float();
    if (vc[i].to_float() != expected && bad++ < 5)
      std::fprintf(stderr, "mismatch at %zu: got %f expected %f\n", i, vc[i].to_float(), expected);
  }
  CloseDevice(device);
  if (bad) {
    std::fprintf(stderr, "FAIL: %d mismatches\n", bad);
    return 1;
  }
  std::printf("PASS: eltwise add of %u tiles\n", n_tiles);
  return 0;
}
