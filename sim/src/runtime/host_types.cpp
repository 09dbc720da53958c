// Host value types and helpers: tile sizes, core ranges, split_work_to_cores.
#include <algorithm>
#include <fmt/format.h>

#include "program_state.hpp"
#include "tilec_sim/host/all.hpp"

namespace tt {
uint32_t datum_size(DataFormat f) {
  switch (f) {
    case DataFormat::Float32: case DataFormat::Int32: case DataFormat::UInt32: case DataFormat::Tf32:
    case DataFormat::RawUInt32: return 4;
    case DataFormat::Int8: case DataFormat::UInt8: case DataFormat::Lf8: case DataFormat::Fp8_e4m3:
    case DataFormat::RawUInt8: return 1;
    default: return 2;
  }
}
uint32_t tile_size(DataFormat f) {
  switch (f) {
    case DataFormat::Bfp8: case DataFormat::Bfp8_b: return 1088;
    case DataFormat::Bfp4: case DataFormat::Bfp4_b: return 576;
    case DataFormat::Bfp2: case DataFormat::Bfp2_b: return 320;
    case DataFormat::MxFp4: return 544;
    default: return 1024 * datum_size(f);
  }
}
}  // namespace tt

CoreRange CoreRangeSet::bounding_box() const {
  CoreRange box = ranges_.empty() ? CoreRange({0, 0}) : ranges_.front();
  for (auto& r : ranges_) {
    box.start_coord = {std::min(box.start_coord.x, r.start_coord.x), std::min(box.start_coord.y, r.start_coord.y)};
    box.end_coord = {std::max(box.end_coord.x, r.end_coord.x), std::max(box.end_coord.y, r.end_coord.y)};
  }
  return box;
}
std::string CoreRangeSet::str() const {
  std::string s = "{";
  for (auto& r : ranges_) s += r.str() + (&r == &ranges_.back() ? "" : ", ");
  return s + "}";
}

std::vector<CoreCoord> grid_to_cores(uint32_t n, uint32_t gx, uint32_t gy, bool row_wise) {
  std::vector<CoreCoord> out;
  for (uint32_t i = 0; i < n && i < gx * gy; ++i)
    out.push_back(row_wise ? CoreCoord(i % gx, i / gx) : CoreCoord(i / gy, i % gy));
  return out;
}

std::vector<CoreCoord> corerange_to_cores(const CoreRangeSet& crs, std::optional<uint32_t> max, bool row_wise) {
  std::vector<CoreCoord> out;
  for (auto& r : crs.ranges()) {
    if (row_wise) {
      for (auto y = r.start_coord.y; y <= r.end_coord.y; ++y)
        for (auto x = r.start_coord.x; x <= r.end_coord.x; ++x) out.push_back({x, y});
    } else {
      for (auto x = r.start_coord.x; x <= r.end_coord.x; ++x)
        for (auto y = r.start_coord.y; y <= r.end_coord.y; ++y) out.push_back({x, y});
    }
  }
  if (max && out.size() > *max) out.resize(*max);
  return out;
}

namespace tt::tt_metal {

CoreRangeSet num_cores_to_corerangeset(uint32_t n, const CoreCoord& grid, bool row_wise) {
  std::vector<CoreRange> ranges;
  for (auto& c : grid_to_cores(n, uint32_t(grid.x), uint32_t(grid.y), row_wise)) ranges.push_back(CoreRange(c));
  return CoreRangeSet(ranges);
}

static std::tuple<uint32_t, CoreRangeSet, CoreRangeSet, CoreRangeSet, uint32_t, uint32_t> split(
    const std::vector<CoreCoord>& cores, uint32_t units) {
  uint32_t n = std::min<uint32_t>(units, uint32_t(cores.size()));
  if (n == 0) return {0, {}, {}, {}, 0, 0};
  uint32_t per = units / n, extra = units % n;
  std::vector<CoreRange> all, g1, g2;
  for (uint32_t i = 0; i < n; ++i) {
    all.push_back(CoreRange(cores[i]));
    (extra == 0 || i < extra ? g1 : g2).push_back(CoreRange(cores[i]));
  }
  uint32_t perG1 = extra ? per + 1 : per, perG2 = extra ? per : 0;
  return {n, CoreRangeSet(all), CoreRangeSet(g1), CoreRangeSet(g2), perG1, perG2};
}

std::tuple<uint32_t, CoreRangeSet, CoreRangeSet, CoreRangeSet, uint32_t, uint32_t> split_work_to_cores(
    const CoreCoord& grid, uint32_t units, bool row_wise) {
  return split(grid_to_cores(uint32_t(grid.x * grid.y), uint32_t(grid.x), uint32_t(grid.y), row_wise), units);
}
std::tuple<uint32_t, CoreRangeSet, CoreRangeSet, CoreRangeSet, uint32_t, uint32_t> split_work_to_cores(
    const CoreRangeSet& cores, uint32_t units, bool row_wise) {
  return split(corerange_to_cores(cores, std::nullopt, row_wise), units);
}

}  // namespace tt::tt_metal

