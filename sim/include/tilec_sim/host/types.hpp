// Host-side enums and value types of TT-Metalium (namespaces and spellings as the SDK has them).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

// Shared with the kernel headers (one definition for host and device).
#include "../../device/hostdevcommon/common_values.hpp"
#include "../../device/hostdevcommon/kernel_structs.h"
#include "../../device/tt-metalium/constants.hpp"

namespace tt {
enum class DataFormat : uint8_t {
  Float32 = 0, Float16 = 1, Bfp8 = 2, Bfp4 = 3, Tf32 = 4, Float16_b = 5, Bfp8_b = 6, Bfp4_b = 7,
  Int32 = 8, UInt16 = 9, Lf8 = 10, Bfp2 = 11, Int16 = 13, Int8 = 14, Bfp2_b = 15, MxFp4 = 22, UInt32 = 24,
  Fp8_e4m3 = 26, UInt8 = 30, RawUInt8 = 240, RawUInt16 = 241, RawUInt32 = 242, Invalid = 255
};
enum class ARCH { GRAYSKULL = 1, WORMHOLE_B0 = 2, BLACKHOLE = 3, QUASAR = 4, Invalid = 0xFF };
uint32_t tile_size(DataFormat format);
uint32_t datum_size(DataFormat format);
}  // namespace tt


enum class MathFidelity : uint8_t { LoFi = 0, HiFi2 = 2, HiFi3 = 3, HiFi4 = 4, Invalid = 0xff };
enum class UnpackToDestMode : uint8_t { UnpackToDestFp32, Default };

struct CoreCoord {
  std::size_t x = 0, y = 0;
  constexpr CoreCoord() = default;
  constexpr CoreCoord(std::size_t x_, std::size_t y_) : x(x_), y(y_) {}
  auto operator<=>(const CoreCoord&) const = default;
  std::string str() const { return "(x=" + std::to_string(x) + ",y=" + std::to_string(y) + ")"; }
};
using tt_xy_pair = CoreCoord;

struct CoreRange {
  CoreCoord start_coord, end_coord;
  CoreRange(const CoreCoord& c) : start_coord(c), end_coord(c) {}
  CoreRange(const CoreCoord& s, const CoreCoord& e) : start_coord(s), end_coord(e) {}
  auto operator<=>(const CoreRange&) const = default;
  std::size_t size() const { return (end_coord.x - start_coord.x + 1) * (end_coord.y - start_coord.y + 1); }
  bool contains(const CoreCoord& c) const {
    return c.x >= start_coord.x && c.x <= end_coord.x && c.y >= start_coord.y && c.y <= end_coord.y;
  }
  CoreCoord grid_size() const { return {end_coord.x - start_coord.x + 1, end_coord.y - start_coord.y + 1}; }
  std::string str() const { return "[" + start_coord.str() + " - " + end_coord.str() + "]"; }
  // Range-for visits the cores row by row (x fastest), as the SDK's CoreIterator does.
  class CoreIterator {
   public:
    CoreIterator(const CoreCoord& current, const CoreRange& range) : current_(current), range_(&range) {}
    const CoreCoord& operator*() const { return current_; }
    const CoreCoord* operator->() const { return &current_; }
    CoreIterator& operator++() {
      if (current_.x < range_->end_coord.x) {
        ++current_.x;
      } else {
        current_ = {range_->start_coord.x, current_.y + 1};
      }
      return *this;
    }
    CoreIterator operator++(int) {
      CoreIterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const CoreIterator& o) const { return current_ == o.current_; }
    bool operator!=(const CoreIterator& o) const { return !(*this == o); }

   private:
    CoreCoord current_;
    const CoreRange* range_;
  };
  CoreIterator begin() const { return CoreIterator(start_coord, *this); }
  CoreIterator end() const { return CoreIterator({start_coord.x, end_coord.y + 1}, *this); }
  // Row-major iteration over the rectangle.
  std::vector<CoreCoord> cores() const {
    std::vector<CoreCoord> out;
    for (std::size_t y = start_coord.y; y <= end_coord.y; ++y)
      for (std::size_t x = start_coord.x; x <= end_coord.x; ++x) out.push_back({x, y});
    return out;
  }
};

class CoreRangeSet {
 public:
  CoreRangeSet() = default;
  CoreRangeSet(const CoreRange& r) : ranges_{r} {}
  CoreRangeSet(const std::set<CoreRange>& rs) : ranges_(rs.begin(), rs.end()) {}
  CoreRangeSet(const std::vector<CoreRange>& rs) : ranges_(rs) {}
  CoreRangeSet(std::initializer_list<CoreRange> rs) : ranges_(rs) {}  // CoreRangeSet({r1, r2}) is unambiguous
  const std::vector<CoreRange>& ranges() const { return ranges_; }
  std::size_t size() const { return ranges_.size(); }
  bool empty() const { return ranges_.empty(); }
  uint32_t num_cores() const {
    uint32_t n = 0;
    for (auto& r : ranges_) n += uint32_t(r.size());
    return n;
  }
  bool contains(const CoreCoord& c) const {
    for (auto& r : ranges_)
      if (r.contains(c)) return true;
    return false;
  }
  CoreRangeSet merge(const CoreRangeSet& other) const {
    std::vector<CoreRange> all = ranges_;
    all.insert(all.end(), other.ranges_.begin(), other.ranges_.end());
    return CoreRangeSet(all);
  }
  CoreRange bounding_box() const;
  std::string str() const;

