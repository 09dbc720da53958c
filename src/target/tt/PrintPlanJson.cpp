// tt.plan.json: the host plan as data (schema "tilec.tt.plan", version 1; docs/TT_BACKEND.md).
#include "target/tt/ApiTable.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <nlohmann/json.hpp>

namespace tilec::tt {

namespace {

std::vector<std::string> texts(const std::vector<KExpr> &exprs) {
  std::vector<std::string> out;
  for (const KExpr &e : exprs)
    out.push_back(printKExpr(e));
  return out;
}

nlohmann::json runtimeArgs(const TTProgram &p, const KernelPlan &k) {
  nlohmann::json out = nlohmann::json::array();
  for (const RuntimeArg &a : k.runtimeArgs) {
    nlohmann::json j = {{"name", a.name}};
    switch (a.kind) {
    case RuntimeArg::Kind::BufferAddress:
      j["kind"] = "buffer_address", j["tensor"] = p.tensors[a.tensor].buffer->name;
      break;
    case RuntimeArg::Kind::Size: j["kind"] = "size", j["size"] = a.sizeVar; break;
    case RuntimeArg::Kind::Schedule: j["kind"] = "schedule", j["slot"] = a.schedSlot; break;
    case RuntimeArg::Kind::Host: j["kind"] = "per_core", j["host_expr"] = a.hostExpr; break;
    }
    out.push_back(j);
  }
  return out;
}

nlohmann::json coreAssignment(const TTProgram &p) {
  const auto &g = p.schedule.gridConst;
  if (!g[0] || !g[1] || !g[2])
    return nullptr; // depends on symbolic sizes: host.cpp computes it at run time
  BlockAssignment a = assignBlocks(p.schedule, *g[0], *g[1], *g[2]);
  nlohmann::json cores = nlohmann::json::array();
  for (size_t c = 0; c < a.slots.size(); ++c) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto &b : a.blocks[c])
      blocks.push_back({b[0], b[1], b[2]});
    cores.push_back({{"core", {c % p.schedule.coresX, c / p.schedule.coresX}}, {"schedule_args", a.slots[c]},
                     {"blocks", blocks}});
  }
  return cores;
}

} // namespace

std::string printPlanJson(const TTProgram &p) {
  nlohmann::json j;
  j["schema"] = "tilec.tt.plan";
  j["version"] = 1;
  j["kernel"] = p.func->name;
  j["api_level"] = apiLevelName(p.level);
  j["api_release"] = apiTable(p.level).release;
  j["arch"] = {{"name", p.arch.name}, {"card", p.arch.card}, {"grid", {p.arch.gridX, p.arch.gridY}}};
  j["size_vars"] = p.sizeVars;
  nlohmann::json tensors = nlohmann::json::array();
  for (const TensorPlan &t : p.tensors)
    tensors.push_back({{"name", t.buffer->name},
                       {"dtype", ir::dtypeName(t.buffer->dtype)},
                       {"data_format", dataFormatName(dataFormat(t.buffer->dtype))},
                       {"shape", texts(t.dims)},
                       {"tile_grid", {printKExpr(t.batch), printKExpr(t.tileRows), printKExpr(t.tileCols)}},
                       {"page_elements", {t.pageRows, t.pageCols}},
                       {"vector_layout", vectorLayoutName(t.layout)},
                       {"tile_order", t.columnMajorTiles ? "column_major" : "row_major"},
                       {"memory", "dram_interleaved"},
                       {"page_bytes", t.pageBytes},
                       {"role", t.read && t.written ? "inout" : t.written ? "output" : t.read ? "input" : "unused"}});
  j["tensors"] = tensors;
  nlohmann::json cbs = nlohmann::json::array();
  for (const CbPlan &cb : p.cbs)
    cbs.push_back({{"index", cb.index},
                   {"name", cb.name},
                   {"holds", cb.buffer ? cb.buffer->name : "reduce scaler"},
                   {"role", cbRoleName(cb.role)},
                   {"data_format", dataFormatName(dataFormat(cb.dtype))},
                   {"page_bytes", cb.pageBytes},
                   {"value_tiles", cb.valueTiles},
                   {"capacity_tiles", cb.capacityTiles},
                   {"vector_layout", vectorLayoutName(cb.layout)}});
  j["circular_buffers"] = cbs;
  j["l1_bytes_per_core"] = p.l1BytesUsed;
  j["schedule"] = {{"policy", p.schedule.policy},
                   {"order", p.schedule.order},
                   {"grid", {cxx(p.schedule.grid[0]), cxx(p.schedule.grid[1]), cxx(p.schedule.grid[2])}},
                   {"cores", {p.schedule.coresX, p.schedule.coresY}},
                   {"chunk_k_tiles", p.schedule.chunkKTiles},
                   {"schedule_args", SchedulePlan::slotNames(p.schedule.policy, p.schedule.order)},
                   {"assignment", coreAssignment(p)}};
  j["compute"] = {{"math_fidelity", mathFidelityName(p.compute.mathFidelity)},
                  {"fp32_dest_acc_en", p.compute.fp32DestAcc},
                  {"math_approx_mode", p.compute.mathApprox},
                  {"dst_tiles_per_acquire", p.compute.dstTiles}};
  nlohmann::json mcasts = nlohmann::json::array();
  for (const McastPlan &m : p.mcasts)
    mcasts.push_back({{"tile", m.prefix}, {"along", m.alongRow ? "core_row" : "core_column"}});
  j["multicast"] = mcasts;
  j["kernels"] = {
      {"reader", {{"file", "kernels/reader.cpp"}, {"processor", "RISCV_1"}, {"runtime_args", runtimeArgs(p, p.reader)}}},
      {"compute", {{"file", "kernels/compute.cpp"}, {"runtime_args", runtimeArgs(p, p.computeKernel)}}},
      {"writer", {{"file", "kernels/writer.cpp"}, {"processor", "RISCV_0"}, {"runtime_args", runtimeArgs(p, p.writer)}}},
  };
  return j.dump(2) + "\n";
}

} // namespace tilec::tt
