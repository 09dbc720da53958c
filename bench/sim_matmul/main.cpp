// Simulator speed: a 1024^3 bf16 matmul on 64 simulated cores (the reuse-multicast program of
// tests/sim/matmul_mcast, run in this process against libtilec_sim_rt) against an OpenBLAS sgemm of
// the same size in the same process. Prints wall seconds, the ratio, fiber switches per second and
// the modeled cycles/utilisation. Kernel JIT is excluded: a first run fills the kernel cache.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "mcast_matmul.hpp"
#include "sgemm_baseline.hpp"
#include "tilec_sim/host/stats.hpp"

namespace {
double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}
}  // namespace

int main(int argc, char** argv) {
  const uint32_t n = argc > 1 ? uint32_t(std::atoi(argv[1])) : 1024;
  McastMatmulParams p;
  p.M = p.K = p.N = n;
  p.grid_x = p.grid_y = 8;
  p.kernel_dir = SIM_MATMUL_KERNEL_DIR;

  runMcastMatmul(p);  // warm-up: JIT-compiles (or loads) the kernels
  auto before = tilec::sim::runStats();
  auto t0 = std::chrono::steady_clock::now();
  McastMatmulResult r = runMcastMatmul(p);
  double simSeconds = seconds(t0);
  auto after = tilec::sim::runStats();
  if (!r.ok) return 1;

  std::vector<float> a(r.a.begin(), r.a.end()), b(r.b.begin(), r.b.end()), c(size_t(n) * n);
  double blasSeconds = timeSgemm(a, b, c, n, 3);
  float pcc = check_bfloat16_vector_pcc(c, r.c);
  double switches = double(after.fiberSwitches - before.fiberSwitches);
  std::printf("sim_matmul %ux%ux%u bf16 on 64 cores (8x8 Wormhole, HiFi4)\n", n, n, n);
  double programSeconds = after.lastProgramWallSeconds;
  std::printf("  simulated program: %.3f s wall (%.3f s with host-side data generation and tilize)\n", programSeconds,
              simSeconds);
  std::printf("  modeled: %llu cycles, matmul utilisation %.1f%%, PCC vs sgemm %.5f\n",
              static_cast<unsigned long long>(after.lastProgramCycles), 100.0 * after.lastMatmulUtilization, pcc);
  std::printf("  OpenBLAS sgemm: %.4f s wall (best of 3, %d threads)\n", blasSeconds, sgemmThreads());
  std::printf("  ratio simulated program / sgemm: %.1fx\n", programSeconds / blasSeconds);
  std::printf("  fibers switched: %.0f (%.2f M/s)\n", switches, switches / programSeconds / 1e6);
  return pcc >= 0.999f ? 0 : 1;
}
