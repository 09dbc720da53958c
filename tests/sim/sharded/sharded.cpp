// L1-sharded buffers at both API levels: ShardSpecBuffer + BufferShardingArgs (2026: MeshBuffer with
// DeviceLocalBufferConfig::sharding_args; 2025: CreateBuffer(ShardedBufferConfig)), for height, width
// and block sharding in row- or column-major shard orientation (arguments: height|width|block row|col).
//  1. vector add in the style of vecadd_sharding: a, b, c sharded over a 2x2 core grid, CBs placed on
//     the shards (set_globally_allocated_address), no data movement; c read back (gathered) on the host.
//     With a third argument `host-filled` no data-movement kernel runs: the compute kernel reads the
//     inputs the host wrote without cb_wait_front (as vecadd_sharding does), which hardware tolerates.
//  2. placement: a 6x4-page buffer is written by the host (scattered to the shards); on each shard
//     core a kernel reads its slots from its own L1 at the buffer's address and writes them to the DRAM
//     pages that the placement rule (worked out in the kernel, independently of the runtime) assigns;
//     the DRAM copy must equal the host data, so every page sat where the rule says.
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/constants.hpp>
#if TILEC_SIM_API == 2026
#include <tt-metalium/distributed.hpp>
#endif

#include <map>
#include <string>
#include <vector>

using namespace tt;
using namespace tt::tt_metal;

#if TILEC_SIM_API == 2026
using TestDevice = distributed::MeshDevice;
using BufferHandle = std::shared_ptr<distributed::MeshBuffer>;
static BufferHandle make_buffer(TestDevice* device, uint32_t size, uint32_t page, BufferType type,
                                const BufferShardingArgs& sharding = {}) {
  distributed::DeviceLocalBufferConfig local{.page_size = page, .buffer_type = type, .sharding_args = sharding};
  return distributed::MeshBuffer::create(distributed::ReplicatedBufferConfig{.size = size}, local, device);
}
template <typename T>
static void write(TestDevice* d, const BufferHandle& b, const std::vector<T>& v) {
  distributed::EnqueueWriteMeshBuffer(d->mesh_command_queue(), b, v, false);
}
template <typename T>
static void read(TestDevice* d, const BufferHandle& b, std::vector<T>& v) {
  distributed::EnqueueReadMeshBuffer(d->mesh_command_queue(), v, b, true);
}
static void run(TestDevice* d, Program& program) {
  distributed::MeshWorkload workload;
  workload.add_program(distributed::MeshCoordinateRange(d->shape()), std::move(program));
  distributed::EnqueueMeshWorkload(d->mesh_command_queue(), workload, true);
}
static const Buffer& backing(const BufferHandle& b) { return *b->get_backing_buffer(); }
static const char* add_kernel = "kernels/add_2026.cpp";
#else
using TestDevice = IDevice;
using BufferHandle = std::shared_ptr<Buffer>;
static BufferHandle make_buffer(TestDevice* device, uint32_t size, uint32_t page, BufferType type,
                                const BufferShardingArgs& sharding = {}) {
  if (!sharding.shard_spec())
    return CreateBuffer(InterleavedBufferConfig{.device = device, .size = size, .page_size = page, .buffer_type = type});
  return CreateBuffer(ShardedBufferConfig{.device = device, .size = size, .page_size = page, .buffer_type = type,
                                          .buffer_layout = sharding.buffer_layout(),
                                          .shard_parameters = *sharding.shard_spec()});
}
template <typename T>
static void write(TestDevice* d, const BufferHandle& b, const std::vector<T>& v) {
  EnqueueWriteBuffer(d->command_queue(), b, v, false);
}
template <typename T>
static void read(TestDevice* d, const BufferHandle& b, std::vector<T>& v) {
  EnqueueReadBuffer(d->command_queue(), b, v, true);
}
static void run(TestDevice* d, Program& program) {
  EnqueueProgram(d->command_queue(), program, false);
  Finish(d->command_queue());
}
static const Buffer& backing(const BufferHandle& b) { return *b; }
static const char* add_kernel = "kernels/add_2025.cpp";
#endif

