// Mesh-level host API (2025+): MeshDevice, MeshBuffer, MeshWorkload and the mesh command queue.
// The simulator models one chip: a unit mesh of shape 1x1.
#pragma once
#include <memory>

#include "tilec_sim/host/api.hpp"

namespace tt::tt_metal::distributed {

struct MeshShape {
  uint32_t rows = 1, cols = 1;
  MeshShape() = default;
  MeshShape(uint32_t r, uint32_t c) : rows(r), cols(c) {}
  uint32_t mesh_size() const { return rows * cols; }
};
struct MeshCoordinate {
  uint32_t row = 0, col = 0;
  MeshCoordinate() = default;
  MeshCoordinate(uint32_t r, uint32_t c) : row(r), col(c) {}
};
struct MeshCoordinateRange {
  MeshCoordinateRange() = default;
  explicit MeshCoordinateRange(const MeshShape&) {}
  MeshCoordinateRange(const MeshCoordinate&, const MeshCoordinate&) {}
  MeshCoordinateRange(const MeshCoordinate&) {}
};

class MeshDevice;
class MeshCommandQueue {
 public:
  explicit MeshCommandQueue(MeshDevice* device) : device_(device) {}
  MeshDevice& device() const { return *device_; }

 private:
  MeshDevice* device_;
};

class MeshDevice : public IDevice {
 public:
  explicit MeshDevice(int id);
  ~MeshDevice() override;
  static std::shared_ptr<MeshDevice> create_unit_mesh(int device_id, std::size_t l1_small_size = 0,
                                                      std::size_t trace_region_size = 0, std::size_t num_cqs = 1,
                                                      const DispatchCoreConfig& = {},
                                                      const std::vector<uint32_t>& l1_bank_remap = {},
                                                      std::size_t worker_l1_size = 0);
  MeshCommandQueue& mesh_command_queue(std::size_t = 0) { return queue_; }
  CommandQueue& command_queue(std::size_t = 0) override;
  MeshShape shape() const { return {1, 1}; }
  std::size_t num_devices() const { return 1; }
  bool close();

 private:
  MeshCommandQueue queue_{this};
};

struct ReplicatedBufferConfig {
  DeviceAddr size = 0;
};
struct ShardedBufferConfig {
  DeviceAddr global_size = 0;
};
struct DeviceLocalBufferConfig {
  DeviceAddr page_size = 0;
  BufferType buffer_type = BufferType::DRAM;
  BufferShardingArgs sharding_args;  // interleaved unless it holds a shard spec
  std::optional<bool> bottom_up = std::nullopt;
};

class MeshBuffer {
 public:
  MeshBuffer(std::shared_ptr<Buffer> buffer, MeshDevice* device) : buffer_(std::move(buffer)), device_(device) {}
  static std::shared_ptr<MeshBuffer> create(const ReplicatedBufferConfig& global, const DeviceLocalBufferConfig& local,
                                            MeshDevice* device) {
    auto buffer = std::make_shared<Buffer>(device, global.size, local.page_size, local.buffer_type, local.sharding_args);
    return std::make_shared<MeshBuffer>(std::move(buffer), device);
  }
  uint32_t address() const { return buffer_->address(); }
  DeviceAddr size() const { return buffer_->size(); }
  DeviceAddr page_size() const { return buffer_->page_size(); }
  MeshDevice* device() const { return device_; }
  Buffer* get_backing_buffer() const { return buffer_.get(); }
  Buffer* get_device_buffer(const MeshCoordinate& = {}) const { return buffer_.get(); }

 private:
  std::shared_ptr<Buffer> buffer_;
  MeshDevice* device_;
};

class MeshWorkload {
 public:
  void add_program(const MeshCoordinateRange&, Program&& program) { programs_.push_back(std::move(program)); }
  std::vector<Program>& get_programs() { return programs_; }

 private:
  std::vector<Program> programs_;
};
inline void AddProgramToMeshWorkload(MeshWorkload& wl, Program&& program, const MeshCoordinateRange& range) {
  wl.add_program(range, std::move(program));
}
inline void EnqueueMeshWorkload(MeshCommandQueue& cq, MeshWorkload& wl, bool /*blocking*/) {
  for (auto& p : wl.get_programs()) RunProgram(&cq.device(), p);
}
template <typename T>
void EnqueueWriteMeshBuffer(MeshCommandQueue&, const std::shared_ptr<MeshBuffer>& buf, const std::vector<T>& src,
                            bool /*blocking*/ = false) {
  buf->get_backing_buffer()->writeBytes(src.data(), src.size() * sizeof(T));
}
template <typename T>
void EnqueueReadMeshBuffer(MeshCommandQueue&, std::vector<T>& dst, const std::shared_ptr<MeshBuffer>& buf,
                           bool /*blocking*/ = true) {
  dst.resize((buf->size() + sizeof(T) - 1) / sizeof(T));
  buf->get_backing_buffer()->readBytes(dst.data(), buf->size());
}
template <typename T>
void WriteShard(MeshCommandQueue& cq, const std::shared_ptr<MeshBuffer>& buf, const std::vector<T>& src,
                const MeshCoordinate&, bool blocking = false) {
  EnqueueWriteMeshBuffer(cq, buf, src, blocking);
}
template <typename T>
void ReadShard(MeshCommandQueue& cq, std::vector<T>& dst, const std::shared_ptr<MeshBuffer>& buf,
               const MeshCoordinate&, bool blocking = true) {
  EnqueueReadMeshBuffer(cq, dst, buf, blocking);
}
inline void Finish(MeshCommandQueue&) {}

}  // namespace tt::tt_metal::distributed
