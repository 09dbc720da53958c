// Lowered kernels built and run on the simulator (the tilec-sim CLI next to this test binary),
// checked against a direct formula. Small sizes: these run in CI on 2 cores.
#include "TTKernels.h"

#include "support/FloatBits.h"
#include "support/Npy.h"
#include "target/tt/TT.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

namespace tilec::tt {
namespace {

namespace fs = std::filesystem;

fs::path simCli() {
  fs::path self = fs::read_symlink("/proc/self/exe");
  for (fs::path p : {self.parent_path().parent_path() / "sim" / "tilec-sim", self.parent_path() / "sim" / "tilec-sim"})
    if (fs::exists(p))
      return p;
  return {};
}

float bf16(float x) { return floatbits::bf16BitsToFloat(floatbits::floatToBf16Bits(x)); }

std::vector<float> random(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> v(n);
  for (float &x : v)
    x = bf16(d(rng));
  return v;
}

// Compiles `f`, runs it on the simulator with `inputs` (one per parameter), returns the outputs.
int runOnSim(std::shared_ptr<ir::PrimFunc> f, const TTOptions &opts, std::vector<std::vector<float>> &tensors,
             const std::vector<std::vector<int64_t>> &shapes, const std::string &tag) {
  fs::path cli = simCli();
  if (cli.empty())
    return -1;
  fs::path dir = fs::temp_directory_path() / ("tilec-tt-unit-" + std::to_string(::getpid()) + "-" + tag);
  fs::remove_all(dir);
  writeArtifacts(compileToArtifacts(*f, opts), dir.string());
  fs::create_directories(dir / "inputs");
  fs::create_directories(dir / "outputs");
  for (size_t i = 0; i < tensors.size(); ++i)
    npy::saveFloat32((dir / "inputs" / (f->params[i]->name + ".npy")).string(), tensors[i], shapes[i]);
  std::string cmd = cli.string() + " run " + dir.string() + " --arch " + opts.arch + " -- inputs outputs > " +
                    (dir / "log.txt").string() + " 2>&1";
  int rc = std::system(cmd.c_str());
  if (rc != 0) {
    std::ifstream log(dir / "log.txt");
    std::cerr << log.rdbuf();
    return rc;
  }
  for (size_t i = 0; i < tensors.size(); ++i)
    if (fs::exists(dir / "outputs" / (f->params[i]->name + ".npy")))
      tensors[i] = npy::loadFloat32((dir / "outputs" / (f->params[i]->name + ".npy")).string());
  if (!std::getenv("TILEC_KEEP"))
    fs::remove_all(dir);
  return 0;
}

TEST(TTSim, ElementwiseAddBothLevelsOneCoreAndGrid) {
  if (simCli().empty())
    GTEST_SKIP() << "tilec-sim not built";
  const int64_t M = 64, N = 96;
  for (ApiLevel level : {ApiLevel::V2025, ApiLevel::V2026})
    for (int cores : {1, 8}) {
      TTOptions opts;
      opts.apiLevel = level;
      opts.gridX = cores, opts.gridY = cores;
      std::vector<std::vector<float>> t = {random(M * N, 1), random(M * N, 2), std::vector<float>(M * N)};
      auto a = t[0], b = t[1];
      ASSERT_EQ(runOnSim(testing::elementwiseAdd(M, N), opts, t, {{M, N}, {M, N}, {M, N}}, "add"), 0);
      for (int64_t i = 0; i < M * N; ++i)
        ASSERT_NEAR(t[2][i], bf16(a[i] + b[i]), 1e-6) << i;
    }
}

void checkGemm(int64_t M, int64_t N, int64_t K, int64_t bm, int64_t bn, int64_t bk, const TTOptions &opts,
               const std::string &tag) {
  std::vector<std::vector<float>> t = {random(M * K, 3), random(K * N, 4), std::vector<float>(M * N)};
  auto a = t[0], b = t[1];
  ASSERT_EQ(runOnSim(testing::gemm(M, N, K, bm, bn, bk), opts, t, {{M, K}, {K, N}, {M, N}}, tag), 0);
  double maxErr = 0;
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      double acc = 0;
      for (int64_t k = 0; k < K; ++k)
        acc += double(a[i * K + k]) * b[k * N + j];
      maxErr = std::max(maxErr, std::abs(acc - t[2][i * N + j]));
    }
  EXPECT_LT(maxErr, 0.05 * std::sqrt(double(K))) << tag;
}

TEST(TTSim, GemmSingleCoreDstResident) {
  if (simCli().empty())
    GTEST_SKIP() << "tilec-sim not built";
  TTOptions opts;
  opts.gridX = 1, opts.gridY = 1;
  checkGemm(64, 64, 96, 64, 64, 32, opts, "gemm1");
}

TEST(TTSim, GemmFullGridMulticastL1Accumulation) {
  if (simCli().empty())
    GTEST_SKIP() << "tilec-sim not built";
  for (ApiLevel level : {ApiLevel::V2025, ApiLevel::V2026}) {
    TTOptions opts;
    opts.apiLevel = level;
    checkGemm(256, 256, 128, 128, 128, 64, opts, "gemmgrid");
  }
  TTOptions contiguous; // the same kernel without multicast
  contiguous.policy = "contiguous";
  checkGemm(256, 256, 128, 128, 128, 64, contiguous, "gemmcontig");
}

} // namespace
} // namespace tilec::tt
