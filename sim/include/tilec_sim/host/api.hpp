// Host API of TT-Metalium (2024-2025 CreateDevice + CommandQueue level): device, buffers, programs,
// circular buffers, kernels, semaphores, runtime args, enqueue. The state behind these handles lives
// in the simulator runtime (libtilec_sim_rt.so).
#pragma once
#include <cstring>
#include <functional>
#include <iostream>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "tilec_sim/host/level_env.hpp"
#include "tilec_sim/host/types.hpp"
#include "tilec_sim/host/assert.hpp"
#include "tilec_sim/host/format.hpp"

// The official examples prefix kernel paths with this; their top-level CMakeLists defines it as
// "tt_metal/programming_examples/" (resolved under $TT_METAL_HOME), a standalone build leaves it "".
#ifndef OVERRIDE_KERNEL_PREFIX
#define OVERRIDE_KERNEL_PREFIX ""
#endif

namespace tilec::sim::rt {
struct ProgramState;
struct BufferState;
}  // namespace tilec::sim::rt

namespace tt::tt_metal {

class CommandQueue;
class Buffer;

// The device's memory allocator, as far as programs query it: the alignment of buffer pages.
class Allocator {
 public:
  uint32_t get_alignment(BufferType buffer_type) const;
};

class IDevice {
 public:
  explicit IDevice(int id);
  virtual ~IDevice();
  int id() const { return id_; }
  tt::ARCH arch() const;
  CoreCoord compute_with_storage_grid_size() const;
  CoreCoord logical_grid_size() const { return compute_with_storage_grid_size(); }
  CoreCoord grid_size() const { return compute_with_storage_grid_size(); }
  CoreCoord worker_core_from_logical_core(const CoreCoord& logical) const;
  CoreCoord virtual_core_from_logical_core(const CoreCoord& logical, CoreType = CoreType::WORKER) const {
    return worker_core_from_logical_core(logical);
  }
  uint32_t l1_size_per_core() const;
  uint32_t num_dram_channels() const;
  uint32_t dram_size_per_channel() const;
  virtual CommandQueue& command_queue(std::size_t cq_id = 0);
  const std::unique_ptr<Allocator>& allocator() const { return allocator_; }

 private:
  int id_;
  std::unique_ptr<Allocator> allocator_ = std::make_unique<Allocator>();
  std::unique_ptr<CommandQueue> queue_;
};
using Device = IDevice;

// CreateDevice / CloseDevice and the CommandQueue calls below are the 2025 host API (tt-metal v0.63.0);
// ttnn 0.81.1 has only the Mesh API (distributed.hpp). A host program pinned to 2026
// (-DTILEC_SIM_API=2026, see tilec_sim/kernel/level.h) does not see them, as against the real release.
#if !defined(TILEC_SIM_API) || TILEC_SIM_API == 2025
IDevice* CreateDevice(int device_id, uint8_t num_hw_cqs = 1, std::size_t l1_small_size = 0,
                      std::size_t trace_region_size = 0, const DispatchCoreConfig& = {},
                      const std::vector<uint32_t>& l1_bank_remap = {}, std::size_t worker_l1_size = 0);
bool CloseDevice(IDevice* device);
#endif
std::size_t GetNumAvailableDevices();
std::size_t GetNumPCIeDevices();

// ---- buffers ----
struct InterleavedBufferConfig {
  IDevice* device = nullptr;
  DeviceAddr size = 0;
  DeviceAddr page_size = 0;
  BufferType buffer_type = BufferType::DRAM;
  TensorMemoryLayout buffer_layout = TensorMemoryLayout::INTERLEAVED;
};
// A buffer sharded over the L1 of a grid of cores (see ShardSpecBuffer in types.hpp).
struct ShardedBufferConfig {
  IDevice* device = nullptr;
  DeviceAddr size = 0;
  DeviceAddr page_size = 0;
  BufferType buffer_type = BufferType::L1;
  TensorMemoryLayout buffer_layout = TensorMemoryLayout::HEIGHT_SHARDED;
  ShardSpecBuffer shard_parameters;
};

class Buffer {
 public:
  Buffer(IDevice* device, DeviceAddr size, DeviceAddr page_size, BufferType type,
         const BufferShardingArgs& sharding = {});
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  uint32_t address() const { return address_; }
  DeviceAddr size() const { return size_; }
  DeviceAddr page_size() const { return page_size_; }
  uint32_t num_pages() const { return uint32_t((size_ + page_size_ - 1) / page_size_); }
  BufferType buffer_type() const { return type_; }
  bool is_dram() const { return type_ == BufferType::DRAM; }
  bool is_l1() const { return type_ == BufferType::L1 || type_ == BufferType::L1_SMALL; }
  IDevice* device() const { return device_; }
  TensorMemoryLayout buffer_layout() const { return sharding_.buffer_layout(); }
  bool is_sharded() const { return sharding_.shard_spec().has_value(); }
  const ShardSpecBuffer& shard_spec() const;
  std::optional<uint32_t> num_cores() const;  // sharded: the cores holding a shard
  DeviceAddr aligned_page_size() const;
  // Linear host bytes <-> device pages: interleaved over the banks, or scattered to the shard cores.
  void writeBytes(const void* src, std::size_t bytes);
  void readBytes(void* dst, std::size_t bytes) const;

