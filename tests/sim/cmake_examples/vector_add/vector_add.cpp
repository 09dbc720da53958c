// c = a + b over bf16 tiles on a 2x2 block of cores, MeshDevice host API (both API levels have it).
// Kernel paths are spelled as the SDK's examples spell them: OVERRIDE_KERNEL_PREFIX + "<example>/...",
// so where they are found depends on how the program was built and on the environment
// (docs/SIMULATOR.md, "Building a program"). argv[1] = 2025|2026 picks the compute kernel spelled
// for that level. Exits non-zero when a sum is off by more than bf16 rounding.
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#ifndef OVERRIDE_KERNEL_PREFIX
#define OVERRIDE_KERNEL_PREFIX ""
#endif

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
  const std::string level = argc > 1 ? argv[1] : "2026";
  constexpr uint32_t tiles_per_core = 3, tile_bytes = 32 * 32 * 2;
  const CoreRange cores({0, 0}, {1, 1});
  const uint32_t n_tiles = tiles_per_core * cores.size();

  auto mesh = distributed::MeshDevice::create_unit_mesh(0);
  auto& cq = mesh->mesh_command_queue();
  distributed::DeviceLocalBufferConfig dram{.page_size = tile_bytes, .buffer_type = BufferType::DRAM};
  distributed::ReplicatedBufferConfig whole{.size = n_tiles * tile_bytes};
  auto a = distributed::MeshBuffer::create(whole, dram, mesh.get());
  auto b = distributed::MeshBuffer::create(whole, dram, mesh.get());
  auto c = distributed::MeshBuffer::create(whole, dram, mesh.get());

  std::mt19937 rng(11);
  std::uniform_real_distribution<float> dist(-4.0f, 4.0f);
  std::vector<bfloat16> a_data(n_tiles * 1024), b_data(n_tiles * 1024);
  for (size_t i = 0; i < a_data.size(); ++i) {
    a_data[i] = bfloat16(dist(rng));
    b_data[i] = bfloat16(dist(rng));
  }

  Program program = CreateProgram();
  for (auto cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_16})
    CreateCircularBuffer(program, cores,
                         CircularBufferConfig(2 * tile_bytes, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, tile_bytes));
  std::vector<uint32_t> reader_args, writer_args;
  TensorAccessorArgs(*a).append_to(reader_args);
  TensorAccessorArgs(*b).append_to(reader_args);
  TensorAccessorArgs(*c).append_to(writer_args);
  auto reader = CreateKernel(program, OVERRIDE_KERNEL_PREFIX "vector_add/kernels/read_two.cpp", cores,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_1,
                                                .noc = NOC::RISCV_1_default,
                                                .compile_args = reader_args});
  auto writer = CreateKernel(program, OVERRIDE_KERNEL_PREFIX "vector_add/kernels/write_one.cpp", cores,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_0,
                                                .noc = NOC::RISCV_0_default,
                                                .compile_args = writer_args});
  const std::string compute_file =
      std::string(OVERRIDE_KERNEL_PREFIX "vector_add/kernels/add_") + (level == "2025" ? "2025" : "2026") + ".cpp";
  auto compute = CreateKernel(program, compute_file, cores, ComputeConfig{});

  uint32_t start = 0;
  for (const CoreCoord& core : CoreRangeSet(cores).ranges()[0].cores()) {
    SetRuntimeArgs(program, reader, core, {a->address(), b->address(), start, tiles_per_core});
    SetRuntimeArgs(program, writer, core, {c->address(), start, tiles_per_core});
    SetRuntimeArgs(program, compute, core, {tiles_per_core});
    start += tiles_per_core;
  }

  distributed::EnqueueWriteMeshBuffer(cq, a, a_data, false);
  distributed::EnqueueWriteMeshBuffer(cq, b, b_data, false);
  distributed::MeshWorkload workload;
  workload.add_program(distributed::MeshCoordinateRange(mesh->shape()), std::move(program));
  distributed::EnqueueMeshWorkload(cq, workload, false);
  std::vector<bfloat16> c_data;
  distributed::EnqueueReadMeshBuffer(cq, c_data, c, true);
  mesh->close();

  // Tiles are added element by element, so the layout inside a tile does not matter here.
  size_t bad = 0;
  for (size_t i = 0; i < c_data.size(); ++i) {
    float want = static_cast<float>(a_data[i]) + static_cast<float>(b_data[i]);
    if (std::fabs(static_cast<float>(c_data[i]) - want) > 0.02f * std::fabs(want) + 1e-2f) ++bad;
  }
  if (c_data.size() != a_data.size() || bad) {
    std::fprintf(stderr, "FAIL: %zu of %zu sums are wrong\n", bad, a_data.size());
    return 1;
  }
  std::printf("PASS: vector add of %u tiles at level %s\n", n_tiles, level.c_str());
  return 0;
}
