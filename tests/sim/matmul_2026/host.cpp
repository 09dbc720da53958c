// Multi-core matmul at the 2026 API level: MeshDevice + MeshBuffer + MeshWorkload, TensorAccessorArgs
// compile args, `void kernel_main()` compute with compute_kernel_hw_startup + matmul_init and the
// 5-argument matmul_tiles, noc_async_read_page / noc_async_write_page. An optional argument names
// another compute kernel under kernels/ (compute_transitional.cpp: the late-2025 matmul_tile form).
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/tensor_accessor_args.hpp>
#include <tt-metalium/tilize_utils.hpp>
#include <tt-metalium/work_split.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
  const std::string compute_kernel = std::string("kernels/") + (argc > 1 ? argv[1] : "compute.cpp");
  const uint32_t M = 192, K = 128, N = 320;
  const uint32_t Mt = M / 32, Kt = K / 32, Nt = N / 32;
  auto mesh = distributed::MeshDevice::create_unit_mesh(0);
  distributed::MeshCommandQueue& cq = mesh->mesh_command_queue();
  Program program = CreateProgram();

  std::mt19937 rng(11);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<bfloat16> a(M * K), b(K * N);
  for (auto& v : a) v = bfloat16(dist(rng));
  for (auto& v : b) v = bfloat16(dist(rng));

  const uint32_t tile_bytes = sizeof(bfloat16) * tt::constants::TILE_HW;
  distributed::DeviceLocalBufferConfig dram{.page_size = tile_bytes, .buffer_type = BufferType::DRAM};
  auto make = [&](uint32_t tiles) {
    return distributed::MeshBuffer::create(distributed::ReplicatedBufferConfig{.size = tiles * tile_bytes}, dram, mesh.get());
  };
  auto a_buf = make(Mt * Kt), b_buf = make(Kt * Nt), c_buf = make(Mt * Nt);
  distributed::EnqueueWriteMeshBuffer(cq, a_buf, tilize_nfaces(a, M, K), false);
  distributed::EnqueueWriteMeshBuffer(cq, b_buf, tilize_nfaces(b, K, N), false);

  auto [num_cores, all_cores, group_1, group_2, per_1, per_2] =
      split_work_to_cores(mesh->compute_with_storage_grid_size(), Mt * Nt, /*row_wise=*/true);
  for (auto cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_16})
    CreateCircularBuffer(program, all_cores,
                         CircularBufferConfig(2 * tile_bytes, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, tile_bytes));

  std::vector<uint32_t> reader_args;
  TensorAccessorArgs(*a_buf).append_to(reader_args);
  TensorAccessorArgs(*b_buf).append_to(reader_args);
  std::vector<uint32_t> writer_args;
  TensorAccessorArgs(*c_buf).append_to(writer_args);
  auto reader = CreateKernel(program, "kernels/reader.cpp", all_cores, ReaderDataMovementConfig(reader_args));
  auto writer = CreateKernel(program, "kernels/writer.cpp", all_cores, WriterDataMovementConfig(writer_args));
  auto compute = CreateKernel(program, compute_kernel, all_cores,
                              ComputeConfig{.math_fidelity = MathFidelity::HiFi2, .compile_args = {Kt}});

  uint32_t start = 0;
  for (const auto& core : corerange_to_cores(all_cores, std::nullopt, true)) {
    uint32_t count = group_1.contains(core) ? per_1 : per_2;
    SetRuntimeArgs(program, reader, core, {a_buf->address(), b_buf->address(), Kt, Nt, start, count});
    SetRuntimeArgs(program, writer, core, {c_buf->address(), start, count});
    SetRuntimeArgs(program, compute, core, {count});
    start += count;
  }
  distributed::MeshWorkload workload;
  workload.add_program(distributed::MeshCoordinateRange(mesh->shape()), std::move(program));
  distributed::EnqueueMeshWorkload(cq, workload, false);
  distributed::Finish(cq);

  std::vector<bfloat16> c_tiled;
  distributed::EnqueueReadMeshBuffer(cq, c_tiled, c_buf, true);
  auto c = untilize_nfaces(c_tiled, M, N);
  std::vector<float> golden(M * N);
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t j = 0; j < N; ++j) {
      float acc = 0;
      for (uint32_t k = 0; k < K; ++k) acc += float(a[i * K + k]) * float(b[k * N + j]);
      golden[i * N + j] = acc;
    }
  float pcc = check_bfloat16_vector_pcc(golden, c);
  mesh->close();
  std::printf("matmul (2026 API) %ux%ux%u on %u cores: PCC %.5f\n", M, K, N, num_cores, pcc);
  return pcc >= 0.999f ? 0 : 1;
}
