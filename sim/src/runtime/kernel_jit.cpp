#include "kernel_jit.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "content_hash.hpp"
#include "dep_list.hpp"
#include "diagnostics.hpp"
#include "subprocess.hpp"

#ifndef TILEC_SIM_DEVICE_INCLUDE_DIR
#error "TILEC_SIM_DEVICE_INCLUDE_DIR must be defined by the build"
#endif

namespace tilec::sim::rt {

namespace fs = std::filesystem;

static fs::path deviceIncludeDir() {
  if (const char* e = std::getenv("TILEC_SIM_DEVICE_INCLUDE_DIR"); e && *e) return e;
  return TILEC_SIM_DEVICE_INCLUDE_DIR;
}

static const std::string& deviceHeadersHash() {
  static const std::string hash = [] {
    ContentHash h;
    h.addTree(deviceIncludeDir());
    return h.hex();
  }();
  return hash;
}

KernelLocation resolveKernelPath(const std::string& path) {
  KernelLocation where;
  std::error_code ec;
  auto tryAt = [&](const std::string& root) {
    fs::path candidate = root.empty() ? fs::path(path) : fs::path(root) / path;
    where.searched.push_back(candidate.string());
    if (!fs::is_regular_file(candidate, ec)) return false;
    where.found = true;
    where.root = root;
    return true;
  };
  if (tryAt("")) return where;
  if (fs::path(path).is_absolute()) return where;  // an absolute path is taken as it is
  for (const char* var : {"TT_METAL_HOME", "TT_METAL_KERNEL_PATH"}) {
    const char* root = std::getenv(var);
    if (root && *root && tryAt(root)) return where;
  }
  tryAt("/usr/share/tenstorrent/kernels/");
  return where;
}

// Named compile-time args as the SDK's JIT passes them: KERNEL_COMPILE_TIME_ARG_MAP={"name",value},...
// (sorted by name, so the flag, and with it the cache key, does not depend on hash-map order).
static std::string namedArgsDefine(const KernelSpec& k) {
  std::map<std::string, uint32_t> sorted(k.namedCompileArgs.begin(), k.namedCompileArgs.end());
  std::string entries;
  for (auto& [name, value] : sorted) entries += fmt::format("{}{{\"{}\",{}}}", entries.empty() ? "" : ",", name, value);
  return entries.empty() ? std::string() : "-DKERNEL_COMPILE_TIME_ARG_MAP=" + entries;
}

// The data format of every CB index that is configured alike on all of the kernel's cores (the last
// CreateCircularBuffer covering a core wins, as at placement), compiled into the kernel so that
// get_tile_size/get_dataformat are constant expressions (tilec_sim/kernel/dataflow.h).
static std::string cbDescriptorsDefine(const KernelSpec& k, const std::vector<CircularBufferSpec>& cbs) {
  std::map<CoreCoord, std::map<uint8_t, tt::DataFormat>> perCore;
  for (auto& c : k.cores) perCore[c];
  for (auto& spec : cbs)
    for (auto& c : spec.cores)
      if (auto it = perCore.find(c); it != perCore.end())
        for (auto& [index, format] : spec.config.data_formats()) it->second[index] = format;
  if (perCore.empty()) return {};
  std::string entries;
  for (auto& [index, format] : perCore.begin()->second) {
    bool alike = true;
    for (auto& [core, formats] : perCore) {
      auto f = formats.find(index);
      alike &= f != formats.end() && f->second == format;
    }
    if (alike) entries += fmt::format("{}{{{},{}}}", entries.empty() ? "" : ",", index, int(format));
  }
  return entries.empty() ? std::string() : "-DTILEC_SIM_CB_DESCRIPTORS=" + entries;
}

static std::vector<std::string> compileFlags(const KernelSpec& k, const std::vector<CircularBufferSpec>& cbs) {
  // -g1: line tables only, so a kernel's fault is reported at its source line (fault_handler.cpp).
  std::vector<std::string> f = {"-std=c++20", "-O2", "-g1", "-fPIC", "-shared", "-fno-exceptions", "-fno-rtti",
                                "-I" + deviceIncludeDir().string()};
  // The SDK's kernel build force-includes the API: kernels may include nothing but <cstdint>.
  f.push_back("-include");
  f.push_back(k.isCompute ? "tilec_sim/kernel/compute.h" : "tilec_sim/kernel/dataflow.h");
  std::string cta;
  for (size_t i = 0; i < k.compileArgs.size(); ++i) {
    cta += (i ? "," : "") + std::to_string(k.compileArgs[i]);
    f.push_back(fmt::format("-DKERNEL_COMPILE_TIME_ARG_{}={}", i, k.compileArgs[i]));
  }
  if (!cta.empty()) f.push_back("-DKERNEL_COMPILE_TIME_ARGS=" + cta);
  f.push_back(fmt::format("-DNOC_INDEX={}", k.noc));
  // The API level the host program was pinned to (tilec_sim/kernel/level.h): that release's names only.
  if (const char* level = std::getenv("TILEC_SIM_API"); level && *level) f.push_back(std::string("-DTILEC_SIM_API=") + level);
  if (k.isCompute) {
    f.push_back(fmt::format("-DMATH_FIDELITY={}", k.fidelityPasses));
    f.push_back(fmt::format("-DDST_ACCUM_MODE={}", k.fp32DestAcc ? 1 : 0));
    f.push_back(fmt::format("-DAPPROX={}", k.approx ? "true" : "false"));
  } else {
    f.push_back(k.risc == Risc::kBrisc ? "-DCOMPILE_FOR_BRISC" : "-DCOMPILE_FOR_NCRISC");
  }
  if (auto named = namedArgsDefine(k); !named.empty()) f.push_back(named);
  if (!k.isCompute)
    if (auto descriptors = cbDescriptorsDefine(k, cbs); !descriptors.empty()) f.push_back(descriptors);
  for (auto& [name, value] : k.defines) f.push_back("-D" + name + "=" + value);
  return f;
}

namespace {
struct Job {
  KernelSpec* spec;
  fs::path so;
  fs::path depList;    // the files this kernel's compile read (dep_list.hpp), beside the cache entries
  std::string source;  // path handed to the compiler (relative to `cwd` when that is set)
  std::string cwd;     // where the compiler runs: the kernel's search root, so __FILE__ is the path as given
};
}  // namespace

static bool verbose() {
  const char* v = std::getenv("TILEC_SIM_VERBOSE");
  return v && *v && std::string(v) != "0";
}

// Dependencies worth listing: not the simulator's headers (keyed by deviceHeadersHash) nor system headers.
static std::vector<std::string> kernelDeps(const fs::path& depfile, const std::string& source) {
  std::vector<std::string> deps = filterDeps(parseDepfile(depfile), {deviceIncludeDir().string(), "/usr/"});
  std::erase(deps, source);  // the source itself is in the first key
  return deps;
}

static KernelEntry loadEntry(const KernelSpec& k, const fs::path& so) {
  void* handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) failHost(fmt::format("cannot load kernel {}: {}", k.displayName(), dlerror()));
  void* entry = k.isCompute ? dlsym(handle, "_ZN9chlkc_sim12compute_mainEv") : nullptr;
  if (!entry) entry = dlsym(handle, "_Z11kernel_mainv");
  if (!entry)
    failHost(fmt::format("kernel {} defines neither `void kernel_main()` nor `namespace NAMESPACE {{ void MAIN }}`",
                         k.displayName()));
  return reinterpret_cast<KernelEntry>(entry);
}

