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

namespace tt {
enum class DataFormat : uint8_t {
  Float32 = 0, Float16 = 1, Bfp8 = 2, Bfp4 = 3, Tf32 = 4, Float16_b = 5, Bfp8_b = 6, Bfp4_b = 7,
  Int32 = 8, UInt16 = 9, Lf8 = 10, Bfp2 = 11, Int16 = 13, Int8 = 14, Bfp2_b = 15, MxFp4 = 22, UInt32 = 24,
  Fp8_e4m3 = 26, UInt8 = 30, RawUInt8 = 240, RawUInt16 = 241, RawUInt32 = 242, Invalid = 255
};
enum CBIndex : uint8_t {
  c_0, c_1, c_2, c_3, c_4, c_5, c_6, c_7, c_8, c_9, c_10, c_11, c_12, c_13, c_14, c_15,
  c_16, c_17, c_18, c_19, c_20, c_21, c_22, c_23, c_24, c_25, c_26, c_27, c_28, c_29, c_30, c_31,
  c_32, c_33, c_34, c_35, c_36, c_37, c_38, c_39, c_40, c_41, c_42, c_43, c_44, c_45, c_46, c_47,
  c_48, c_49, c_50, c_51, c_52, c_53, c_54, c_55, c_56, c_57, c_58, c_59, c_60, c_61, c_62, c_63
};
enum CB : uint8_t {
  c_in0 = 0, c_in1, c_in2, c_in3, c_in4, c_in5, c_in6, c_in7,
  dataflow0 = 8, dataflow1, dataflow2, dataflow3, dataflow4, dataflow5, dataflow6, dataflow7,
  c_out0 = 16, c_out1, c_out2, c_out3, c_out4, c_out5, c_out6, c_out7,
  c_intermed0 = 24, c_intermed1, c_intermed2, c_intermed3, c_intermed4, c_intermed5, c_intermed6, c_intermed7
};
enum class ARCH { GRAYSKULL = 1, WORMHOLE_B0 = 2, BLACKHOLE = 3, QUASAR = 4, Invalid = 0xFF };
namespace constants {
constexpr uint32_t TILE_HEIGHT = 32, TILE_WIDTH = 32, TILE_HW = 1024, FACE_HEIGHT = 16, FACE_WIDTH = 16;
}
uint32_t tile_size(DataFormat format);
uint32_t datum_size(DataFormat format);
}  // namespace tt

// hostdevcommon/common_values.hpp: semaphore flag values.
constexpr uint32_t VALID = 1;
constexpr uint32_t INVALID = 0;

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
enum class TensorMemoryLayout { INTERLEAVED = 0, HEIGHT_SHARDED = 2, WIDTH_SHARDED = 3, BLOCK_SHARDED = 4, ND_SHARDED = 5 };
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

struct DispatchCoreConfig {};
struct Tile {
  std::array<uint32_t, 2> shape = {32, 32};
};
}  // namespace tt::tt_metal

