// Host program for the reuse-multicast matmul (see mcast_matmul.hpp). Args: M K N grid_x grid_y
// [fidelity: lofi|hifi2|hifi4] [in0_block_w, default 2]. Checks PCC against a CPU matmul (skipped
// above 1024^3 to keep calibration runs fast).
#include <cstdlib>

#include "mcast_matmul.hpp"

int main(int argc, char** argv) {
  McastMatmulParams p;
  auto arg = [&](int i, uint32_t fallback) { return argc > i ? uint32_t(std::atoi(argv[i])) : fallback; };
  p.M = arg(1, 512), p.K = arg(2, 512), p.N = arg(3, 512), p.grid_x = arg(4, 4), p.grid_y = arg(5, 4);
  std::string fid = argc > 6 ? argv[6] : "hifi4";
  p.fidelity = fid == "lofi" ? MathFidelity::LoFi : fid == "hifi2" ? MathFidelity::HiFi2 : MathFidelity::HiFi4;
  p.in0_block_w = arg(7, 2);
  McastMatmulResult r = runMcastMatmul(p);
  if (!r.ok) return 2;
  const uint32_t M = p.M, K = p.K, N = p.N;
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
  std::printf("matmul_mcast %ux%ux%u on %ux%u cores: PCC %.5f\n", M, K, N, p.grid_x, p.grid_y, pcc);
  return pcc >= 0.999f ? 0 : 1;
}