 private:
  uint8_t* pageBytes(uint32_t page) const;
  IDevice* device_;
  DeviceAddr size_, page_size_;
  BufferType type_;
  BufferShardingArgs sharding_;
  std::vector<std::pair<uint32_t, uint32_t>> shardPages_;  // sharded: host page -> (machine core, slot in shard)
  uint32_t address_ = 0;
};

std::shared_ptr<Buffer> CreateBuffer(const InterleavedBufferConfig& config);
std::shared_ptr<Buffer> CreateBuffer(const ShardedBufferConfig& config);
void DeallocateBuffer(Buffer& buffer);

// Accepts the many ways programs name a buffer (Buffer&, shared_ptr<Buffer>, reference_wrapper).
class BufferRef {
 public:
  BufferRef(Buffer& b) : ptr_(&b) {}
  BufferRef(const std::shared_ptr<Buffer>& b) : ptr_(b.get()) {}
  BufferRef(std::reference_wrapper<Buffer> b) : ptr_(&b.get()) {}
  Buffer& get() const { return *ptr_; }

 private:
  Buffer* ptr_;
};

// ---- programs ----
class Program {
 public:
  Program();
  ~Program();
  Program(Program&&) noexcept;
  Program& operator=(Program&&) noexcept;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  tilec::sim::rt::ProgramState& state() const { return *state_; }

 private:
  std::unique_ptr<tilec::sim::rt::ProgramState> state_;
};
Program CreateProgram();

class CircularBufferConfig {
 public:
  CircularBufferConfig(uint32_t total_size, const std::map<uint8_t, tt::DataFormat>& data_format_spec)
      : total_size_(total_size), formats_(data_format_spec) {}
  CircularBufferConfig(uint32_t total_size) : total_size_(total_size) {}
  CircularBufferConfig& set_page_size(uint8_t index, uint32_t page_size) {
    page_sizes_[index] = page_size;
    return *this;
  }
  CircularBufferConfig& set_total_size(uint32_t total) {
    total_size_ = total;
    return *this;
  }
  CircularBufferConfig& set_globally_allocated_address(const Buffer& buffer) {
    global_address_ = buffer.address();
    return *this;
  }
  CircularBufferConfig& set_tile_dims(uint8_t, const Tile&) { return *this; }
  CircularBufferConfig& index(uint8_t) { return *this; }
  uint32_t total_size() const { return total_size_; }
  const std::map<uint8_t, tt::DataFormat>& data_formats() const { return formats_; }
  const std::map<uint8_t, uint32_t>& page_sizes() const { return page_sizes_; }
  std::optional<uint32_t> globally_allocated_address() const { return global_address_; }

 private:
  uint32_t total_size_;
  std::map<uint8_t, tt::DataFormat> formats_;
  std::map<uint8_t, uint32_t> page_sizes_;
  std::optional<uint32_t> global_address_;
};

CBHandle CreateCircularBuffer(Program& program, const CoreSpec& cores, const CircularBufferConfig& config);
KernelHandle CreateKernel(Program& program, const std::string& file_name, const CoreSpec& cores,
                          const KernelConfig& config);
KernelHandle CreateKernelFromString(Program& program, const std::string& source, const CoreSpec& cores,
                                    const KernelConfig& config);
uint32_t CreateSemaphore(Program& program, const CoreSpec& cores, uint32_t initial_value,
                         CoreType core_type = CoreType::WORKER);

using RuntimeArgsData = std::vector<uint32_t>;
void SetRuntimeArgs(const Program& program, KernelHandle kernel, const CoreSpec& cores,
                    std::span<const uint32_t> args);
inline void SetRuntimeArgs(const Program& program, KernelHandle kernel, const CoreSpec& cores,
                           std::initializer_list<uint32_t> args) {
  SetRuntimeArgs(program, kernel, cores, std::span<const uint32_t>(args.begin(), args.size()));
}
inline void SetRuntimeArgs(const Program& program, KernelHandle kernel, const CoreSpec& cores,
                           const std::vector<uint32_t>& args) {
  SetRuntimeArgs(program, kernel, cores, std::span<const uint32_t>(args));
}
void SetRuntimeArgs(const Program& program, KernelHandle kernel, const std::vector<CoreCoord>& cores,
                    const std::vector<std::vector<uint32_t>>& args);
void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel, std::span<const uint32_t> args);
inline void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel, std::initializer_list<uint32_t> args) {
  SetCommonRuntimeArgs(program, kernel, std::span<const uint32_t>(args.begin(), args.size()));
}
inline void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel, const std::vector<uint32_t>& args) {
  SetCommonRuntimeArgs(program, kernel, std::span<const uint32_t>(args));
}
RuntimeArgsData& GetRuntimeArgs(const Program& program, KernelHandle kernel, const CoreCoord& core);
RuntimeArgsData& GetCommonRuntimeArgs(const Program& program, KernelHandle kernel);