 private:
  std::vector<CoreRange> ranges_;
};

std::vector<CoreCoord> corerange_to_cores(const CoreRangeSet& crs, std::optional<uint32_t> max_cores = std::nullopt,
                                          bool row_wise = false);
std::vector<CoreCoord> grid_to_cores(uint32_t num_cores, uint32_t grid_x, uint32_t grid_y, bool row_wise = false);

namespace tt::tt_metal {
using ::CoreCoord;
using ::CoreRange;
using ::CoreRangeSet;
using ::MathFidelity;
using ::corerange_to_cores;
using ::grid_to_cores;
using DeviceAddr = uint64_t;
using KernelHandle = uint32_t;
using CBHandle = uintptr_t;
using chip_id_t = int;
using ChipId = int;
using CoreSpec = std::variant<CoreCoord, CoreRange, CoreRangeSet>;

enum class BufferType { DRAM, L1, SYSTEM_MEMORY, L1_SMALL, TRACE };
enum class TensorMemoryLayout { INTERLEAVED = 0, SINGLE_BANK = 1, HEIGHT_SHARDED = 2, WIDTH_SHARDED = 3, BLOCK_SHARDED = 4, ND_SHARDED = 5 };
enum class DataMovementProcessor { RISCV_0 = 0, RISCV_1 = 1 };
enum class NOC : uint8_t { RISCV_0_default = 0, RISCV_1_default = 1, NOC_0 = 0, NOC_1 = 1 };
enum class NOC_MODE : uint8_t { DM_DEDICATED_NOC = 0, DM_DYNAMIC_NOC = 1 };
enum class KernelBuildOptLevel : uint8_t { O1, O2, O3, O0, Os, Ofast, Oz };
enum class CoreType { WORKER, ETH, PCIE, DRAM, TENSIX = WORKER };
using ::MathFidelity;
using ::UnpackToDestMode;
using DataFormat = ::tt::DataFormat;

struct DataMovementConfig {
  DataMovementProcessor processor = DataMovementProcessor::RISCV_0;
  NOC noc = NOC::RISCV_0_default;
  NOC_MODE noc_mode = NOC_MODE::DM_DEDICATED_NOC;
  std::vector<uint32_t> compile_args;
  std::map<std::string, std::string> defines;
  std::unordered_map<std::string, uint32_t> named_compile_args;
  KernelBuildOptLevel opt_level = KernelBuildOptLevel::O2;
};
struct ReaderDataMovementConfig : DataMovementConfig {
  ReaderDataMovementConfig(std::vector<uint32_t> args = {}, std::map<std::string, std::string> defs = {},
                           std::unordered_map<std::string, uint32_t> named = {},
                           KernelBuildOptLevel opt = KernelBuildOptLevel::O2)
      : DataMovementConfig{DataMovementProcessor::RISCV_1, NOC::RISCV_1_default, NOC_MODE::DM_DEDICATED_NOC,
                           std::move(args), std::move(defs), std::move(named), opt} {}
};
struct WriterDataMovementConfig : DataMovementConfig {
  WriterDataMovementConfig(std::vector<uint32_t> args = {}, std::map<std::string, std::string> defs = {},
                           std::unordered_map<std::string, uint32_t> named = {},
                           KernelBuildOptLevel opt = KernelBuildOptLevel::O2)
      : DataMovementConfig{DataMovementProcessor::RISCV_0, NOC::RISCV_0_default, NOC_MODE::DM_DEDICATED_NOC,
                           std::move(args), std::move(defs), std::move(named), opt} {}
};
struct ComputeConfig {
  MathFidelity math_fidelity = MathFidelity::HiFi4;
  bool fp32_dest_acc_en = false;
  bool dst_full_sync_en = false;
  std::vector<UnpackToDestMode> unpack_to_dest_mode;
  bool bfp8_pack_precise = false;
  bool math_approx_mode = false;
  std::vector<uint32_t> compile_args;
  std::map<std::string, std::string> defines;
  std::unordered_map<std::string, uint32_t> named_compile_args;
  KernelBuildOptLevel opt_level = KernelBuildOptLevel::O3;
};
struct EthernetConfig {
  NOC noc = NOC::NOC_0;
  DataMovementProcessor processor = DataMovementProcessor::RISCV_0;
  std::vector<uint32_t> compile_args;
  std::map<std::string, std::string> defines;
};
using KernelConfig = std::variant<DataMovementConfig, ComputeConfig, EthernetConfig>;

// Which cores run the command-queue dispatcher. Accepted and recorded; the simulator has no dispatcher.
enum class DispatchCoreType : uint32_t { WORKER, ETH, COUNT };
enum class DispatchCoreAxis { ROW, COL, COUNT };
class DispatchCoreConfig {
 public:
  DispatchCoreConfig() = default;
  DispatchCoreConfig(DispatchCoreType type) : type_(type) {}
  DispatchCoreConfig(DispatchCoreType type, DispatchCoreAxis axis) : type_(type), axis_(axis) {}
  DispatchCoreType get_dispatch_core_type() const { return type_; }
  DispatchCoreAxis get_dispatch_core_axis() const { return axis_; }
  bool operator==(const DispatchCoreConfig&) const = default;

