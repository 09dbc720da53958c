// Host API: devices, buffers (linear host bytes <-> interleaved pages in DRAM banks or L1 banks),
// programs, CBs, kernels, semaphores, runtime args.
#include "tilec_sim/host/all.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

#include "diagnostics.hpp"
#include "kernel_jit.hpp"
#include "program_state.hpp"
#include "report.hpp"
#include "simulator.hpp"
#include "shard_mapping.hpp"

namespace tilec::sim::rt {
void runProgram(ProgramState& p);

static void exitHook() { writeReportFiles(false); }

static Machine& ensureMachine() {
  Simulator& sim = Simulator::get();
  if (!Simulator::exists()) {
    const char* arch = std::getenv("TILEC_SIM_ARCH");
    sim.createMachine(arch ? arch : "wormhole_b0");
    std::atexit(exitHook);
  }
  return sim.machine();
}
}  // namespace tilec::sim::rt

namespace tt::tt_metal {
using namespace tilec::sim::rt;
using tilec::sim::host::enumName;

// ---- device ----
IDevice::IDevice(int id) : id_(id), queue_(std::make_unique<CommandQueue>(this)) { ensureMachine(); }
IDevice::~IDevice() = default;
tt::ARCH IDevice::arch() const {
  return ensureMachine().arch().name == "blackhole" ? tt::ARCH::BLACKHOLE : tt::ARCH::WORMHOLE_B0;
}
CoreCoord IDevice::compute_with_storage_grid_size() const {
  auto& a = ensureMachine().arch();
  return {size_t(a.gridX), size_t(a.gridY)};
}
CoreCoord IDevice::worker_core_from_logical_core(const CoreCoord& c) const {
  Machine& m = ensureMachine();
  if (c.x >= size_t(m.arch().gridX) || c.y >= size_t(m.arch().gridY))
    failHost(fmt::format("worker_core_from_logical_core: {} is outside the worker grid", c.str()));
  int core = m.coreIndex(int(c.x), int(c.y));
  return {m.nocX(core), m.nocY(core)};
}
uint32_t IDevice::l1_size_per_core() const { return ensureMachine().arch().l1Size; }
uint32_t IDevice::num_dram_channels() const { return uint32_t(ensureMachine().arch().numDramBanks); }
uint32_t IDevice::dram_size_per_channel() const { return 1u << 30; }
CommandQueue& IDevice::command_queue(std::size_t) { return *queue_; }

IDevice* CreateDevice(int device_id, uint8_t, std::size_t, std::size_t, const DispatchCoreConfig&,
                      const std::vector<uint32_t>&, std::size_t) {
  if (device_id != 0) failHost(fmt::format("CreateDevice({}): the simulator has one device, id 0", device_id));
  return new IDevice(device_id);
}
bool CloseDevice(IDevice* device) {
  delete device;
  return true;
}
std::size_t GetNumAvailableDevices() { return 1; }
std::size_t GetNumPCIeDevices() { return 1; }

// ---- buffers ----
static uint32_t pageStride(const Machine& m, BufferType type, DeviceAddr page) {
  uint32_t align = type == BufferType::DRAM ? m.arch().dramAlignment : 16;
  return uint32_t((page + align - 1) / align * align);
}
static uint32_t bankCount(Machine& m, BufferType type) {
  return type == BufferType::DRAM ? uint32_t(m.arch().numDramBanks) : uint32_t(m.numCores());
}

uint32_t Allocator::get_alignment(BufferType type) const {
  Machine& m = ensureMachine();
  return type == BufferType::DRAM ? m.arch().dramAlignment : 16;
}

static ShardCut shardCutOf(TensorMemoryLayout layout) {
  return layout == TensorMemoryLayout::HEIGHT_SHARDED ? ShardCut::kHeight : ShardCut::kWidthOrBlock;
}

Buffer::Buffer(IDevice* device, DeviceAddr size, DeviceAddr page_size, BufferType type,
               const BufferShardingArgs& sharding)
    : device_(device), size_(size), page_size_(page_size), type_(type), sharding_(sharding) {
  Machine& m = ensureMachine();
  if (page_size == 0 || size == 0) failHost(fmt::format("CreateBuffer: size {} / page_size {} must be > 0", size, page_size));
  if (type != BufferType::DRAM && type != BufferType::L1 && type != BufferType::L1_SMALL)
    failHost("CreateBuffer: only DRAM and L1 buffers are simulated");
  TensorMemoryLayout layout = sharding.buffer_layout();
  bool shardedLayout = layout == TensorMemoryLayout::HEIGHT_SHARDED || layout == TensorMemoryLayout::WIDTH_SHARDED ||
                       layout == TensorMemoryLayout::BLOCK_SHARDED;
  if (shardedLayout != sharding.shard_spec().has_value())
    failHost(fmt::format("CreateBuffer: a {} buffer {} a shard spec", enumName(layout),
                         shardedLayout ? "needs" : "takes no"));
  if (layout == TensorMemoryLayout::ND_SHARDED || layout == TensorMemoryLayout::SINGLE_BANK)
    failHost(fmt::format("CreateBuffer: {} buffers are not simulated", enumName(layout)));
  if (!shardedLayout) {
    uint32_t banks = bankCount(m, type);
    uint32_t pagesPerBank = (num_pages() + banks - 1) / banks;
    uint32_t bytes = pagesPerBank * pageStride(m, type, page_size);
    address_ = type == BufferType::DRAM ? m.allocateDram(bytes, uint32_t(num_pages()), pageStride(m, type, page_size))
                                        : m.allocateL1Buffer(bytes);
    return;
  }
  // Sharded: every core of the grid holds one shard at the same L1 address.
  if (type == BufferType::DRAM) failHost("CreateBuffer: DRAM-sharded buffers are not simulated (L1 only)");
  if (size % page_size != 0)
    failHost(fmt::format("CreateBuffer: a sharded buffer's size {} must be a multiple of its page size {}", size, page_size));
  const ShardSpecBuffer& spec = *sharding.shard_spec();
  ShardMapping mapping = mapShardedPages(shardCutOf(layout), spec.shape_in_pages(), spec.tensor2d_shape_in_pages,
                                         uint32_t(num_pages()));
  if (!mapping.error.empty()) failHost("CreateBuffer: sharded buffer: " + mapping.error);
  if (mapping.numShards > spec.grid().num_cores())
    failHost(fmt::format("CreateBuffer: the buffer needs {} shards but the shard grid {} has {} cores",
                         mapping.numShards, spec.grid().str(), spec.grid().num_cores()));
  bool rowMajor = spec.orientation() == ShardOrientation::ROW_MAJOR;
  std::vector<CoreCoord> cores = corerange_to_cores(spec.grid(), mapping.numShards, rowMajor);
  std::vector<uint32_t> machineCores;
  for (auto& c : cores) {
    if (c.x >= size_t(m.arch().gridX) || c.y >= size_t(m.arch().gridY))
      failHost(fmt::format("CreateBuffer: shard core {} is outside the {}x{} worker grid", c.str(), m.arch().gridX,
                           m.arch().gridY));
    machineCores.push_back(uint32_t(m.coreIndex(int(c.x), int(c.y))));
  }
  for (auto& page : mapping.pages) shardPages_.emplace_back(machineCores[page.shard], page.slot);
  address_ = m.allocateL1Buffer(mapping.slotsPerShard * pageStride(m, type, page_size));
}
Buffer::~Buffer() {
  if (!Simulator::exists()) return;
  Machine& m = Simulator::get().machine();
  if (type_ == BufferType::DRAM) m.releaseDram(address_);
  else m.releaseL1(address_);
}

const ShardSpecBuffer& Buffer::shard_spec() const {
  if (!is_sharded()) failHost("Buffer::shard_spec(): the buffer is not sharded");
  return *sharding_.shard_spec();
}
std::optional<uint32_t> Buffer::num_cores() const {
  if (!is_sharded()) return std::nullopt;
  std::set<uint32_t> cores;
  for (auto& placement : shardPages_) cores.insert(placement.first);
  return uint32_t(cores.size());
}
DeviceAddr Buffer::aligned_page_size() const { return pageStride(ensureMachine(), type_, page_size_); }

// Interleaved: page p lives in bank p % N at bank address base + (p / N) * aligned page size.
// Sharded: page p lives in its shard core's L1 at base + slot * aligned page size.
uint8_t* Buffer::pageBytes(uint32_t page) const {
  Machine& m = ensureMachine();
  uint32_t stride = pageStride(m, type_, page_size_);
  if (is_sharded()) {
    auto [core, slot] = shardPages_[page];
    return m.l1(int(core)) + address_ + slot * stride;
  }
  uint32_t banks = bankCount(m, type_);
  uint32_t bank = page % banks, addr = address_ + (page / banks) * stride;
  return type_ == BufferType::DRAM ? m.dram(int(bank)) + addr : m.l1(int(bank)) + addr;
}

void Buffer::writeBytes(const void* src, std::size_t bytes) {
  bytes = std::min<std::size_t>(bytes, size_);
  const uint8_t* s = static_cast<const uint8_t*>(src);
  for (uint32_t p = 0; p * page_size_ < bytes; ++p) {
    std::size_t n = std::min<std::size_t>(page_size_, bytes - p * page_size_);
    std::memcpy(pageBytes(p), s + p * page_size_, n);
  }
}
void Buffer::readBytes(void* dst, std::size_t bytes) const {
  bytes = std::min<std::size_t>(bytes, size_);
  uint8_t* d = static_cast<uint8_t*>(dst);
  for (uint32_t p = 0; p * page_size_ < bytes; ++p) {
    std::size_t n = std::min<std::size_t>(page_size_, bytes - p * page_size_);
    std::memcpy(d + p * page_size_, pageBytes(p), n);
  }
}

std::shared_ptr<Buffer> CreateBuffer(const InterleavedBufferConfig& c) {
  if (c.buffer_layout != TensorMemoryLayout::INTERLEAVED)
    failHost(fmt::format("CreateBuffer: an InterleavedBufferConfig with layout {}; use a ShardedBufferConfig",
                         enumName(c.buffer_layout)));
  return std::make_shared<Buffer>(c.device, c.size, c.page_size, c.buffer_type);
}
std::shared_ptr<Buffer> CreateBuffer(const ShardedBufferConfig& c) {
  return std::make_shared<Buffer>(c.device, c.size, c.page_size, c.buffer_type,
                                  BufferShardingArgs(c.shard_parameters, c.buffer_layout));
}
void TensorAccessorArgs::rejectShardedBuffer() {
  failHost("TensorAccessorArgs: the simulator's TensorAccessor addresses interleaved buffers only; read a sharded "
           "buffer from its L1 address on each shard core (or a CB placed on it)");
}
void DeallocateBuffer(Buffer&) {}

// ---- programs ----
Program::Program() : state_(std::make_unique<ProgramState>()) {}
Program::~Program() = default;
Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;
Program CreateProgram() { return Program(); }

CBHandle CreateCircularBuffer(Program& program, const CoreSpec& cores, const CircularBufferConfig& config) {
  auto& cbs = program.state().circularBuffers;
  cbs.push_back({expandCores(cores), config});
  return cbs.size();
}

static int fidelityPasses(MathFidelity f) {
  switch (f) {
    case MathFidelity::LoFi: return 1;
    case MathFidelity::HiFi2: return 2;
    case MathFidelity::HiFi3: return 3;
    default: return 4;
  }
}

static KernelHandle addKernel(Program& program, KernelSpec spec, const CoreSpec& cores, const KernelConfig& config) {
  spec.cores = expandCores(cores);
  if (auto* dm = std::get_if<DataMovementConfig>(&config)) {
    spec.risc = dm->processor == DataMovementProcessor::RISCV_0 ? Risc::kBrisc : Risc::kNcrisc;
    spec.noc = uint8_t(dm->noc);
    spec.compileArgs = dm->compile_args;
    spec.namedCompileArgs = dm->named_compile_args;
    spec.defines = dm->defines;
  } else if (auto* cc = std::get_if<ComputeConfig>(&config)) {
    spec.isCompute = true;
    spec.risc = Risc::kCompute;
    spec.fidelityPasses = fidelityPasses(cc->math_fidelity);
    spec.fp32DestAcc = cc->fp32_dest_acc_en;
    spec.dstFullSync = cc->dst_full_sync_en;
    spec.approx = cc->math_approx_mode;
    spec.compileArgs = cc->compile_args;
    spec.namedCompileArgs = cc->named_compile_args;
    spec.defines = cc->defines;
  } else {
    failHost("CreateKernel: ethernet kernels are not simulated");
  }
  auto& ks = program.state().kernels;
  ks.push_back(std::move(spec));
  return KernelHandle(ks.size() - 1);
}

// Which of the search roots of resolveKernelPath were not set (the usual reason a kernel is not found).
static std::string unsetKernelRoots() {
  std::string unset;
  for (const char* var : {"TT_METAL_HOME", "TT_METAL_KERNEL_PATH"})
    if (const char* v = std::getenv(var); !v || !*v) unset += fmt::format("{}${}", unset.empty() ? "" : " and ", var);
  return unset.empty() ? "" : fmt::format(" ({} not set)", unset);
}

KernelHandle CreateKernel(Program& program, const std::string& file, const CoreSpec& cores, const KernelConfig& config) {
  KernelLocation where = resolveKernelPath(file);
  if (!where.found)
    failHost(fmt::format("CreateKernel: kernel source '{}' not found; searched {}{}", file,
                         fmt::join(where.searched, ", "), unsetKernelRoots()));
  KernelSpec spec;
  spec.path = file;
  spec.root = where.root;
  return addKernel(program, std::move(spec), cores, config);
}

KernelHandle CreateKernelFromString(Program& program, const std::string& source, const CoreSpec& cores,
                                    const KernelConfig& config) {
  KernelSpec spec;
  spec.fromString = true;
  spec.source = source;
  return addKernel(program, std::move(spec), cores, config);
}

uint32_t CreateSemaphore(Program& program, const CoreSpec& cores, uint32_t initial, CoreType) {
  auto& sems = program.state().semaphores;
  auto list = expandCores(cores);
  // The id is the lowest one free on every core of the range.
  uint32_t id = 0;
  for (;; ++id) {
    bool clash = false;
    for (auto& s : sems)
      if (s.id == id)
        for (auto& c : list) clash |= std::find(s.cores.begin(), s.cores.end(), c) != s.cores.end();
    if (!clash) break;
  }
  if (id >= kMaxSemaphores) failHost(fmt::format("CreateSemaphore: more than {} semaphores on a core", kMaxSemaphores));
  sems.push_back({list, id, initial});
  return id;
}

static KernelSpec& kernelOf(const Program& program, KernelHandle kernel) {
  auto& ks = program.state().kernels;
  if (kernel >= ks.size()) failHost(fmt::format("SetRuntimeArgs: kernel handle {} does not exist", kernel));
  return ks[kernel];
}

void SetRuntimeArgs(const Program& program, KernelHandle kernel, const CoreSpec& cores, std::span<const uint32_t> args) {
  KernelSpec& k = kernelOf(program, kernel);
  if (args.size() > kMaxRuntimeArgs)
    failHost(fmt::format("SetRuntimeArgs: {} args exceed the limit of {}", args.size(), kMaxRuntimeArgs));
  for (auto& c : expandCores(cores)) k.args[c].assign(args.begin(), args.end());
}
void SetRuntimeArgs(const Program& program, KernelHandle kernel, const std::vector<CoreCoord>& cores,
                    const std::vector<std::vector<uint32_t>>& args) {
  for (size_t i = 0; i < cores.size() && i < args.size(); ++i)
    SetRuntimeArgs(program, kernel, cores[i], std::span<const uint32_t>(args[i]));
}
void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel, std::span<const uint32_t> args) {
  kernelOf(program, kernel).commonArgs.assign(args.begin(), args.end());
}
RuntimeArgsData& GetRuntimeArgs(const Program& program, KernelHandle kernel, const CoreCoord& core) {
  return kernelOf(program, kernel).args[core];
}
RuntimeArgsData& GetCommonRuntimeArgs(const Program& program, KernelHandle kernel) {
  return kernelOf(program, kernel).commonArgs;
}

void RunProgram(IDevice*, Program& program) {
  ensureMachine();
  runProgram(program.state());
}

}  // namespace tt::tt_metal

namespace tt::tt_metal::distributed {
MeshDevice::MeshDevice(int id) : IDevice(id) {}
MeshDevice::~MeshDevice() = default;
std::shared_ptr<MeshDevice> MeshDevice::create_unit_mesh(int device_id, std::size_t, std::size_t, std::size_t,
                                                         const DispatchCoreConfig&, const std::vector<uint32_t>&,
                                                         std::size_t) {
  if (device_id != 0) tilec::sim::rt::failHost("create_unit_mesh: the simulator has one device, id 0");
  return std::make_shared<MeshDevice>(device_id);
}
CommandQueue& MeshDevice::command_queue(std::size_t) {
  tilec::sim::rt::failHost("command_queue() is not available on a MeshDevice; use mesh_command_queue()");
}
bool MeshDevice::close() { return true; }
}  // namespace tt::tt_metal::distributed