// The cache entry of one kernel: the first key covers the source (its content and its path as the
// compiler sees it: __builtin_FILE names it), the flags and the simulator's headers; the headers the
// kernel included are listed under that key and their contents pick the binary. Nothing depends on
// where the program's directory is, so an unchanged kernel in a fresh directory is a cache hit.
static Job planJob(KernelSpec& k, const fs::path& cache, const std::vector<CircularBufferSpec>& cbs) {
  ContentHash h;
  h.add(deviceHeadersHash());
  h.add(k.isCompute ? "compute" : "dataflow");
  Job job{&k, {}, {}, k.path, k.root};
  if (k.fromString) {
    h.add(k.source);
  } else {
    h.add(k.path);
    h.add(readFile(k.root.empty() ? fs::path(k.path) : fs::path(k.root) / k.path));
  }
  for (auto& flag : compileFlags(k, cbs)) h.add(flag);
  std::string key = h.hex();
  if (k.fromString) {
    fs::path src = cache / (key + ".cpp");
    if (!fs::exists(src)) std::ofstream(src) << k.source;
    job.source = src.string();
    job.cwd.clear();
  }
  job.depList = cache / (key + ".deps");
  std::string binaryKey = key + "-nodeps";  // no list yet: a name no compiled binary has
  if (auto deps = readDepList(job.depList))
    if (auto depsHash = hashDeps(*deps, job.cwd)) binaryKey = key + "-" + *depsHash;
  job.so = cache / (binaryKey + ".so");
  return job;
}