 private:
  DispatchCoreType type_ = DispatchCoreType::WORKER;
  DispatchCoreAxis axis_ = DispatchCoreAxis::ROW;
};

// ---- sharded buffers: the tensor, seen as a 2-D grid of pages, is cut into shards; shard i lives in
// the L1 of the i-th core of the shard grid (cores in row-major or column-major order). ----
enum class ShardOrientation { ROW_MAJOR, COL_MAJOR };
struct ShardSpec {
  CoreRangeSet grid;
  std::array<uint32_t, 2> shape;  // elements: {height, width}
  ShardOrientation orientation = ShardOrientation::ROW_MAJOR;
  ShardSpec(const CoreRangeSet& core_sets, const std::array<uint32_t, 2>& shard_shape,
            const ShardOrientation& shard_orientation = ShardOrientation::ROW_MAJOR)
      : grid(core_sets), shape(shard_shape), orientation(shard_orientation) {}
  uint32_t num_cores() const { return grid.num_cores(); }
  uint32_t numel() const { return shape[0] * shape[1]; }
};
struct ShardSpecBuffer {
  ShardSpec tensor_shard_spec;
  std::array<uint32_t, 2> page_shape;               // elements per page: {height, width}
  std::array<uint32_t, 2> tensor2d_shape_in_pages;  // the whole tensor in pages: {rows, columns}
  ShardSpecBuffer(const CoreRangeSet& core_sets, const std::array<uint32_t, 2>& shard_shape,
                  const ShardOrientation& shard_orientation, const std::array<uint32_t, 2>& page_shape_,
                  const std::array<uint32_t, 2>& tensor2d_shape_in_pages_)
      : tensor_shard_spec(core_sets, shard_shape, shard_orientation),
        page_shape(page_shape_),
        tensor2d_shape_in_pages(tensor2d_shape_in_pages_) {}
  ShardSpecBuffer(const ShardSpec& spec, const std::array<uint32_t, 2>& page_shape_,
                  const std::array<uint32_t, 2>& tensor2d_shape_in_pages_)
      : tensor_shard_spec(spec), page_shape(page_shape_), tensor2d_shape_in_pages(tensor2d_shape_in_pages_) {}
  CoreRangeSet grid() const { return tensor_shard_spec.grid; }
  std::array<uint32_t, 2> shape() const { return tensor_shard_spec.shape; }
  ShardOrientation orientation() const { return tensor_shard_spec.orientation; }
  void set_shard_spec(const ShardSpec& spec) { tensor_shard_spec = spec; }
  std::array<uint32_t, 2> shape_in_pages() const {
    return {page_shape[0] ? shape()[0] / page_shape[0] : 0, page_shape[1] ? shape()[1] / page_shape[1] : 0};
  }
  DeviceAddr num_pages() const { return DeviceAddr(shape_in_pages()[0]) * shape_in_pages()[1]; }
};
// How a buffer is laid out over its banks: interleaved (no shard spec) or sharded by a ShardSpecBuffer.
class BufferShardingArgs {
 public:
  BufferShardingArgs() = default;
  BufferShardingArgs(std::nullopt_t) {}
  BufferShardingArgs(ShardSpecBuffer shard_spec, TensorMemoryLayout buffer_layout)
      : shard_spec_(std::move(shard_spec)), buffer_layout_(buffer_layout) {}
  BufferShardingArgs(std::optional<ShardSpecBuffer> shard_spec, TensorMemoryLayout buffer_layout)
      : shard_spec_(std::move(shard_spec)), buffer_layout_(buffer_layout) {}
  TensorMemoryLayout buffer_layout() const { return buffer_layout_; }
  const std::optional<ShardSpecBuffer>& shard_spec() const { return shard_spec_; }

 private:
  std::optional<ShardSpecBuffer> shard_spec_;
  TensorMemoryLayout buffer_layout_ = TensorMemoryLayout::INTERLEAVED;
};
struct Tile {
  std::array<uint32_t, 2> shape = {32, 32};
};
}  // namespace tt::tt_metal