static const CoreRange kGrid({0, 0}, {1, 1});

// The core holding shard i of the 2x2 grid in the given orientation.
static CoreCoord shard_core(uint32_t i, ShardOrientation orientation) {
  return orientation == ShardOrientation::ROW_MAJOR ? CoreCoord(i % 2, i / 2) : CoreCoord(i / 2, i % 2);
}

static int vector_add(TestDevice* device, TensorMemoryLayout layout, ShardOrientation orientation, bool host_filled) {
  using namespace tt::constants;
  const uint32_t tiles_y = 4, tiles_x = 4, tile_bytes = TILE_HW * sizeof(bfloat16);
  std::array<uint32_t, 2> shard_tiles = layout == TensorMemoryLayout::HEIGHT_SHARDED  ? std::array<uint32_t, 2>{1, 4}
                                        : layout == TensorMemoryLayout::WIDTH_SHARDED ? std::array<uint32_t, 2>{4, 1}
                                                                                      : std::array<uint32_t, 2>{2, 2};
  ShardSpecBuffer spec(kGrid, {shard_tiles[0] * TILE_HEIGHT, shard_tiles[1] * TILE_WIDTH}, orientation,
                       {TILE_HEIGHT, TILE_WIDTH}, {tiles_y, tiles_x});
  const uint32_t size = tiles_y * tiles_x * tile_bytes, per_core = 4;
  auto a = make_buffer(device, size, tile_bytes, BufferType::L1, BufferShardingArgs(spec, layout));
  auto b = make_buffer(device, size, tile_bytes, BufferType::L1, BufferShardingArgs(spec, layout));
  auto c = make_buffer(device, size, tile_bytes, BufferType::L1, BufferShardingArgs(spec, layout));
  if (backing(a).num_cores() != 4u) {
    fmt::print(stderr, "num_cores() = {}, want 4\n", backing(a).num_cores().value_or(0));
    return 1;
  }

  auto av = create_random_vector_of_bfloat16_native(size, 10.0f, 11);
  auto bv = create_random_vector_of_bfloat16_native(size, 10.0f, 12, -5.0f);
  write(device, a, av);
  write(device, b, bv);

  Program program = CreateProgram();
  auto place_cb = [&](CBIndex index, const BufferHandle& buffer) {
    CreateCircularBuffer(program, kGrid,
                         CircularBufferConfig(per_core * tile_bytes, {{index, tt::DataFormat::Float16_b}})
                             .set_page_size(index, tile_bytes)
                             .set_globally_allocated_address(backing(buffer)));
  };
  place_cb(CBIndex::c_0, a);
  place_cb(CBIndex::c_1, b);
  place_cb(CBIndex::c_2, c);
  std::vector<KernelHandle> kernels;
  if (!host_filled) {
    kernels.push_back(CreateKernel(program, "kernels/shard_inputs.cpp", kGrid, ReaderDataMovementConfig{}));
    kernels.push_back(CreateKernel(program, "kernels/shard_output.cpp", kGrid, WriterDataMovementConfig{}));
  }
  std::map<std::string, std::string> defines;
  if (host_filled) defines["HOST_FILLED"] = "1";
  kernels.push_back(CreateKernel(program, add_kernel, kGrid, ComputeConfig{.defines = defines}));
  for (auto& core : kGrid)
    for (auto kernel : kernels) SetRuntimeArgs(program, kernel, core, {per_core});
  run(device, program);

  std::vector<bfloat16> cv;
  read(device, c, cv);
  int bad = 0;
  for (size_t i = 0; i < av.size(); ++i) bad += float(cv[i]) != float(bfloat16(float(av[i]) + float(bv[i])));
  fmt::print("vector add ({}, {}): {} mismatches of {}\n", layout, orientation, bad, av.size());
  return bad != 0;
}

