// main.cpp as the TT backend emits it: inputs and outputs are .npy files in the working directory
// (the simulator runs the program with cwd = DIR). This test writes its own inputs to a temporary
// directory given as argv[1] so that the source tree stays clean.
#include <tt-metalium/bfloat16.hpp>
#include <tilec_sim/host/npy.hpp>

#include <cstdio>
#include <filesystem>

#include "host.hpp"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "tilec_sim_npy_test";
  fs::create_directories(dir);
  const uint32_t n_tiles = 4;
  std::vector<float> a(n_tiles * 1024), b(n_tiles * 1024);
  for (size_t i = 0; i < a.size(); ++i) a[i] = float(i % 97) * 0.25f, b[i] = 1.5f - float(i % 13);
  tilec::sim::npy::save((dir / "a.npy").string(), a, {n_tiles * 32, 32});
  tilec::sim::npy::save((dir / "b.npy").string(), b, {n_tiles * 32, 32});

  std::vector<size_t> shape;
  auto la = tilec::sim::npy::load<float>((dir / "a.npy").string(), &shape);
  auto lb = tilec::sim::npy::load<float>((dir / "b.npy").string());
  std::vector<uint16_t> ba(la.size()), bb(lb.size());
  for (size_t i = 0; i < la.size(); ++i) ba[i] = bfloat16(la[i]).to_uint16(), bb[i] = bfloat16(lb[i]).to_uint16();
  auto c = add_host(ba, bb, n_tiles);  // elementwise: layout does not matter
  std::vector<float> out(c.size());
  for (size_t i = 0; i < c.size(); ++i) out[i] = float(bfloat16::from_bits(c[i]));
  tilec::sim::npy::save((dir / "c.npy").string(), out, shape);
  auto check = tilec::sim::npy::load<float>((dir / "c.npy").string());
  for (size_t i = 0; i < check.size(); ++i)
    if (check[i] != float(bfloat16(a[i] + b[i]))) {
      std::fprintf(stderr, "mismatch at %zu: %f vs %f\n", i, check[i], a[i] + b[i]);
      return 1;
    }
  std::printf("npy round trip through the simulated program: ok (%zu values)\n", check.size());
  return 0;
}
