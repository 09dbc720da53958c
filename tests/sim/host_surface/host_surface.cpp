// The host surface real programs lean on without including it themselves: fmt and <iostream> through
// host_api.hpp, TT_FATAL / TT_THROW / TT_ASSERT, CoreRange iteration and formatting, kernel_structs.h,
// tt_xy_pair, detail::TileSize, create_random_vector_of_bfloat16_native, the allocator's alignment and
// align(), DispatchCoreConfig and the device-open defaults. Runs at both API levels (2025 opens the
// device with CreateDevice, 2026 with the 5-argument create_unit_mesh). Exits non-zero on any mismatch.
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/tt_align.hpp>
#include <tt-metalium/tt_metal.hpp>
#include <tt-metalium/constants.hpp>
#include <hostdevcommon/kernel_structs.h>
#include <umd/device/types/xy_pair.hpp>
#if TILEC_SIM_API == 2026
#include <tt-metalium/distributed.hpp>
#endif

#include <stdexcept>
#include <string>
#include <vector>

using namespace tt;
using namespace tt::tt_metal;

static int failures = 0;
static void expect(bool ok, const std::string& what) {
  if (!ok) {
    fmt::print(stderr, "FAIL: {}\n", what);
    ++failures;
  }
}
static void expect_eq(const std::string& got, const std::string& want, const std::string& what) {
  expect(got == want, fmt::format("{}: got '{}', want '{}'", what, got, want));
}

// Returns the message of the std::runtime_error `f` throws ("" if none).
template <typename F>
static std::string thrown_by(F f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

int main() {
  // fmt formatters and iostream for cores and ranges.
  CoreCoord c{2, 3};
  CoreRange r({1, 1}, {2, 2});
  expect_eq(fmt::format("{}", c), "(x=2,y=3)", "fmt CoreCoord");
  expect_eq(fmt::format("{}", r), "[(x=1,y=1) - (x=2,y=2)]", "fmt CoreRange");
  expect_eq(fmt::format("{}", TensorMemoryLayout::HEIGHT_SHARDED), "HEIGHT_SHARDED", "fmt TensorMemoryLayout");
  expect_eq(fmt::format("{}", tt::DataFormat::Float16_b), "Float16_b", "fmt DataFormat");
  std::cout << "cores " << r << std::endl;

  // Range-for over a CoreRange is row-major (x fastest).
  std::vector<CoreCoord> order;
  for (const auto& core : r) order.push_back(core);
  std::vector<CoreCoord> want = {{1, 1}, {2, 1}, {1, 2}, {2, 2}};
  expect(order == want, "CoreRange iteration order");
  size_t n = 0;
  for (auto& core : CoreRange({0, 0}, {3, 0})) n += core.y == 0;
  expect(n == 4, "CoreRange iteration of one row");

  // TT_FATAL / TT_THROW carry the condition and the formatted message; TT_ASSERT is compiled out
  // without DEBUG and does not evaluate its condition.
  std::string fatal = thrown_by([] { TT_FATAL(1 + 1 == 3, "sum was {}", 1 + 1); });
  expect(fatal.find("TT_FATAL") != std::string::npos && fatal.find("1 + 1 == 3") != std::string::npos &&
             fatal.find("sum was 2") != std::string::npos,
         "TT_FATAL message: " + fatal);
  expect(thrown_by([] { TT_FATAL(true, "never"); }).empty(), "TT_FATAL with a true condition");
  std::string thrown = thrown_by([] { TT_THROW("bad core {}", CoreCoord{4, 5}); });
  expect(thrown.find("bad core (x=4,y=5)") != std::string::npos, "TT_THROW message: " + thrown);
  int evaluated = 0;
  TT_ASSERT(++evaluated == 5, "not in release builds");
  expect(evaluated == 0, "TT_ASSERT evaluates nothing without DEBUG");

  // Shared host/kernel names, xy pairs, tile sizes, alignment.
  expect(tt::CBIndex::c_16 == 16 && tt::CB::c_out0 == 16, "kernel_structs.h CB indices");
  tt_xy_pair p{7, 1};
  CoreCoord as_core = p;
  expect(as_core.x == 7 && as_core.y == 1, "tt_xy_pair is CoreCoord");
  expect(detail::TileSize(tt::DataFormat::Float16_b) == 2048 && detail::TileSize(tt::DataFormat::Float32) == 4096,
         "detail::TileSize");
  expect(tt::constants::TILE_HW == 1024 && tt::constants::FACE_HW == 256, "constants.hpp");
  expect(align(100u, 32u) == 128u && align(64u, 32u) == 64u && align(0u, 16u) == 0u, "align()");

  auto values = create_random_vector_of_bfloat16_native(4096, 10.0f, 7, -5.0f);
  auto again = create_random_vector_of_bfloat16_native(4096, 10.0f, 7, -5.0f);
  expect(values.size() == 2048, "create_random_vector_of_bfloat16_native size");
  bool in_range = true, same = true;
  for (size_t i = 0; i < values.size(); ++i) {
    in_range &= float(values[i]) >= -5.0f && float(values[i]) <= 5.0f;
    same &= values[i] == again[i];
  }
  expect(in_range && same, "create_random_vector_of_bfloat16_native range and seed");

  DispatchCoreConfig dispatch{DispatchCoreType::WORKER};
  expect(dispatch.get_dispatch_core_type() == DispatchCoreType::WORKER, "DispatchCoreConfig");
#if TILEC_SIM_API == 2026
  auto device = distributed::MeshDevice::create_unit_mesh(0, DEFAULT_L1_SMALL_SIZE, DEFAULT_TRACE_REGION_SIZE, 1,
                                                          dispatch);
#else
  IDevice* device = CreateDevice(0, 1, DEFAULT_L1_SMALL_SIZE, DEFAULT_TRACE_REGION_SIZE, dispatch);
#endif
  uint32_t dram_align = device->allocator()->get_alignment(BufferType::DRAM);
  uint32_t l1_align = device->allocator()->get_alignment(BufferType::L1);
  expect(dram_align == 32 && l1_align == 16, fmt::format("allocator alignment DRAM {} L1 {}", dram_align, l1_align));
  expect(align(sizeof(uint32_t), dram_align) == 32, "align to the DRAM alignment");
#if TILEC_SIM_API == 2026
  device->close();
#else
  CloseDevice(device);
#endif
  fmt::print("{}\n", failures ? "host surface: FAILED" : "host surface: all checks passed");
  return failures ? 1 : 0;
}
