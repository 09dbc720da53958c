#include "host.hpp"

#include <tt-metalium/host_api.hpp>

using namespace tt;
using namespace tt::tt_metal;

std::vector<uint16_t> add_host(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b, uint32_t n_tiles) {
  IDevice* device = CreateDevice(0);
  CommandQueue& cq = device->command_queue();
  Program program = CreateProgram();
  CoreCoord core{0, 0};
  const uint32_t tile_bytes = 2048;
  InterleavedBufferConfig cfg{device, n_tiles * tile_bytes, tile_bytes, BufferType::DRAM};
  auto a_buf = CreateBuffer(cfg), b_buf = CreateBuffer(cfg), c_buf = CreateBuffer(cfg);
  for (uint8_t cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_16})
    CreateCircularBuffer(program, core, CircularBufferConfig(2 * tile_bytes, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, tile_bytes));
  auto reader = CreateKernel(program, "kernels/reader.cpp", core, ReaderDataMovementConfig{});
  auto writer = CreateKernel(program, "kernels/writer.cpp", core, WriterDataMovementConfig{});
  auto compute = CreateKernel(program, "kernels/compute.cpp", core, ComputeConfig{});
  EnqueueWriteBuffer(cq, a_buf, a, false);
  EnqueueWriteBuffer(cq, b_buf, b, false);
  SetRuntimeArgs(program, reader, core, {a_buf->address(), b_buf->address(), n_tiles});
  SetRuntimeArgs(program, writer, core, {c_buf->address(), n_tiles});
  SetRuntimeArgs(program, compute, core, {n_tiles});
  EnqueueProgram(cq, program, true);
  std::vector<uint16_t> c;
  EnqueueReadBuffer(cq, c_buf, c, true);
  CloseDevice(device);
  return c;
}
