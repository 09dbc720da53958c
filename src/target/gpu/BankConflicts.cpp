#include "target/gpu/BankConflicts.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tilec::gpu {

namespace {

constexpr int kBanks = 32, kBankBytes = 4, kPhaseBytes = kBanks * kBankBytes;

// Wavefronts of one phase: the most distinct 4-byte words any bank has to deliver.
int64_t phaseWavefronts(const std::vector<int64_t> &addrs, int bytesPerLane) {
  std::vector<std::set<int64_t>> words(kBanks);
  int wordsPerLane = std::max(1, bytesPerLane / kBankBytes);
  for (int64_t a : addrs)
    for (int w = 0; w < wordsPerLane; ++w) {
      int64_t word = a / kBankBytes + w;
      words[word % kBanks].insert(word);
    }
  size_t most = 0;
  for (const auto &s : words)
    most = std::max(most, s.size());
  return static_cast<int64_t>(most);
}

} // namespace

Wavefronts countWavefronts(const std::vector<int64_t> &laneAddr, int bytesPerLane) {
  int lanesPerPhase = kPhaseBytes / std::max(kBankBytes, bytesPerLane);
  Wavefronts w;
  for (size_t first = 0; first < laneAddr.size(); first += lanesPerPhase) {
    std::vector<int64_t> addrs;
    for (size_t l = first; l < std::min(laneAddr.size(), first + lanesPerPhase); ++l)
      if (laneAddr[l] >= 0)
        addrs.push_back(laneAddr[l]);
    if (addrs.empty())
      continue;
    w.actual += phaseWavefronts(addrs, bytesPerLane);
    w.ideal += 1;
  }
  return w;
}

void BankReport::add(const void *node, const void *op, const std::string &opName, const std::string &access,
                     const Wavefronts &w) {
  auto [it, fresh] = index_.try_emplace({node, op}, sites_.size());
  if (fresh)
    sites_.push_back(BankSite{opName, access});
  BankSite &s = sites_[it->second];
  s.instructions += 1;
  s.wavefronts += w.actual;
  s.ideal += w.ideal;
}

std::string BankReport::format(const std::string &kernel) const {
  std::string out = fmt::format("shared-memory bank conflicts of kernel {} (extra wavefronts beyond the ideal, "
                                "summed over all blocks):\n",
                                kernel);
  int64_t total = 0;
  for (const BankSite &s : sites_) {
    double ways = s.ideal ? double(s.wavefronts) / double(s.ideal) : 1.0;
    out += fmt::format("  {}: {} extra ({} wavefronts, ideal {}, {:.2g}-way; {} warp instructions) in [{}]\n", s.access,
                       s.extra(), s.wavefronts, s.ideal, ways, s.instructions, s.op);
    total += s.extra();
  }
  out += fmt::format("  total: {} extra wavefronts\n", total);
  return out;
}

} // namespace tilec::gpu
