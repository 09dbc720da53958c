// The DPRINT server: one line buffer and one set of stream flags per core and hardware thread (BR,
// NC, TR0, TR1, TR2), lines written whole with the "<device>:(x=X,y=Y):<RISC>: " prefix the SDK's
// server prepends, filtered by TT_METAL_DPRINT_CORES / TT_METAL_DPRINT_RISCVS. Kernel side:
// tilec_sim/kernel/dprint.h.
#include "dprint.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "cb_access.hpp"
#include "diagnostics.hpp"
#include "simulator.hpp"
#include "tile_format.hpp"

namespace tilec::sim::rt {

namespace {

enum Thread : int { kBR = 0, kNC = 1, kTR0 = 2, kTR1 = 3, kTR2 = 4, kNumThreads = 5 };
const char* const kThreadNames[kNumThreads] = {"BR", "NC", "TR0", "TR1", "TR2"};

// What the environment asks for, read once per process (as the SDK reads it once per run).
struct Settings {
  bool allCores = true;
  std::set<std::pair<int, int>> cores;  // logical (x, y)
  uint32_t threads = (1u << kNumThreads) - 1;
  bool prefix = true;
  FILE* out = stdout;
};

[[noreturn]] void badSetting(const char* var, const std::string& value, const char* expected) {
  failHost(fmt::format("{}='{}' cannot be read (expected {})", var, value, expected));
}

// "x,y", "(x1,y1),(x2,y2)", "(x1,y1)-(x2,y2)", "all", "worker", "dispatch".
void parseCores(const std::string& v, Settings& s) {
  const char* expected = "x,y or (x1,y1),(x2,y2),... or (x1,y1)-(x2,y2) or all, worker, dispatch";
  if (v == "all" || v == "worker") return;
  s.allCores = false;
  if (v == "dispatch") return;  // the simulator has no dispatch cores: nothing prints
  std::vector<std::pair<int, int>> points;
  bool range = false;
  std::string rest = v;
  while (!rest.empty()) {
    int x, y, used = 0;
    if (std::sscanf(rest.c_str(), " (%d , %d )%n", &x, &y, &used) != 2 &&
        std::sscanf(rest.c_str(), " %d , %d%n", &x, &y, &used) != 2)
      badSetting("TT_METAL_DPRINT_CORES", v, expected);
    points.push_back({x, y});
    rest = rest.substr(size_t(used));
    while (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
    if (rest.empty()) break;
    if (rest[0] == '-') range = true;
    else if (rest[0] != ',') badSetting("TT_METAL_DPRINT_CORES", v, expected);
    rest.erase(0, 1);
  }
  if (range) {
    if (points.size() != 2) badSetting("TT_METAL_DPRINT_CORES", v, expected);
    for (int x = points[0].first; x <= points[1].first; ++x)
      for (int y = points[0].second; y <= points[1].second; ++y) s.cores.insert({x, y});
  } else {
    s.cores.insert(points.begin(), points.end());
  }
}

// A subset of BR,NC,TR0,TR1,TR2.
void parseThreads(const std::string& v, Settings& s) {
  s.threads = 0;
  std::stringstream in(v);
  std::string name;
  while (std::getline(in, name, ',')) {
    int found = -1;
    for (int t = 0; t < kNumThreads; ++t)
      if (name == kThreadNames[t]) found = t;
    if (found < 0) badSetting("TT_METAL_DPRINT_RISCVS", v, "a comma-separated subset of BR,NC,TR0,TR1,TR2");
    s.threads |= 1u << found;
  }
}

const Settings& settings() {
  static const Settings s = [] {
    Settings r;
    if (const char* v = std::getenv("TT_METAL_DPRINT_CORES"); v && *v) parseCores(v, r);
    if (const char* v = std::getenv("TT_METAL_DPRINT_RISCVS"); v && *v) parseThreads(v, r);
    if (const char* v = std::getenv("TT_METAL_DPRINT_PREPEND_DEVICE_CORE_RISC"); v && std::strcmp(v, "0") == 0)
      r.prefix = false;
    if (const char* v = std::getenv("TT_METAL_DPRINT_FILE"); v && *v) {
      r.out = std::fopen(v, "w");
      if (!r.out) failHost(fmt::format("TT_METAL_DPRINT_FILE: cannot write {}", v));
    }
    return r;
  }();
  return s;
}

// Stream state of one thread, as the SDK's server keeps it between prints.
struct ThreadStream {
  std::string line;
  int width = 0;
  bool widthSticky = true;
  int precision = 6;
  bool fixed = false;
  int base = 10;
};
std::map<std::pair<int, int>, ThreadStream> g_streams;  // by (core, thread)

uint32_t defaultThreads(const KernelInstance& k) {
  switch (k.risc) {
    case Risc::kBrisc: return 1u << kBR;
    case Risc::kNcrisc: return 1u << kNC;
    default: return abi::kDpAllTrisc;
  }
}
uint32_t threadsOf(const KernelInstance& k) { return k.dprintThreads ? k.dprintThreads : defaultThreads(k); }

bool enabled(int core, int thread) {
  const Settings& s = settings();
  if (!(s.threads & (1u << thread))) return false;
  if (s.allCores) return true;
  Machine& m = Simulator::get().machine();
  return s.cores.count({m.logicalX(core), m.logicalY(core)}) > 0;
}

void emitLine(int core, int thread, const std::string& text) {
  const Settings& s = settings();
  std::string out;
  if (s.prefix) {
    Machine& m = Simulator::get().machine();
    out = fmt::format("0:(x={},y={}):{}: ", m.logicalX(core), m.logicalY(core), kThreadNames[thread]);
  }
  out += text;
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), s.out);
  std::fflush(s.out);
}

// Appends text; every "\n" in it ends a line.
void append(int core, int thread, ThreadStream& st, const std::string& text) {
  for (char c : text) {
    if (c == '\n') {
      emitLine(core, thread, st.line);
      st.line.clear();
    } else {
      st.line += c;
    }
  }
}

std::string formatNumber(ThreadStream& st, int kind, uint64_t bits) {
  std::ostringstream os;
  if (st.width) os << std::setw(st.width);
  if (!st.widthSticky) st.width = 0;
  os << std::setprecision(st.precision);
  if (st.fixed) os << std::fixed;
  if (kind != abi::kDpF32 && kind != abi::kDpBF16)
    os << (st.base == 16 ? std::hex : st.base == 8 ? std::oct : std::dec);
  switch (kind) {
    case abi::kDpF32: os << __builtin_bit_cast(float, uint32_t(bits)); break;
    case abi::kDpBF16: os << bf16ToFloat(uint16_t(bits)); break;
    case abi::kDpU8: os << unsigned(uint8_t(bits)); break;
    case abi::kDpU16: os << uint16_t(bits); break;
    case abi::kDpU32: os << uint32_t(bits); break;
    case abi::kDpU64: os << bits; break;
    // Signed values in hex/oct print their two's complement at their own width, as iostreams do.
    case abi::kDpI8: st.base == 10 ? os << int(int8_t(bits)) : os << unsigned(uint8_t(bits)); break;
    case abi::kDpI16: st.base == 10 ? os << int16_t(bits) : os << uint16_t(bits); break;
    case abi::kDpI32: st.base == 10 ? os << int32_t(bits) : os << uint32_t(bits); break;
    case abi::kDpI64: st.base == 10 ? os << int64_t(bits) : os << bits; break;
    case abi::kDpBool: os << (bits ? 1 : 0); break;
    default: break;
  }
  return os.str();
}

std::string padded(ThreadStream& st, const std::string& s) {
  int w = st.width;
  if (!st.widthSticky) st.width = 0;
  return int(s.size()) < w ? std::string(size_t(w) - s.size(), ' ') + s : s;
}

uint32_t datumBytes(tt::DataFormat f) {
  switch (f) {
    case tt::DataFormat::Float32: case tt::DataFormat::Int32: case tt::DataFormat::UInt32: return 4;
    case tt::DataFormat::Float16: case tt::DataFormat::Float16_b: case tt::DataFormat::UInt16: return 2;
    case tt::DataFormat::UInt8: case tt::DataFormat::Int8: return 1;
    default: return 0;
  }
}

// One thread's rendering of a TSLICE: which CB pointer it samples depends on the thread.
std::string renderSlice(KernelInstance& k, int thread, ThreadStream& st, const abi::DprintSlice& s, abi::Loc loc) {
  if (thread == kTR1) return "<TSLICE: the math thread (TRISC1) has no access to CBs>";
  CircularBuffer& cb = circularBuffer(k, s.cb, loc, "TSLICE");
  bool read = s.ptrGiven ? s.readPtr : thread != kTR2;
  uint32_t bytes = datumBytes(cb.format);
  if (!bytes || (!formatSupported(cb.format) && cb.format != tt::DataFormat::UInt16))
    return fmt::format("<TSLICE: CB {} has data format {} which cannot be printed>", s.cb, int(cb.format));
  if (s.tile < 0 || uint32_t(s.tile) >= cb.numPages)
    return fmt::format("<TSLICE: tile {} is outside CB {} ({} pages)>", s.tile, s.cb, cb.numPages);
  const uint8_t* tile = Simulator::get().machine().l1(k.core) + cb.pageAddr(read ? cb.rdPtr : cb.wrPtr, uint32_t(s.tile));
  uint32_t maxCount = uint32_t(s.maxBytes) / bytes, count = 0;
  std::string out;
  bool full = false;
  for (uint32_t h = s.h0; h < s.h1 && !full; h += s.hs ? s.hs : 1) {
    if (!out.empty() && s.endlRows) out += '\n';
    for (uint32_t w = s.w0; w < s.w1; w += s.ws ? s.ws : 1) {
      if (count == maxCount) {
        full = true;
        break;
      }
      uint32_t index = s.untilized ? faceOffset(h, w) : h * 32 + w;
      std::string value;
      switch (cb.format) {
        case tt::DataFormat::Int32: { int32_t v; std::memcpy(&v, tile + index * 4, 4); value = formatNumber(st, abi::kDpI32, uint64_t(int64_t(v))); break; }
        case tt::DataFormat::UInt32: { uint32_t v; std::memcpy(&v, tile + index * 4, 4); value = formatNumber(st, abi::kDpU32, v); break; }
        case tt::DataFormat::UInt16: { uint16_t v; std::memcpy(&v, tile + index * 2, 2); value = formatNumber(st, abi::kDpU16, v); break; }
        default:
          value = formatNumber(st, abi::kDpF32, __builtin_bit_cast(uint32_t, loadElement(tile, cb.format, index)));
      }
      if (!out.empty() && out.back() != '\n') out += ' ';
      out += value;
      ++count;
    }
  }
  return out;
}

// Renders one stream piece for one thread (manipulators change the thread's state and render nothing).
std::string renderPiece(KernelInstance& k, int thread, ThreadStream& st, int kind, uint64_t bits, const void* ptr,
                        abi::Loc loc) {
  switch (kind) {
    case abi::kDpStr: return padded(st, ptr ? static_cast<const char*>(ptr) : "(null)");
    case abi::kDpChar: return padded(st, std::string(1, char(bits)));
    case abi::kDpEndl: return "\n";
    case abi::kDpSetw: st.width = int(bits); st.widthSticky = true; return {};
    case abi::kDpSetwOnce: st.width = int(bits); st.widthSticky = false; return {};
    case abi::kDpSetPrecision: st.precision = int(bits); return {};
    case abi::kDpFixed: st.fixed = true; return {};
    case abi::kDpDefaultFloat: st.fixed = false; return {};
    case abi::kDpHex: st.base = 16; return {};
    case abi::kDpOct: st.base = 8; return {};
    case abi::kDpDec: st.base = 10; return {};
    case abi::kDpSlice: return renderSlice(k, thread, st, *static_cast<const abi::DprintSlice*>(ptr), loc);
    default: return formatNumber(st, kind, bits);
  }
}

template <typename Render>
void forEachThread(KernelInstance& k, Render render) {
  uint32_t threads = threadsOf(k);
  for (int t = 0; t < kNumThreads; ++t) {
    if (!(threads & (1u << t)) || !enabled(k.core, t)) continue;
    ThreadStream& st = g_streams[{k.core, t}];
    append(k.core, t, st, render(t, st));
  }
}

// The format form: fmt's own formatting of "{}" / "{:.3f}" / "{:#x}" placeholders.
std::string renderFormatted(KernelInstance& k, int thread, ThreadStream& st, const char* format,
                            const abi::DprintArg* args, uint32_t count, abi::Loc loc) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (uint32_t i = 0; i < count; ++i) {
    const abi::DprintArg& a = args[i];
    switch (a.kind) {
      case abi::kDpStr: store.push_back(std::string(a.ptr ? static_cast<const char*>(a.ptr) : "(null)")); break;
      case abi::kDpChar: store.push_back(char(a.bits)); break;
      case abi::kDpBool: store.push_back(a.bits != 0); break;
      case abi::kDpF32: store.push_back(__builtin_bit_cast(float, uint32_t(a.bits))); break;
      case abi::kDpBF16: store.push_back(bf16ToFloat(uint16_t(a.bits))); break;
      case abi::kDpI8: case abi::kDpI16: case abi::kDpI32: store.push_back(int32_t(a.bits)); break;
      case abi::kDpI64: store.push_back(int64_t(a.bits)); break;
      case abi::kDpU64: store.push_back(a.bits); break;
      case abi::kDpSlice:
        store.push_back(renderSlice(k, thread, st, *static_cast<const abi::DprintSlice*>(a.ptr), loc));
        break;
      default: store.push_back(uint32_t(a.bits)); break;
    }
  }
  try {
    return fmt::vformat(format, store);
  } catch (const fmt::format_error& e) {
    fail(loc, fmt::format("DPRINT: format string \"{}\" does not fit its {} arguments: {}", format, count, e.what()));
  }
}

}  // namespace

