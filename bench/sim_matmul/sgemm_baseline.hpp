// OpenBLAS sgemm timing, in its own translation unit: OpenBLAS's headers define a `bfloat16` typedef
// that clashes with TT-Metalium's bfloat16 class.
#pragma once
#include <cstdint>
#include <vector>

// c = a x b (n x n, row-major); returns the best wall seconds of `repeats` runs.
double timeSgemm(const std::vector<float>& a, const std::vector<float>& b, std::vector<float>& c, uint32_t n,
                 int repeats);
int sgemmThreads();
