// A model of how many shared-memory wavefronts one warp instruction needs, so gpu-interp can report
// bank conflicts per access site without a GPU (`tilec run --target gpu-interp --report-banks`).
//
// Shared memory has 32 banks of 4 bytes: byte address a lives in bank (a / 4) % 32. A warp
// instruction is served in phases of at most 128 bytes: 32 lanes for accesses of up to 4 bytes,
// 16 lanes (half warps) for 8-byte accesses, 8 lanes (quarter warps) for 16-byte accesses and for
// ldmatrix (8 row addresses of 16 bytes per 8x8 matrix). Within a phase, lanes that touch the same
// 4-byte word are served together (broadcast); distinct words in the same bank are served one
// after another, each a wavefront of its own. So a phase needs as many wavefronts as the most
// words any one bank must deliver, and the ideal is one wavefront per phase that has an active lane.
// A uniform shift of all addresses by a multiple of 4 bytes does not change the count, so where a
// buffer starts in shared memory does not matter (the model assumes 4-byte aligned buffers).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tilec::gpu {

struct Wavefronts {
  int64_t actual = 0, ideal = 0;
};

// `laneAddr[l]` is the byte address lane l accesses (-1: the lane takes no part); every lane
// accesses `bytesPerLane` bytes (1, 2, 4, 8 or 16) starting there.
Wavefronts countWavefronts(const std::vector<int64_t> &laneAddr, int bytesPerLane);

// One access site: a SIMT statement or expression inside one lowered op.
struct BankSite {
  std::string op;     // the SOp's `what` ("" outside ops)
  std::string access; // "ldmatrix.x4 A_s", "cp.async A_s", "load S", ...
  int64_t instructions = 0, wavefronts = 0, ideal = 0;
  int64_t extra() const { return wavefronts - ideal; }
};

class BankReport {
public:
  // Adds one warp instruction at the site identified by (node, op).
  void add(const void *node, const void *op, const std::string &opName, const std::string &access,
           const Wavefronts &w);
  const std::vector<BankSite> &sites() const { return sites_; }
  // One line per site in first-execution order, then the total.
  std::string format(const std::string &kernel) const;

private:
  std::vector<BankSite> sites_;
  std::map<std::pair<const void *, const void *>, size_t> index_;
};

} // namespace tilec::gpu
