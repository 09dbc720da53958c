// Host program for the reuse-multicast matmul (see mcast_matmul.hpp). Args: M K N grid_x grid_y
// [fidelity: lofi|hifi2|hifi4] [in0_block_w, default 2] [partials: reload|l1acc, default reload]
// [idle: also place an empty compute kernel on column x = grid_x]. Checks PCC against a CPU matmul
// (skipped above 1024^3 to keep calibration runs fast); with idle, also checks that the reported
// matmul utilisation counts only the grid_x x grid_y cores that did matmul work.
#include <tilec_sim/host/stats.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "mcast_matmul.hpp"

int main(int argc, char** argv) {
  McastMatmulParams p;
  auto arg = [&](int i, uint32_t fallback) { return argc > i ? uint32_t(std::atoi(argv[i])) : fallback; };
  p.M = arg(1, 512), p.K = arg(2, 512), p.N = arg(3, 512), p.grid_x = arg(4, 4), p.grid_y = arg(5, 4);
  std::string fid = argc > 6 ? argv[6] : "hifi4";
  p.fidelity = fid == "lofi" ? MathFidelity::LoFi : fid == "hifi2" ? MathFidelity::HiFi2 : MathFidelity::HiFi4;
  p.in0_block_w = arg(7, 2);
  std::string mode = argc > 8 ? argv[8] : "reload";
  if (mode != "reload" && mode != "l1acc") {
    std::fprintf(stderr, "partials mode must be reload or l1acc, not %s\n", mode.c_str());
    return 2;
  }
  p.packer_l1_acc = mode == "l1acc";
  p.idle_column = argc > 9 && std::strcmp(argv[9], "idle") == 0;
  McastMatmulResult r = runMcastMatmul(p);
  if (!r.ok) return 2;
  const uint32_t M = p.M, K = p.K, N = p.N;
  if (p.idle_column) {
    tilec::sim::RunStats s = tilec::sim::runStats();
    int passes = p.fidelity == MathFidelity::LoFi ? 1 : p.fidelity == MathFidelity::HiFi2 ? 2 : 4;
    double tiles = double(M / 32) * (K / 32) * (N / 32);
    double expected = tiles * 16.0 * passes / (p.grid_x * p.grid_y) / double(s.lastProgramCycles);
    std::printf("matmul utilisation %.4f, expected %.4f over the %u matmul cores (not the %u compute cores)\n",
                s.lastMatmulUtilization, expected, p.grid_x * p.grid_y, (p.grid_x + 1) * p.grid_y);
    if (std::abs(s.lastMatmulUtilization - expected) > 1e-9 * expected) return 1;
  }
  if (size_t(M) * K * N > size_t(1) << 30) {
    std::printf("matmul_mcast %ux%ux%u on %ux%u: numerics not checked at this size\n", M, K, N, p.grid_x, p.grid_y);
    return 0;
  }
  std::vector<float> golden(size_t(M) * N);
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t k = 0; k < K; ++k) {
      float av = float(r.a[size_t(i) * K + k]);
      for (uint32_t j = 0; j < N; ++j) golden[size_t(i) * N + j] += av * float(r.b[size_t(k) * N + j]);
    }
  float pcc = check_bfloat16_vector_pcc(golden, r.c);
  std::printf("matmul_mcast %ux%ux%u on %ux%u cores (%s): PCC %.5f\n", M, K, N, p.grid_x, p.grid_y, mode.c_str(), pcc);
  return pcc >= 0.999f ? 0 : 1;
}