static int placement(TestDevice* device, TensorMemoryLayout layout, ShardOrientation orientation) {
  const uint32_t rows = 6, cols = 4, words = 16, page_bytes = words * sizeof(uint32_t);
  // Shards in pages: height 2x4 (3 shards on 4 cores), width 6x1, block 4x3 (partial shards at the edges).
  std::array<uint32_t, 2> shard = layout == TensorMemoryLayout::HEIGHT_SHARDED  ? std::array<uint32_t, 2>{2, 4}
                                  : layout == TensorMemoryLayout::WIDTH_SHARDED ? std::array<uint32_t, 2>{6, 1}
                                                                                : std::array<uint32_t, 2>{4, 3};
  uint32_t num_shards = layout == TensorMemoryLayout::HEIGHT_SHARDED ? 3 : 4;
  ShardSpecBuffer spec(kGrid, {shard[0], shard[1] * words}, orientation, {1, words}, {rows, cols});
  const uint32_t size = rows * cols * page_bytes;
  auto sharded = make_buffer(device, size, page_bytes, BufferType::L1, BufferShardingArgs(spec, layout));
  auto copy = make_buffer(device, size, page_bytes, BufferType::DRAM);
  std::vector<uint32_t> data(rows * cols * words);
  for (size_t i = 0; i < data.size(); ++i) data[i] = uint32_t(i * 2654435761u);
  write(device, sharded, data);

  Program program = CreateProgram();
  CreateCircularBuffer(program, kGrid, CircularBufferConfig(page_bytes, {{CBIndex::c_0, tt::DataFormat::UInt32}})
                                           .set_page_size(CBIndex::c_0, page_bytes));
  std::vector<CoreCoord> cores;
  for (uint32_t i = 0; i < num_shards; ++i) cores.push_back(shard_core(i, orientation));
  auto kernel = CreateKernel(program, "kernels/placement.cpp", CoreRangeSet(std::vector<CoreRange>(cores.begin(), cores.end())),
                             ReaderDataMovementConfig{});
  for (uint32_t i = 0; i < num_shards; ++i)
    SetRuntimeArgs(program, kernel, cores[i],
                   {i, uint32_t(layout == TensorMemoryLayout::HEIGHT_SHARDED), shard[0], shard[1], rows, cols,
                    page_bytes, uint32_t(backing(sharded).aligned_page_size()), backing(sharded).address(),
                    backing(copy).address()});
  run(device, program);

  std::vector<uint32_t> back, copied;
  read(device, sharded, back);
  read(device, copy, copied);
  int bad_gather = 0, bad_place = 0;
  for (size_t i = 0; i < data.size(); ++i) bad_gather += back[i] != data[i], bad_place += copied[i] != data[i];
  fmt::print("placement ({}, {}): {} words misplaced, {} wrong after gather\n", layout, orientation, bad_place,
             bad_gather);
  return bad_place != 0 || bad_gather != 0;
}

int main(int argc, char** argv) {
  std::string cut = argc > 1 ? argv[1] : "height", order = argc > 2 ? argv[2] : "row";
  TensorMemoryLayout layout = cut == "width"   ? TensorMemoryLayout::WIDTH_SHARDED
                              : cut == "block" ? TensorMemoryLayout::BLOCK_SHARDED
                                               : TensorMemoryLayout::HEIGHT_SHARDED;
  ShardOrientation orientation = order == "col" ? ShardOrientation::COL_MAJOR : ShardOrientation::ROW_MAJOR;
#if TILEC_SIM_API == 2026
  auto mesh = distributed::MeshDevice::create_unit_mesh(0);
  TestDevice* device = mesh.get();
#else
  TestDevice* device = CreateDevice(0);
#endif
  bool host_filled = argc > 3 && std::string(argv[3]) == "host-filled";
  int failures = vector_add(device, layout, orientation, host_filled) + placement(device, layout, orientation);
#if TILEC_SIM_API == 2026
  mesh->close();
#else
  CloseDevice(device);
#endif
  return failures ? 1 : 0;
}
