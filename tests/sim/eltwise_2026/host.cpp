// Eltwise at the 2026 API level (MeshDevice, TensorAccessor, kernel_main compute): every SFPU op in
// the table below, one program each (the op is a kernel define), then a binary multiply. Each result
// is checked against the CPU function on the bf16 inputs.
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>

using namespace tt;
using namespace tt::tt_metal;

struct UnaryCase {
  std::string op;
  float lo, hi;
  std::function<float(float)> golden;
};

int main() {
  const uint32_t n_tiles = 8, tile_bytes = 2048;
  auto mesh = distributed::MeshDevice::create_unit_mesh(0);
  auto& cq = mesh->mesh_command_queue();
  distributed::DeviceLocalBufferConfig dram{.page_size = tile_bytes, .buffer_type = BufferType::DRAM};
  auto make = [&] {
    return distributed::MeshBuffer::create(distributed::ReplicatedBufferConfig{.size = n_tiles * tile_bytes}, dram,
                                           mesh.get());
  };
  auto in0 = make(), in1 = make(), out = make();
  CoreRange cores({0, 0}, {1, 1});  // 4 cores, 2 tiles each
  std::mt19937 rng(3);

  auto run = [&](const std::string& compute_file, std::map<std::string, std::string> defines, bool binary) {
    Program program = CreateProgram();
    for (auto cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_16})
      CreateCircularBuffer(program, cores,
                           CircularBufferConfig(2 * tile_bytes, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, tile_bytes));
    std::vector<uint32_t> rargs, wargs;
    TensorAccessorArgs(*in0).append_to(rargs);
    TensorAccessorArgs(*in1).append_to(rargs);
    TensorAccessorArgs(*out).append_to(wargs);
    auto reader = CreateKernel(program, "kernels/reader.cpp", cores, ReaderDataMovementConfig(rargs, {{"NUM_INPUTS", binary ? "2" : "1"}}));
    auto writer = CreateKernel(program, "kernels/writer.cpp", cores, WriterDataMovementConfig(wargs));
    auto compute = CreateKernel(program, compute_file, cores, ComputeConfig{.defines = defines});
    uint32_t start = 0;
    for (auto& core : CoreRangeSet(cores).ranges()[0].cores()) {
      SetRuntimeArgs(program, reader, core, {in0->address(), in1->address(), start, 2});
      SetRuntimeArgs(program, writer, core, {out->address(), start, 2});
      SetRuntimeArgs(program, compute, core, {2});
      start += 2;
    }
    distributed::MeshWorkload wl;
    wl.add_program(distributed::MeshCoordinateRange(mesh->shape()), std::move(program));
    distributed::EnqueueMeshWorkload(cq, wl, true);
  };

  std::vector<UnaryCase> cases = {
      {"exp", -3, 3, [](float x) { return std::exp(x); }},
      {"relu", -2, 2, [](float x) { return x > 0 ? x : 0; }},
      {"recip", 0.5f, 4, [](float x) { return 1 / x; }},
      {"sqrt", 0, 9, [](float x) { return std::sqrt(x); }},
      {"gelu", -3, 3, [](float x) { return 0.5f * x * (1 + std::erf(x / std::sqrt(2.0f))); }},
      {"sigmoid", -4, 4, [](float x) { return 1 / (1 + std::exp(-x)); }},
      {"tanh", -2, 2, [](float x) { return std::tanh(x); }},
      {"log", 0.1f, 10, [](float x) { return std::log(x); }},
      {"abs", -2, 2, [](float x) { return std::fabs(x); }},
  };
  int failures = 0;
  for (auto& c : cases) {
    std::uniform_real_distribution<float> dist(c.lo, c.hi);
    std::vector<bfloat16> x(n_tiles * 1024);
    for (auto& v : x) v = bfloat16(dist(rng));
    distributed::EnqueueWriteMeshBuffer(cq, in0, x, false);
    run("kernels/sfpu.cpp", {{"SFPU_INIT", c.op + "_tile_init"}, {"SFPU_OP", c.op + "_tile"}}, false);
    std::vector<bfloat16> y;
    distributed::EnqueueReadMeshBuffer(cq, y, out, true);
    double worst = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      float g = c.golden(float(x[i]));
      worst = std::max(worst, double(std::fabs(float(y[i]) - g) / std::max(1.0f, std::fabs(g))));
    }
    std::printf("%-8s max rel error %.5f\n", c.op.c_str(), worst);
    failures += worst > 0.01;
  }
  // Binary multiply (FPU) with the same kernels' 2026 spelling.
  std::uniform_real_distribution<float> dist(-2, 2);
  std::vector<bfloat16> a(n_tiles * 1024), b(n_tiles * 1024);
  for (auto& v : a) v = bfloat16(dist(rng));
  for (auto& v : b) v = bfloat16(dist(rng));
  distributed::EnqueueWriteMeshBuffer(cq, in0, a, false);
  distributed::EnqueueWriteMeshBuffer(cq, in1, b, false);
  run("kernels/binary.cpp", {}, true);
  std::vector<bfloat16> y;
  distributed::EnqueueReadMeshBuffer(cq, y, out, true);
  int bad = 0;
  for (size_t i = 0; i < a.size(); ++i) bad += float(y[i]) != float(bfloat16(float(a[i]) * float(b[i])));
  std::printf("mul      %d mismatches\n", bad);
  failures += bad != 0;
  mesh->close();
  return failures ? 1 : 0;
}
