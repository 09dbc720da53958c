// Kernel surface at both API levels: named compile-time args (the host's named_compile_args, read with
// get_named_compile_time_arg_val), kernel_compile_time_args[], constexpr get_tile_size/get_dataformat
// compiled from the program's CB configuration, tt-metalium/constants.hpp and
// hostdevcommon/kernel_structs.h in kernels; at 2026 the reader and writer use the Device 2.0 Noc and
// CircularBuffer objects. out = in + bias + sum(indexed args), exact in uint32; exits 1 on mismatch.
#include <tt-metalium/host_api.hpp>
#if TILEC_SIM_API == 2026
#include <tt-metalium/distributed.hpp>
#endif

#include <vector>

using namespace tt;
using namespace tt::tt_metal;

int main() {
  const uint32_t n_pages = 5, page_bytes = tt::constants::TILE_HW * sizeof(uint32_t), bias = 1000;
  const std::vector<uint32_t> extra_args = {3, 40, 500};  // indexed compile-time args of the writer
  std::vector<uint32_t> in(n_pages * page_bytes / sizeof(uint32_t));
  for (size_t i = 0; i < in.size(); ++i) in[i] = uint32_t(i * 7 + 1);
  std::vector<uint32_t> out;
  std::unordered_map<std::string, uint32_t> named = {{"n_pages", n_pages}, {"bias", bias}};
  const CoreCoord core{0, 0};
  Program program = CreateProgram();
  CreateCircularBuffer(program, core, CircularBufferConfig(2 * page_bytes, {{CBIndex::c_0, tt::DataFormat::UInt32}})
                                          .set_page_size(CBIndex::c_0, page_bytes));
#if TILEC_SIM_API == 2026
  auto mesh = distributed::MeshDevice::create_unit_mesh(0);
  distributed::DeviceLocalBufferConfig dram{.page_size = page_bytes, .buffer_type = BufferType::DRAM};
  distributed::ReplicatedBufferConfig whole{.size = n_pages * page_bytes};
  auto src = distributed::MeshBuffer::create(whole, dram, mesh.get());
  auto dst = distributed::MeshBuffer::create(whole, dram, mesh.get());
  std::vector<uint32_t> reader_args, writer_args;
  TensorAccessorArgs(*src).append_to(reader_args);
  TensorAccessorArgs(*dst).append_to(writer_args);
  writer_args.insert(writer_args.end(), extra_args.begin(), extra_args.end());
  auto reader = CreateKernel(program, "kernels/reader_2026.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default,
                                                .compile_args = reader_args, .named_compile_args = named});
  auto writer = CreateKernel(program, "kernels/writer_2026.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default,
                                                .compile_args = writer_args, .named_compile_args = named});
  SetRuntimeArgs(program, reader, core, {src->address()});
  SetRuntimeArgs(program, writer, core, {dst->address()});
  auto& cq = mesh->mesh_command_queue();
  distributed::EnqueueWriteMeshBuffer(cq, src, in, false);
  distributed::MeshWorkload workload;
  workload.add_program(distributed::MeshCoordinateRange(mesh->shape()), std::move(program));
  distributed::EnqueueMeshWorkload(cq, workload, true);
  distributed::EnqueueReadMeshBuffer(cq, out, dst, true);
  mesh->close();
#else
  IDevice* device = CreateDevice(0);
  InterleavedBufferConfig dram{.device = device, .size = n_pages * page_bytes, .page_size = page_bytes,
                               .buffer_type = BufferType::DRAM};
  auto src = CreateBuffer(dram), dst = CreateBuffer(dram);
  auto reader = CreateKernel(program, "kernels/reader_2025.cpp", core, ReaderDataMovementConfig({}, {}, named));
  auto writer = CreateKernel(program, "kernels/writer_2025.cpp", core, WriterDataMovementConfig(extra_args, {}, named));
  SetRuntimeArgs(program, reader, core, {src->address()});
  SetRuntimeArgs(program, writer, core, {dst->address()});
  EnqueueWriteBuffer(device->command_queue(), src, in, false);
  EnqueueProgram(device->command_queue(), program, false);
  EnqueueReadBuffer(device->command_queue(), dst, out, true);
  CloseDevice(device);
#endif
  uint32_t want_bias = bias + 3 + 40 + 500;
  int bad = 0;
  for (size_t i = 0; i < in.size(); ++i) bad += out[i] != in[i] + want_bias;
  fmt::print("kernel surface: {} of {} words wrong\n", bad, in.size());
  return bad ? 1 : 0;
}
