// What a Program holds before launch: kernels (with per-core runtime args), CB configs, semaphores.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tilec_sim/host/api.hpp"

namespace tilec::sim::rt {

enum class Risc : int { kBrisc = 0, kNcrisc = 1, kCompute = 2 };
const char* riscName(Risc r);

using KernelEntry = void (*)();

struct KernelSpec {
  std::string path;        // as given to CreateKernel
  std::string root;        // the directory `path` was found under ("": the program's cwd, or `path` is absolute)
  std::string source;      // for CreateKernelFromString
  bool fromString = false;
  bool isCompute = false;
  Risc risc = Risc::kBrisc;
  uint8_t noc = 0;
  std::vector<uint32_t> compileArgs;
  std::unordered_map<std::string, uint32_t> namedCompileArgs;
  std::map<std::string, std::string> defines;
  int fidelityPasses = 4;  // LoFi 1, HiFi2 2, HiFi3 3, HiFi4 4
  bool fp32DestAcc = false;
  bool dstFullSync = false;
  bool approx = false;
  std::vector<CoreCoord> cores;
  std::map<CoreCoord, std::vector<uint32_t>> args;
  std::vector<uint32_t> commonArgs;
  KernelEntry entry = nullptr;  // set by the JIT at launch
  std::string displayName() const { return fromString ? std::string("<string kernel>") : path; }
};

struct CircularBufferSpec {
  std::vector<CoreCoord> cores;
  tt::tt_metal::CircularBufferConfig config;
};

struct SemaphoreSpec {
  std::vector<CoreCoord> cores;
  uint32_t id;
  uint32_t initial;
};

struct ProgramState {
  std::vector<KernelSpec> kernels;
  std::vector<CircularBufferSpec> circularBuffers;
  std::vector<SemaphoreSpec> semaphores;
};

std::vector<CoreCoord> expandCores(const tt::tt_metal::CoreSpec& spec);

}  // namespace tilec::sim::rt