namespace tilec::sim::rt {
std::vector<CoreCoord> expandCores(const tt::tt_metal::CoreSpec& spec) {
  std::vector<CoreCoord> out;
  if (auto* c = std::get_if<CoreCoord>(&spec)) out.push_back(*c);
  else if (auto* r = std::get_if<CoreRange>(&spec)) out = r->cores();
  else
    for (auto& r : std::get<CoreRangeSet>(spec).ranges())
      for (auto& c : r.cores())
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}
}  // namespace tilec::sim::rt

namespace tilec::sim::host {
using namespace tt::tt_metal;
std::string_view enumName(tt::DataFormat v) {
  switch (v) {
    case tt::DataFormat::Float32: return "Float32";
    case tt::DataFormat::Float16: return "Float16";
    case tt::DataFormat::Bfp8: return "Bfp8";
    case tt::DataFormat::Bfp4: return "Bfp4";
    case tt::DataFormat::Tf32: return "Tf32";
    case tt::DataFormat::Float16_b: return "Float16_b";
    case tt::DataFormat::Bfp8_b: return "Bfp8_b";
    case tt::DataFormat::Bfp4_b: return "Bfp4_b";
    case tt::DataFormat::Int32: return "Int32";
    case tt::DataFormat::UInt16: return "UInt16";
    case tt::DataFormat::Int8: return "Int8";
    case tt::DataFormat::UInt32: return "UInt32";
    case tt::DataFormat::UInt8: return "UInt8";
    default: return "DataFormat(other)";
  }
}
std::string_view enumName(BufferType v) {
  switch (v) {
    case BufferType::DRAM: return "DRAM";
    case BufferType::L1: return "L1";
    case BufferType::SYSTEM_MEMORY: return "SYSTEM_MEMORY";
    case BufferType::L1_SMALL: return "L1_SMALL";
    case BufferType::TRACE: return "TRACE";
  }
  return "BufferType(?)";
}
std::string_view enumName(TensorMemoryLayout v) {
  switch (v) {
    case TensorMemoryLayout::INTERLEAVED: return "INTERLEAVED";
    case TensorMemoryLayout::SINGLE_BANK: return "SINGLE_BANK";
    case TensorMemoryLayout::HEIGHT_SHARDED: return "HEIGHT_SHARDED";
    case TensorMemoryLayout::WIDTH_SHARDED: return "WIDTH_SHARDED";
    case TensorMemoryLayout::BLOCK_SHARDED: return "BLOCK_SHARDED";
    case TensorMemoryLayout::ND_SHARDED: return "ND_SHARDED";
  }
  return "TensorMemoryLayout(?)";
}
std::string_view enumName(ShardOrientation v) { return v == ShardOrientation::ROW_MAJOR ? "ROW_MAJOR" : "COL_MAJOR"; }
std::string_view enumName(MathFidelity v) {
  switch (v) {
    case MathFidelity::LoFi: return "LoFi";
    case MathFidelity::HiFi2: return "HiFi2";
    case MathFidelity::HiFi3: return "HiFi3";
    case MathFidelity::HiFi4: return "HiFi4";
    default: return "Invalid";
  }
}
}  // namespace tilec::sim::host
