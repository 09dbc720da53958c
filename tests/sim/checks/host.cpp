// Protocol-check programs: each case (argv[1]) sets up one small program that breaks one rule of the
// TT-Metalium programming model. The simulator must stop it with exit code 4 and a diagnostic naming
// the rule and the kernel's source line (asserted by tests/sim/CMakeLists.txt).
#include <tt-metalium/host_api.hpp>

#include <cstdio>
#include <string>

using namespace tt;
using namespace tt::tt_metal;

namespace {
constexpr uint32_t kTile = 2048;

void add_cb(Program& p, const CoreRangeSet& cores, uint8_t index, uint32_t pages) {
  CreateCircularBuffer(p, cores, CircularBufferConfig(pages * kTile, {{index, tt::DataFormat::Float16_b}}).set_page_size(index, kTile));
}
KernelHandle reader(Program& p, const std::string& file, const CoreRangeSet& cores) {
  return CreateKernel(p, "kernels/" + file, cores,
                      DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
}
KernelHandle writer(Program& p, const std::string& file, const CoreRangeSet& cores) {
  return CreateKernel(p, "kernels/" + file, cores,
                      DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default});
}
KernelHandle compute(Program& p, const std::string& file, const CoreRangeSet& cores) {
  return CreateKernel(p, "kernels/" + file, cores, ComputeConfig{});
}
}  // namespace

int main(int argc, char** argv) {
  std::string c = argc > 1 ? argv[1] : "";
  IDevice* device = CreateDevice(0);
  Program p = CreateProgram();
  CoreRangeSet core(CoreRange({0, 0}, {0, 0}));
  auto buf = CreateBuffer(InterleavedBufferConfig{device, 4 * kTile, kTile, BufferType::DRAM});
  std::vector<uint32_t> args = {buf->address()};

  if (c == "deadlock") {  // the reader pushes 1 tile, compute waits for 2
    add_cb(p, core, CBIndex::c_0, 2);
    add_cb(p, core, CBIndex::c_16, 2);
    SetRuntimeArgs(p, reader(p, "push_one.cpp", core), core, args);
    compute(p, "deadlock_compute.cpp", core);
  } else if (c == "cb_chunk") {
    add_cb(p, core, CBIndex::c_0, 3);
    SetRuntimeArgs(p, reader(p, "push_two.cpp", core), core, args);
  } else if (c == "push_without_reserve") {
    add_cb(p, core, CBIndex::c_0, 2);
    reader(p, "push_without_reserve.cpp", core);
  } else if (c == "pop_past_wait") {  // only one page ever arrives
    add_cb(p, core, CBIndex::c_0, 2);
    SetRuntimeArgs(p, reader(p, "push_one.cpp", core), core, args);
    writer(p, "pop_past_wait.cpp", core);
  } else if (c == "two_producers") {
    add_cb(p, core, CBIndex::c_0, 2);
    SetRuntimeArgs(p, reader(p, "push_one.cpp", core), core, args);
    SetRuntimeArgs(p, writer(p, "push_one.cpp", core), core, args);
  } else if (c == "dst_capacity" || c == "dst_outside_acquire" || c == "pack_past_reserved") {
    add_cb(p, core, CBIndex::c_0, 2);
    add_cb(p, core, CBIndex::c_16, 2);
    SetRuntimeArgs(p, reader(p, "push_one.cpp", core), core, args);
    compute(p, c + ".cpp", core);
  } else if (c == "noc_outside" || c == "noc_past_last_page") {
    add_cb(p, core, CBIndex::c_0, 2);
    SetRuntimeArgs(p, reader(p, c == "noc_outside" ? "read_outside.cpp" : "read_past_last_page.cpp", core), core, args);
  } else if (c == "read_before_barrier") {
    add_cb(p, core, CBIndex::c_0, 2);
    SetRuntimeArgs(p, reader(p, "read_before_barrier.cpp", core), core, args);
  } else if (c == "runtime_arg_unset") {
    add_cb(p, core, CBIndex::c_0, 2);
    SetRuntimeArgs(p, reader(p, "arg_five.cpp", core), core, {buf->address(), 1u});
  } else if (c == "cb_l1_overflow") {
    add_cb(p, core, CBIndex::c_0, 8);
    add_cb(p, core, CBIndex::c_1, 800);  // 1.6 MB: more than a core's L1
    reader(p, "push_without_reserve.cpp", core);
  } else if (c == "cb_count") {
    add_cb(p, core, CBIndex::c_40, 2);  // Wormhole has 32 circular buffers
    reader(p, "push_without_reserve.cpp", core);
  } else if (c == "mcast_dests") {
    CoreRangeSet grid(CoreRange({0, 0}, {3, 0}));
    add_cb(p, grid, CBIndex::c_0, 2);
    auto k = writer(p, "mcast.cpp", CoreRangeSet(CoreRange({0, 0})));
    CoreCoord start = device->worker_core_from_logical_core({0, 0}), end = device->worker_core_from_logical_core({3, 0});
    SetRuntimeArgs(p, k, CoreCoord{0, 0}, {uint32_t(start.x), uint32_t(start.y), uint32_t(end.x), uint32_t(end.y), 5u});
  } else {
    std::fprintf(stderr, "unknown case '%s'\n", c.c_str());
    return 2;
  }
  detail::LaunchProgram(device, p);
  CloseDevice(device);
  std::printf("the program finished: the simulator did not stop it\n");
  return 0;
}