void loadDprintSettings() { settings(); }

void flushKernelDprints(KernelInstance& k) {
  for (int t = 0; t < kNumThreads; ++t) {
    auto it = g_streams.find({k.core, t});
    if (it == g_streams.end() || it->second.line.empty()) continue;
    if (!(defaultThreads(k) & (1u << t))) continue;
    emitLine(k.core, t, it->second.line);
    it->second.line.clear();
  }
}

void flushAllDprints() {
  for (auto& [key, st] : g_streams) {
    if (st.line.empty()) continue;
    emitLine(key.first, key.second, st.line);
    st.line.clear();
  }
}

}  // namespace tilec::sim::rt

namespace tilec::sim::abi {
using namespace tilec::sim::rt;

void dprintPiece(int kind, uint64_t bits, const void* ptr, Loc loc) {
  KernelInstance& k = currentKernel();
  forEachThread(k, [&](int t, ThreadStream& st) { return renderPiece(k, t, st, kind, bits, ptr, loc); });
}

void dprintFormatted(const char* format, const DprintArg* args, uint32_t count, Loc loc) {
  KernelInstance& k = currentKernel();
  forEachThread(k, [&](int t, ThreadStream& st) { return renderFormatted(k, t, st, format, args, count, loc); });
}

uint32_t dprintAttribute(uint32_t threads) {
  KernelInstance& k = currentKernel();
  uint32_t previous = k.dprintThreads;
  k.dprintThreads = threads;
  return previous;
}

}  // namespace tilec::sim::abi
