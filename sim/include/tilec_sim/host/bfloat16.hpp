// bfloat16 as TT-Metalium's host library has it: 16-bit storage, conversion from any arithmetic type
// rounds to nearest-even (2025+ behaviour), plus the packing/PCC helpers the examples use.
#pragma once
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <type_traits>
#include <utility>
#include <vector>

class bfloat16 {
 public:
  constexpr bfloat16() = default;
  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  bfloat16(T value) : bits_(round(static_cast<float>(value))) {}
  static bfloat16 from_bits(uint16_t bits) {
    bfloat16 b;
    b.bits_ = bits;
    return b;
  }
  static bfloat16 truncate(float value) { return from_bits(uint16_t(std::bit_cast<uint32_t>(value) >> 16)); }
  float to_float() const { return std::bit_cast<float>(uint32_t(bits_) << 16); }
  uint16_t to_uint16() const { return bits_; }
  uint16_t to_packed() const { return bits_; }
  operator float() const { return to_float(); }
  bool operator==(const bfloat16& o) const { return bits_ == o.bits_; }

 private:
  static uint16_t round(float f) {
    uint32_t u = std::bit_cast<uint32_t>(f);
    if (std::isnan(f)) return uint16_t((u >> 16) | 0x40);
    u += 0x7FFFu + ((u >> 16) & 1u);  // round to nearest, ties to even
    return uint16_t(u >> 16);
  }
  uint16_t bits_ = 0;
};

inline uint32_t pack_two_bfloat16_into_uint32(std::pair<bfloat16, bfloat16> two) {
  return uint32_t(two.first.to_uint16()) | (uint32_t(two.second.to_uint16()) << 16);
}
inline std::pair<bfloat16, bfloat16> unpack_two_bfloat16_from_uint32(uint32_t v) {
  return {bfloat16::from_bits(uint16_t(v & 0xFFFF)), bfloat16::from_bits(uint16_t(v >> 16))};
}
inline std::vector<uint32_t> pack_bfloat16_vec_into_uint32_vec(const std::vector<bfloat16>& v) {
  std::vector<uint32_t> out(v.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = pack_two_bfloat16_into_uint32({v[2 * i], v[2 * i + 1]});
  return out;
}
inline std::vector<bfloat16> unpack_uint32_vec_into_bfloat16_vec(const std::vector<uint32_t>& v) {
  std::vector<bfloat16> out;
  out.reserve(v.size() * 2);
  for (uint32_t w : v) {
    auto [a, b] = unpack_two_bfloat16_from_uint32(w);
    out.push_back(a);
    out.push_back(b);
  }
  return out;
}
inline std::vector<uint32_t> create_random_vector_of_bfloat16(uint32_t num_bytes, float rand_max, int seed,
                                                              float offset = 0.0f) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(0.0f, rand_max);
  std::vector<uint32_t> out(num_bytes / 4);
  for (auto& w : out) {
    float a = dist(gen) + offset, b = dist(gen) + offset;
    w = pack_two_bfloat16_into_uint32({bfloat16(a), bfloat16(b)});
  }
  return out;
}
// num_bytes / 2 values drawn uniformly from [0, rand_max) plus offset, rounded to bfloat16.
inline std::vector<bfloat16> create_random_vector_of_bfloat16_native(std::size_t num_bytes, float rand_max, int seed,
                                                                    float offset = 0.0f) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(0.0f, rand_max);
  std::vector<bfloat16> out(num_bytes / sizeof(bfloat16));
  for (auto& v : out) v = bfloat16(dist(gen) + offset);
  return out;
}
inline std::vector<uint32_t> create_constant_vector_of_bfloat16(uint32_t num_bytes, float value) {
  return std::vector<uint32_t>(num_bytes / 4, pack_two_bfloat16_into_uint32({bfloat16(value), bfloat16(value)}));
}
inline bool is_close(float a, float b, float rtol = 0.01f, float atol = 0.001f) {
  return std::fabs(a - b) <= atol + rtol * std::fabs(b);
}
template <typename A, typename B>
float check_bfloat16_vector_pcc(const std::vector<A>& x, const std::vector<B>& y) {
  double mx = 0, my = 0;
  std::size_t n = x.size() < y.size() ? x.size() : y.size();
  for (std::size_t i = 0; i < n; ++i) mx += float(x[i]), my += float(y[i]);
  mx /= double(n), my /= double(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double dx = float(x[i]) - mx, dy = float(y[i]) - my;
    sxy += dx * dy, sxx += dx * dx, syy += dy * dy;
  }
  if (sxx == 0 || syy == 0) return (sxx == syy) ? 1.0f : 0.0f;
  return float(sxy / std::sqrt(sxx * syy));
}
