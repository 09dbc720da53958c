// The shape tilec's TT backend emits: host.cpp defines the program as a function over host arrays.
#pragma once
#include <cstdint>
#include <vector>

// c = a + b over n_tiles bf16 tiles (values as bf16 bit patterns, tiled layout).
std::vector<uint16_t> add_host(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b, uint32_t n_tiles);
