// The host side of a small program at either API level, so one host.cpp serves both: 2025 (tt-metal
// v0.63.0: CreateDevice + CommandQueue) and 2026 (ttnn 0.81.1: MeshDevice + MeshWorkload). Only
// what these programs need: DRAM/L1 buffers of uint32 words, write, read, run.
#pragma once
#include <tt-metalium/host_api.hpp>
#if TILEC_SIM_API == 2026
#include <tt-metalium/distributed.hpp>
#endif

#include <cstdint>
#include <memory>
#include <vector>

using namespace tt;
using namespace tt::tt_metal;

#if TILEC_SIM_API == 2026
struct Session {
  std::shared_ptr<distributed::MeshDevice> mesh = distributed::MeshDevice::create_unit_mesh(0);
  using Buffer = std::shared_ptr<distributed::MeshBuffer>;
  Buffer buffer(uint32_t bytes, uint32_t page, BufferType type) {
    distributed::DeviceLocalBufferConfig local{.page_size = page, .buffer_type = type};
    return distributed::MeshBuffer::create(distributed::ReplicatedBufferConfig{.size = bytes}, local, mesh.get());
  }
  void write(const Buffer& b, const std::vector<uint32_t>& data) {
    distributed::EnqueueWriteMeshBuffer(mesh->mesh_command_queue(), b, data, true);
  }
  std::vector<uint32_t> read(const Buffer& b) {
    std::vector<uint32_t> out;
    distributed::EnqueueReadMeshBuffer(mesh->mesh_command_queue(), out, b, true);
    return out;
  }
  void run(Program& program) {
    distributed::MeshWorkload workload;
    workload.add_program(distributed::MeshCoordinateRange(mesh->shape()), std::move(program));
    distributed::EnqueueMeshWorkload(mesh->mesh_command_queue(), workload, true);
  }
  void close() { mesh->close(); }
};
#else
struct Session {
  IDevice* device = CreateDevice(0);
  using Buffer = std::shared_ptr<tt::tt_metal::Buffer>;
  Buffer buffer(uint32_t bytes, uint32_t page, BufferType type) {
    return CreateBuffer(InterleavedBufferConfig{device, bytes, page, type});
  }
  void write(const Buffer& b, const std::vector<uint32_t>& data) { EnqueueWriteBuffer(device->command_queue(), b, data, true); }
  std::vector<uint32_t> read(const Buffer& b) {
    std::vector<uint32_t> out;
    EnqueueReadBuffer(device->command_queue(), b, out, true);
    return out;
  }
  void run(Program& program) {
    EnqueueProgram(device->command_queue(), program, false);
    Finish(device->command_queue());
  }
  void close() { CloseDevice(device); }
};
#endif