// ---- execution (runs the program to completion in the simulator) ----
class CommandQueue {
 public:
  explicit CommandQueue(IDevice* device) : device_(device) {}
  IDevice& device() const { return *device_; }

 private:
  IDevice* device_;
};

void RunProgram(IDevice* device, Program& program);  // simulator entry: launch and wait

#if !defined(TILEC_SIM_API) || TILEC_SIM_API == 2025
template <typename T>
void EnqueueWriteBuffer(CommandQueue&, BufferRef buffer, const std::vector<T>& src, bool /*blocking*/) {
  buffer.get().writeBytes(src.data(), src.size() * sizeof(T));
}
template <typename T>
void EnqueueWriteBuffer(CommandQueue& cq, BufferRef buffer, const std::shared_ptr<std::vector<T>>& src, bool blocking) {
  EnqueueWriteBuffer(cq, buffer, *src, blocking);
}
inline void EnqueueWriteBuffer(CommandQueue&, BufferRef buffer, const void* src, bool /*blocking*/) {
  buffer.get().writeBytes(src, buffer.get().size());
}
template <typename T>
void EnqueueReadBuffer(CommandQueue&, BufferRef buffer, std::vector<T>& dst, bool /*blocking*/) {
  dst.resize((buffer.get().size() + sizeof(T) - 1) / sizeof(T));
  buffer.get().readBytes(dst.data(), buffer.get().size());
}
inline void EnqueueReadBuffer(CommandQueue&, BufferRef buffer, void* dst, bool /*blocking*/) {
  buffer.get().readBytes(dst, buffer.get().size());
}
inline void EnqueueProgram(CommandQueue& cq, Program& program, bool /*blocking*/) { RunProgram(&cq.device(), program); }
inline void Finish(CommandQueue&) {}
#endif

namespace detail {
template <typename T>
void WriteToBuffer(BufferRef buffer, const std::vector<T>& src) {
  buffer.get().writeBytes(src.data(), src.size() * sizeof(T));
}
template <typename T>
void ReadFromBuffer(BufferRef buffer, std::vector<T>& dst) {
  dst.resize((buffer.get().size() + sizeof(T) - 1) / sizeof(T));
  buffer.get().readBytes(dst.data(), buffer.get().size());
}
inline void LaunchProgram(IDevice* device, Program& program, bool /*wait*/ = true) { RunProgram(device, program); }
inline void CompileProgram(IDevice*, Program&) {}
// Bytes of one 32x32 tile in the format.
inline uint32_t TileSize(const tt::DataFormat& data_format) { return tt::tile_size(data_format); }
}  // namespace detail

// ---- TensorAccessorArgs (host side): one compile-time arg per tensor, bit 0 = DRAM, bits 8.. = page size ----
class TensorAccessorArgs {
 public:
  TensorAccessorArgs(const Buffer& buffer)
      : packed_((buffer.is_dram() ? 1u : 0u) | (uint32_t(buffer.page_size()) << 8)) {
    if (buffer.is_sharded()) rejectShardedBuffer();
  }
  TensorAccessorArgs(const std::shared_ptr<Buffer>& buffer) : TensorAccessorArgs(*buffer) {}
  TensorAccessorArgs(const Buffer* buffer) : TensorAccessorArgs(*buffer) {}
  template <typename MeshBufferT, typename = decltype(std::declval<const MeshBufferT&>().get_backing_buffer())>
  TensorAccessorArgs(const MeshBufferT& mesh_buffer) : TensorAccessorArgs(*mesh_buffer.get_backing_buffer()) {}
  template <typename Flags>
  TensorAccessorArgs(const Buffer& buffer, Flags) : TensorAccessorArgs(buffer) {}
  void append_to(std::vector<uint32_t>& compile_args) const { compile_args.push_back(packed_); }
  void append_to(std::vector<uint32_t>& compile_args, std::vector<uint32_t>&) const { compile_args.push_back(packed_); }
  std::vector<uint32_t> get_compile_time_args() const { return {packed_}; }
  std::vector<uint32_t> get_common_runtime_args() const { return {}; }

 private:
  // The kernel-side TensorAccessor addresses interleaved pages only: stop rather than read the wrong ones.
  [[noreturn]] static void rejectShardedBuffer();
  uint32_t packed_;
};

}  // namespace tt::tt_metal