void compileAndLoadKernels(std::vector<KernelSpec*>& kernels, const std::vector<CircularBufferSpec>& cbs) {
  fs::path cache = cacheDir() / "kernels";
  fs::create_directories(cache);
  std::map<std::string, KernelEntry> loaded;  // one dlopen per distinct binary
  std::vector<Job> jobs;
  std::vector<Command> commands;
  std::vector<Job> ready;
  for (KernelSpec* k : kernels) {
    if (k->entry) continue;
    Job job = planJob(*k, cache, cbs);
    ready.push_back(job);
    if (fs::exists(job.so)) {
      if (verbose()) std::fprintf(stderr, "tilec-sim: kernel %s: cache hit\n", k->displayName().c_str());
      continue;
    }
    bool queued = false;
    for (auto& j : jobs) queued |= j.so == job.so;
    if (queued) continue;
    if (verbose()) std::fprintf(stderr, "tilec-sim: kernel %s: compiling\n", k->displayName().c_str());
    jobs.push_back(job);
    Command c;
    c.argv = {"g++"};
    for (auto& flag : compileFlags(*k, cbs)) c.argv.push_back(flag);
    std::string tmp = fmt::format("{}.{}.tmp", job.so.string(), getpid());
    c.argv.insert(c.argv.end(), {"-MD", "-MF", tmp + ".d", job.source, "-o", tmp});
    c.cwd = job.cwd;
    c.logFile = tmp + ".log";
    commands.push_back(c);
  }
  int parallel = int(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<int> status = runAll(commands, parallel);
  for (size_t i = 0; i < jobs.size(); ++i) {
    fs::path tmp = commands[i].argv.back();
    std::error_code ec;
    if (status[i] != 0) {
      std::string log = readFile(commands[i].logFile);
      std::fprintf(stderr, "%s", log.c_str());
      failHost(fmt::format("kernel {} failed to compile (g++ exit {})", jobs[i].spec->displayName(), status[i]));
    }
    // The binary is filed under the contents of the headers it really included.
    fs::path depfile = tmp.string() + ".d";
    std::vector<std::string> deps = kernelDeps(depfile, jobs[i].source);
    fs::remove(depfile, ec);
    fs::remove(commands[i].logFile, ec);
    std::string key = jobs[i].depList.stem().string();
    auto depsHash = hashDeps(deps, jobs[i].cwd);
    fs::path so = depsHash ? cache / (key + "-" + *depsHash + ".so") : jobs[i].so;
    fs::rename(tmp, so);  // atomic: concurrent runs never see half-written files
    if (depsHash) writeDepList(jobs[i].depList, deps);
    for (auto& job : ready)
      if (job.so == jobs[i].so) job.so = so;
  }
  for (auto& job : ready) {
    auto it = loaded.find(job.so.string());
    if (it == loaded.end()) it = loaded.emplace(job.so.string(), loadEntry(*job.spec, job.so)).first;
    job.spec->entry = it->second;
  }
}

}  // namespace tilec::sim::rt
