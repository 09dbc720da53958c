#include "sgemm_baseline.hpp"

#include <cblas.h>

#include <algorithm>
#include <chrono>

double timeSgemm(const std::vector<float>& a, const std::vector<float>& b, std::vector<float>& c, uint32_t n,
                 int repeats) {
  double best = 1e30;
  for (int rep = 0; rep < repeats; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(n), int(n), int(n), 1.0f, a.data(), int(n), b.data(),
                int(n), 0.0f, c.data(), int(n));
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

int sgemmThreads() { return openblas_get_num_threads(); }
