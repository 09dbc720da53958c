// Tile operations at the 2025 API level, one mode per ctest: `reduce` (row/col/scalar with a scaler
// tile the reader writes through a raw L1 pointer), `bcast` (rows/cols/scalar), `transpose`,
// `tilize` (row-major sticks -> tiles -> row-major), `sign` (eqz/nez/ltz/lez/gtz/gez). Single core;
// checked against CPU formulas.
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/host_api.hpp>
#include <tt-metalium/tilize_utils.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>

using namespace tt;
using namespace tt::tt_metal;

namespace {
constexpr uint32_t kTileBytes = 2048;
IDevice* device;
CoreCoord core{0, 0};
std::mt19937 rng(5);

std::vector<bfloat16> random_values(size_t n, float lo, float hi) {
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<bfloat16> v(n);
  for (auto& x : v) x = bfloat16(dist(rng));
  return v;
}

std::shared_ptr<Buffer> dram(uint32_t tiles) {
  return CreateBuffer(InterleavedBufferConfig{device, tiles * kTileBytes, kTileBytes, BufferType::DRAM});
}

// Runs reader(n0 tiles of a, n1 tiles of b, optional scaler) -> compute -> writer(n_out tiles).
std::vector<bfloat16> run(const std::string& compute, std::map<std::string, std::string> defines,
                          const std::vector<bfloat16>& a, uint32_t n0, const std::vector<bfloat16>& b, uint32_t n1,
                          uint32_t n_out, float scaler, std::vector<uint32_t> compute_args, uint32_t cb_pages = 2) {
  Program program = CreateProgram();
  for (auto cb : {CBIndex::c_0, CBIndex::c_1, CBIndex::c_2, CBIndex::c_16})
    CreateCircularBuffer(program, core,
                         CircularBufferConfig(cb_pages * kTileBytes, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, kTileBytes));
  auto in0 = dram(std::max(n0, 1u)), in1 = dram(std::max(n1, 1u)), out = dram(n_out);
  auto& cq = device->command_queue();
  if (n0) EnqueueWriteBuffer(cq, in0, a, false);
  if (n1) EnqueueWriteBuffer(cq, in1, b, false);
  auto reader = CreateKernel(program, "kernels/reader.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
  auto writer = CreateKernel(program, "kernels/writer.cpp", core,
                             DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default});
  CreateKernel(program, compute, core, ComputeConfig{.math_fidelity = MathFidelity::HiFi4, .compile_args = compute_args, .defines = defines});
  uint32_t scaler_bits = uint32_t(bfloat16(scaler).to_uint16());
  SetRuntimeArgs(program, reader, core, {in0->address(), n0, in1->address(), n1, scaler_bits});
  SetRuntimeArgs(program, writer, core, {out->address(), n_out});
  EnqueueProgram(cq, program, true);
  std::vector<bfloat16> result;
  EnqueueReadBuffer(cq, out, result, true);
  return result;
}

int compare(const char* what, const std::vector<float>& golden, const std::vector<bfloat16>& got,
            const std::vector<int>& positions, float tol) {
  int bad = 0;
  for (int p : positions) {
    float g = golden[size_t(p)], y = float(got[size_t(p)]);
    if (std::fabs(g - y) > tol * std::max(1.0f, std::fabs(g)) && bad++ < 4)
      std::fprintf(stderr, "%s: element %d: got %f expected %f\n", what, p, y, g);
  }
  std::printf("%-12s %s\n", what, bad ? "FAIL" : "ok");
  return bad ? 1 : 0;
}
std::vector<int> all(int n) {
  std::vector<int> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[size_t(i)] = i;
  return v;
}

int test_reduce() {
  int failures = 0;
  // Row sum over a 32x64 matrix (two tiles along W) into column 0 of one tile.
  auto a = random_values(2048, -1, 1);
  auto out = run("kernels/reduce.cpp", {{"REDUCE_OP", "PoolType::SUM"}, {"REDUCE_DIM", "ReduceDim::REDUCE_ROW"}},
                 tilize_nfaces(a, 32, 64), 2, {}, 0, 1, 1.0f, {2});
  auto rm = untilize_nfaces(out, 32, 32);
  std::vector<float> g(1024);
  std::vector<int> pos;
  for (int r = 0; r < 32; ++r) {
    for (int c = 0; c < 64; ++c) g[size_t(r * 32)] += float(a[size_t(r * 64 + c)]);
    pos.push_back(r * 32);
  }
  failures += compare("reduce row", g, rm, pos, 0.02f);
  // Column max over a 64x32 matrix (two tiles along H) into row 0.
  a = random_values(2048, -3, -1);  // all negative: MAX must not clamp at the zeroed DST
  out = run("kernels/reduce.cpp", {{"REDUCE_OP", "PoolType::MAX"}, {"REDUCE_DIM", "ReduceDim::REDUCE_COL"}},
            tilize_nfaces(a, 64, 32), 2, {}, 0, 1, 1.0f, {2});
  rm = untilize_nfaces(out, 32, 32);
  std::fill(g.begin(), g.end(), 0.0f);
  pos.clear();
  for (int c = 0; c < 32; ++c) {
    float m = -1e30f;
    for (int r = 0; r < 64; ++r) m = std::max(m, float(a[size_t(r * 32 + c)]));
    g[size_t(c)] = m;
    pos.push_back(c);
  }
  failures += compare("reduce col", g, rm, pos, 0.01f);
  // Scalar average of one tile: scaler 1/32 is applied by both passes (1/1024 in total).
  a = random_values(1024, 0, 2);
  out = run("kernels/reduce.cpp", {{"REDUCE_OP", "PoolType::SUM"}, {"REDUCE_DIM", "ReduceDim::REDUCE_SCALAR"}},
            tilize_nfaces(a, 32, 32), 1, {}, 0, 1, 1.0f / 32, {1});
  rm = untilize_nfaces(out, 32, 32);
  float mean = 0;
  for (auto& v : a) mean += float(v);
  g[0] = mean / 1024;
  failures += compare("reduce scalar", g, rm, {0}, 0.01f);
  return failures;
}

int test_bcast() {
  int failures = 0;
  auto a = random_values(1024, -2, 2), b = random_values(1024, -2, 2);
  struct Case { const char* fn; const char* name; std::function<float(int, int)> golden; };
  auto A = [&](int r, int c) { return float(a[size_t(r * 32 + c)]); };
  auto B = [&](int r, int c) { return float(b[size_t(r * 32 + c)]); };
  std::vector<Case> cases = {
      {"add_tiles_bcast_rows", "bcast rows", [&](int r, int c) { return A(r, c) + B(0, c); }},
      {"sub_tiles_bcast_cols", "bcast cols", [&](int r, int c) { return A(r, c) - B(r, 0); }},
      {"mul_tiles_bcast_scalar", "bcast scalar", [&](int r, int c) { return A(r, c) * B(0, 0); }},
  };
  for (auto& c : cases) {
    auto out = run("kernels/bcast.cpp", {{"BCAST_FN", c.fn}}, tilize_nfaces(a, 32, 32), 1, tilize_nfaces(b, 32, 32), 1,
                   1, 1.0f, {});
    auto rm = untilize_nfaces(out, 32, 32);
    std::vector<float> g(1024);
    for (int r = 0; r < 32; ++r)
      for (int col = 0; col < 32; ++col) g[size_t(r * 32 + col)] = c.golden(r, col);
    failures += compare(c.name, g, rm, all(1024), 0.01f);
  }
  return failures;
}

int test_transpose() {
  auto a = random_values(1024, -2, 2);
  auto out = run("kernels/transpose.cpp", {}, tilize_nfaces(a, 32, 32), 1, {}, 0, 1, 1.0f, {});
  auto rm = untilize_nfaces(out, 32, 32);
  std::vector<float> g(1024);
  for (int r = 0; r < 32; ++r)
    for (int c = 0; c < 32; ++c) g[size_t(c * 32 + r)] = float(a[size_t(r * 32 + c)]);
  return compare("transpose", g, rm, all(1024), 0.0f);
}

// eqz/nez/ltz/lez/gtz/gez on one tile of values in [-2, 2] with every 7th element exactly 0.
int test_sign() {
  auto a = random_values(1024, -2, 2);
  for (size_t i = 0; i < a.size(); i += 7) a[i] = bfloat16(0.0f);
  auto out = run("kernels/sign_tests.cpp", {}, tilize_nfaces(a, 32, 32), 1, {}, 0, 6, 1.0f, {});
  const char* names[] = {"eqz", "nez", "ltz", "lez", "gtz", "gez"};
  std::function<bool(float)> tests[] = {[](float x) { return x == 0; }, [](float x) { return x != 0; },
                                        [](float x) { return x < 0; },  [](float x) { return x <= 0; },
                                        [](float x) { return x > 0; },  [](float x) { return x >= 0; }};
  int failures = 0;
  for (int k = 0; k < 6; ++k) {
    std::vector<bfloat16> tile(out.begin() + k * 1024, out.begin() + (k + 1) * 1024);
    auto rm = untilize_nfaces(tile, 32, 32);
    std::vector<float> g(1024);
    for (size_t i = 0; i < g.size(); ++i) g[i] = tests[k](float(a[i])) ? 1.0f : 0.0f;
    failures += compare(names[k], g, rm, all(1024), 0.0f);
  }
  return failures;
}

int test_tilize() {
  const uint32_t Wt = 4;
  auto a = random_values(32 * 32 * Wt, -2, 2);  // 32 row-major sticks of Wt*32 values
  auto tiles = run("kernels/tilize.cpp", {}, a, Wt, {}, 0, Wt, 1.0f, {Wt}, Wt);
  auto expected = tilize_nfaces(a, 32, 32 * Wt);
  std::vector<float> g(expected.begin(), expected.end());
  int failures = compare("tilize", g, tiles, all(int(g.size())), 0.0f);
  auto back = run("kernels/untilize.cpp", {}, tiles, Wt, {}, 0, Wt, 1.0f, {Wt}, Wt);
  std::vector<float> g2(a.begin(), a.end());
  return failures + compare("untilize", g2, back, all(int(g2.size())), 0.0f);
}
}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  device = CreateDevice(0);
  int failures = mode == "reduce"      ? test_reduce()
                 : mode == "bcast"     ? test_bcast()
                 : mode == "transpose" ? test_transpose()
                 : mode == "tilize"    ? test_tilize()
                 : mode == "sign"      ? test_sign()
                                       : (std::fprintf(stderr, "usage: reduce|bcast|transpose|tilize|sign\n"), 1);
  CloseDevice(device);
  return failures ? 1 : 0;
}
