// Semantics the simulator shares with hardware, one case per argv[1], at the API level the test pins
// (--tt-api 2025|2026; compute kernels come in one spelling per level, *_2025.cpp / *_2026.cpp):
//   raw_l1         4 cores: BRISC writes through raw L1 addresses (an L1 buffer's address() passed as a
//                  runtime arg, a CB's get_write_ptr), NCRISC reads them back; each core must see its own L1
//   wild_pointer   a kernel writes past the end of L1: a located error, exit 4
//   dprint         4 cores print from every RISC (stdout pinned by dprint_expect.cmake)
//   add_no_reserve add_2_integers_in_compute's protocol break: pack_tile/cb_push_back without cb_reserve_back
//   bcast_no_wait  softmax_single_core's: a broadcast operand read and popped without cb_wait_front
// Each checks its own numbers and exits non-zero on a mismatch.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "session.hpp"

namespace {

#if TILEC_SIM_API == 2026
const std::string kLevel = "2026";
#else
const std::string kLevel = "2025";
#endif
constexpr uint32_t kTileBytes = 2048;  // bf16 32x32

KernelHandle dataMovement(Program& p, const std::string& file, const CoreRange& cores, DataMovementProcessor risc) {
  return CreateKernel(p, "kernels/" + file, cores,
                      DataMovementConfig{.processor = risc,
                                         .noc = risc == DataMovementProcessor::RISCV_0 ? NOC::RISCV_0_default : NOC::RISCV_1_default});
}
void addCb(Program& p, const CoreRange& cores, uint8_t index, uint32_t pages, uint32_t pageBytes = kTileBytes) {
  CreateCircularBuffer(p, cores, CircularBufferConfig(pages * pageBytes, {{index, tt::DataFormat::Float16_b}}).set_page_size(index, pageBytes));
}
uint16_t bf16Bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return uint16_t((u + 0x7fff + ((u >> 16) & 1)) >> 16);
}
float bf16Value(uint16_t b) {
  uint32_t u = uint32_t(b) << 16;
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
// A tile of bf16 values packed two per word (face layout does not matter: every test is elementwise
// or uses values that are constant along a face row).
std::vector<uint32_t> packBf16(const std::vector<float>& v) {
  std::vector<uint32_t> w(v.size() / 2);
  for (size_t i = 0; i < w.size(); ++i) w[i] = bf16Bits(v[2 * i]) | uint32_t(bf16Bits(v[2 * i + 1])) << 16;
  return w;
}
std::vector<float> unpackBf16(const std::vector<uint32_t>& w) {
  std::vector<float> v(w.size() * 2);
  for (size_t i = 0; i < w.size(); ++i) v[2 * i] = bf16Value(uint16_t(w[i])), v[2 * i + 1] = bf16Value(uint16_t(w[i] >> 16));
  return v;
}

int rawL1(Session& s) {
  const CoreRange cores({0, 0}, {3, 0});
  const uint32_t numCores = 4, words = 8, pageBytes = 64;
  Program p = CreateProgram();
  auto scratch = s.buffer(words * 4 * 64, words * 4, BufferType::L1);  // one 32-byte page per L1 bank
  auto out = s.buffer(numCores * pageBytes, pageBytes, BufferType::DRAM);
  addCb(p, cores, CBIndex::c_0, 1, pageBytes);
  auto writer = dataMovement(p, "raw_l1_writer.cpp", cores, DataMovementProcessor::RISCV_0);
  auto reader = dataMovement(p, "raw_l1_reader.cpp", cores, DataMovementProcessor::RISCV_1);
  for (uint32_t i = 0; i < numCores; ++i) {
    CoreCoord c{i, 0};
    SetRuntimeArgs(p, writer, c, {scratch->address(), 1000 * (i + 1)});
    SetRuntimeArgs(p, reader, c, {scratch->address(), out->address(), i});
  }
  s.run(p);
  std::vector<uint32_t> got = s.read(out);
  int bad = 0;
  for (uint32_t i = 0; i < numCores; ++i)
    for (uint32_t j = 0; j < words; ++j) {
      uint32_t seed = 1000 * (i + 1);
      uint32_t cbWord = got[i * 16 + j], rawWord = got[i * 16 + 8 + j];
      if ((cbWord != 2 * seed + j || rawWord != seed + j) && bad++ < 4)
        std::fprintf(stderr, "core %u word %u: CB %u (expected %u), raw L1 %u (expected %u)\n", i, j, cbWord, 2 * seed + j,
                     rawWord, seed + j);
    }
  std::printf("raw_l1 %s: %s\n", kLevel.c_str(), bad ? "FAIL" : "ok");
  return bad ? 1 : 0;
}

int dprint(Session& s) {
  const CoreRange cores({0, 0}, {3, 0});
  Program p = CreateProgram();
  addCb(p, cores, CBIndex::c_0, 1);
  addCb(p, cores, CBIndex::c_16, 1);
  auto reader = dataMovement(p, "dprint_reader_" + kLevel + ".cpp", cores, DataMovementProcessor::RISCV_1);
  auto writer = dataMovement(p, "dprint_writer_" + kLevel + ".cpp", cores, DataMovementProcessor::RISCV_0);
  CreateKernel(p, "kernels/dprint_compute_" + kLevel + ".cpp", cores, ComputeConfig{});
  for (uint32_t i = 0; i < 4; ++i) {
    SetRuntimeArgs(p, reader, CoreCoord{i, 0}, {i});
    SetRuntimeArgs(p, writer, CoreCoord{i, 0}, {i});
  }
  s.run(p);
  return 0;
}

// out = a + b over one tile, the compute kernel packing without cb_reserve_back.
int addNoReserve(Session& s) {
  const CoreRange core({0, 0}, {0, 0});
  Program p = CreateProgram();
  std::vector<float> a(1024), b(1024);
  for (int i = 0; i < 1024; ++i) a[size_t(i)] = float(i % 17), b[size_t(i)] = float(i % 5) - 2.0f;
  auto in0 = s.buffer(kTileBytes, kTileBytes, BufferType::DRAM), in1 = s.buffer(kTileBytes, kTileBytes, BufferType::DRAM);
  auto out = s.buffer(kTileBytes, kTileBytes, BufferType::DRAM);
  s.write(in0, packBf16(a));
  s.write(in1, packBf16(b));
  addCb(p, core, CBIndex::c_0, 1);
  addCb(p, core, CBIndex::c_1, 1);
  addCb(p, core, CBIndex::c_16, 1);
  auto reader = dataMovement(p, "read_tiles.cpp", core, DataMovementProcessor::RISCV_1);
  auto writer = dataMovement(p, "write_tiles.cpp", core, DataMovementProcessor::RISCV_0);
  CreateKernel(p, "kernels/add_no_reserve_" + kLevel + ".cpp", core, ComputeConfig{});
  SetRuntimeArgs(p, reader, CoreCoord{0, 0}, {in0->address(), in1->address(), 1, 1});
  SetRuntimeArgs(p, writer, CoreCoord{0, 0}, {out->address(), 1});
  s.run(p);
  std::vector<float> got = unpackBf16(s.read(out));
  int bad = 0;
  for (size_t i = 0; i < 1024; ++i)
    if (got[i] != a[i] + b[i] && bad++ < 4) std::fprintf(stderr, "[%zu] got %f expected %f\n", i, got[i], a[i] + b[i]);
  std::printf("add_no_reserve %s: %s\n", kLevel.c_str(), bad ? "FAIL" : "ok");
  return bad ? 1 : 0;
}

// out[t] = x[t] - (column 0 of x[0], broadcast along rows), for two tiles: the compute kernel packs
// x[0] into c_2 itself and reads and pops it there without cb_wait_front, as softmax_single_core does.
int bcastNoWait(Session& s) {
  const CoreRange core({0, 0}, {0, 0});
  Program p = CreateProgram();
  const uint32_t tiles = 2;
  std::vector<float> x(1024 * tiles);
  for (size_t i = 0; i < x.size(); ++i) x[i] = float(int(i * 7 % 23) - 11);
  auto in = s.buffer(tiles * kTileBytes, kTileBytes, BufferType::DRAM), out = s.buffer(tiles * kTileBytes, kTileBytes, BufferType::DRAM);
  s.write(in, packBf16(x));
  addCb(p, core, CBIndex::c_0, 2);
  addCb(p, core, CBIndex::c_2, 3);
  addCb(p, core, CBIndex::c_16, 2);
  auto reader = dataMovement(p, "read_tiles.cpp", core, DataMovementProcessor::RISCV_1);
  auto writer = dataMovement(p, "write_tiles.cpp", core, DataMovementProcessor::RISCV_0);
  CreateKernel(p, "kernels/bcast_no_wait_" + kLevel + ".cpp", core, ComputeConfig{.compile_args = {tiles}});
  // The reader sends tile 0 once for the copy, then every tile for the subtraction.
  SetRuntimeArgs(p, reader, CoreCoord{0, 0}, {in->address(), 0, tiles, 0});
  SetRuntimeArgs(p, writer, CoreCoord{0, 0}, {out->address(), tiles});
  s.run(p);
  std::vector<float> got = unpackBf16(s.read(out));
  // Face layout: element (r, c) of a tile is at ((r/16)*2 + c/16)*256 + (r%16)*16 + c%16.
  auto at = [](uint32_t r, uint32_t c) { return ((r / 16) * 2 + c / 16) * 256 + (r % 16) * 16 + c % 16; };
  int bad = 0;
  for (uint32_t t = 0; t < tiles; ++t)
    for (uint32_t r = 0; r < 32; ++r)
      for (uint32_t c = 0; c < 32; ++c) {
        float want = x[t * 1024 + at(r, c)] - x[at(r, 0)];
        float have = got[t * 1024 + at(r, c)];
        if (have != want && bad++ < 4) std::fprintf(stderr, "tile %u [%u,%u] got %f expected %f\n", t, r, c, have, want);
      }
  std::printf("bcast_no_wait %s: %s\n", kLevel.c_str(), bad ? "FAIL" : "ok");
  return bad ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string c = argc > 1 ? argv[1] : "";
  Session s;
  int rc = 2;
  if (c == "raw_l1") rc = rawL1(s);
  else if (c == "dprint") rc = dprint(s);
  else if (c == "add_no_reserve") rc = addNoReserve(s);
  else if (c == "bcast_no_wait") rc = bcastNoWait(s);
  else if (c == "wild_pointer") {
    Program p = CreateProgram();
    auto k = dataMovement(p, "wild_pointer.cpp", CoreRange({0, 0}, {0, 0}), DataMovementProcessor::RISCV_0);
    SetRuntimeArgs(p, k, CoreCoord{0, 0}, {0x170000u});  // past the 1464 KiB (0x16e000) of Wormhole's L1
    s.run(p);
    rc = 0;
  } else {
    std::fprintf(stderr, "usage: raw_l1 | wild_pointer | dprint | add_no_reserve | bcast_no_wait\n");
  }
  s.close();
  return rc;
}
