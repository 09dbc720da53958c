// apply-tt-defaults, the first TT pass (Pipeline.cpp): the schedule and sharding a kernel gets
// when its decorators do not say.
#include "target/tt/Passes.h"

#include "ir/Functor.h"
#include "target/tt/Arch.h"

#include <algorithm>
#include <set>

namespace tilec::tt {

using ir::AnnotationValue;

namespace {

constexpr const char *kSchedule = "annotate_tt_schedule";
constexpr const char *kSharding = "annotate_tt_sharding";

void setDefault(AnnotationValue::Dict &d, const std::string &key, AnnotationValue v) {
  if (!d.count(key))
    d[key] = std::move(v);
}

void checkChoice(const ir::PrimFunc &f, const std::string &key, const std::string &value,
                 const std::set<std::string> &allowed) {
  if (allowed.count(value))
    return;
  std::string list;
  for (const std::string &a : allowed)
    list += (list.empty() ? "" : ", ") + a;
  fail(f.loc, "annotate_tt_schedule: " + key + "='" + value + "' is not one of " + list);
}

// The sharding dict is the decorator's first positional argument: {"A": {"layout": ...}, ...}.
AnnotationValue::Dict &shardingDict(ir::PrimFunc &f) {
  AnnotationValue &v = f.annotations[kSharding]["_0"];
  if (!std::holds_alternative<AnnotationValue::Dict>(v.value))
    v.value = AnnotationValue::Dict{};
  return std::get<AnnotationValue::Dict>(v.value);
}

bool hasGemm(const ir::PrimFunc &f) {
  struct Finder : ir::IRVisitor {
    bool found = false;
    void visitGemm(const ir::Gemm &) override { found = true; }
  } finder;
  finder.visit(f.body);
  return finder.found;
}

int divisorAtMost(int64_t n, int limit) {
  for (int d = limit; d > 1; --d)
    if (n % d == 0)
      return d;
  return 1;
}

// GEMM-like kernels (a T.gemm over a 2-D grid) default to block_linear, which multicasts the A and
// B blocks shared by core rows and columns, when a core grid that divides the block grid keeps at
// least a third of the cores busy; everything else defaults to contiguous.
std::string defaultPolicy(const ir::PrimFunc &f, const TTOptions &opts) {
  if (!hasGemm(f) || f.grid.size() < 2)
    return "contiguous";
  auto gx = ir::asConstInt(f.grid[0]), gy = ir::asConstInt(f.grid[1]);
  if (!gx || !gy)
    return "contiguous";
  const ArchInfo *arch = nullptr;
  try {
    arch = &archInfo(opts.arch);
  } catch (const std::invalid_argument &) {
    return "contiguous";
  }
  int cx = opts.gridX.value_or(arch->gridX), cy = opts.gridY.value_or(arch->gridY);
  int64_t fitted = int64_t(divisorAtMost(*gx, cx)) * divisorAtMost(*gy, cy);
  // A third of the cores with multicast beats all of them starved by DRAM (bench/tt_gemm).
  return fitted * 3 >= std::min<int64_t>(int64_t(cx) * cy, *gx * *gy) ? "block_linear" : "contiguous";
}

} // namespace

std::string scheduleString(const ir::PrimFunc &f, const std::string &key) {
  auto it = f.annotations.find(kSchedule);
  if (it == f.annotations.end() || !it->second.count(key))
    return "";
  const auto &v = it->second.at(key).value;
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : "";
}

std::optional<int64_t> scheduleInt(const ir::PrimFunc &f, const std::string &key) {
  auto it = f.annotations.find(kSchedule);
  if (it == f.annotations.end() || !it->second.count(key))
    return std::nullopt;
  const auto &v = it->second.at(key).value;
  if (std::holds_alternative<int64_t>(v))
    return std::get<int64_t>(v);
  return std::nullopt;
}

std::string shardingOf(const ir::PrimFunc &f, const std::string &param, const std::string &key) {
  auto it = f.annotations.find(kSharding);
  if (it == f.annotations.end() || !it->second.count("_0"))
    return "";
  const auto *all = std::get_if<AnnotationValue::Dict>(&it->second.at("_0").value);
  if (!all || !all->count(param))
    return "";
  const auto *entry = std::get_if<AnnotationValue::Dict>(&all->at(param).value);
  if (!entry || !entry->count(key))
    return "";
  const auto *s = std::get_if<std::string>(&entry->at(key).value);
  return s ? *s : "";
}

void applyTTDefaults(ir::PrimFunc &f, const TTOptions &opts) {
  AnnotationValue::Dict &sched = f.annotations[kSchedule];
  if (opts.policy)
    sched["policy"] = {*opts.policy};
  if (opts.order)
    sched["order"] = {*opts.order};
  if (opts.chunkKTiles)
    sched["chunk_k_tiles"] = {static_cast<int64_t>(*opts.chunkKTiles)};
  if (opts.mathFidelity)
    sched["math_fidelity"] = {*opts.mathFidelity};
  setDefault(sched, "policy", {defaultPolicy(f, opts)});

  setDefault(sched, "order", {std::string("row_major")});
  setDefault(sched, "math_fidelity", {std::string("HiFi4")});
  checkChoice(f, "policy", scheduleString(f, "policy"), {"contiguous", "strided", "block_linear"});
  checkChoice(f, "order", scheduleString(f, "order"), {"row_major", "column_major", "z_order"});
  checkChoice(f, "math_fidelity", scheduleString(f, "math_fidelity"), {"LoFi", "HiFi2", "HiFi3", "HiFi4"});
  if (auto k = scheduleInt(f, "chunk_k_tiles"); k && *k < 1)
    fail(f.loc, "annotate_tt_schedule: chunk_k_tiles must be at least 1");

  // Every tensor: DRAM, interleaved, tiles in row-major order unless the kernel said otherwise.
  AnnotationValue::Dict &sharding = shardingDict(f);
  for (const ir::Buffer &b : f.params) {
    AnnotationValue &entry = sharding[b->name];
    if (!std::holds_alternative<AnnotationValue::Dict>(entry.value))
      entry.value = AnnotationValue::Dict{};
    auto &d = std::get<AnnotationValue::Dict>(entry.value);
    setDefault(d, "layout", {std::string("row_major")});
    setDefault(d, "memory", {std::string("dram")});
    setDefault(d, "interleaved", {true});
  }
}

} // namespace tilec::tt
