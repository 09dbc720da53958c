#include "target/tt/ApiTable.h"

#include <stdexcept>

namespace tilec::tt {

const char *apiLevelName(ApiLevel level) { return level == ApiLevel::V2025 ? "2025" : "2026"; }

ApiLevel parseApiLevel(const std::string &text) {
  if (text == "2025")
    return ApiLevel::V2025;
  if (text == "2026")
    return ApiLevel::V2026;
  throw std::invalid_argument("unknown TT-Metalium API level '" + text + "' (expected 2025 or 2026)");
}

namespace {

using Ops = std::map<std::string, Spelling>;

// Spellings both levels share. Arguments are the canonical ones unless a level overrides.
Ops commonOps() {
  Ops ops = {
      // circular buffers (cb_api.h; dataflow kernels get them from dataflow_api.h)
      {"cb_reserve_back", {"cb_reserve_back", -1, true, "cb_api"}},
      {"cb_push_back", {"cb_push_back", -1, true, "cb_api"}},
      {"cb_wait_front", {"cb_wait_front", -1, true, "cb_api"}},
      {"cb_pop_front", {"cb_pop_front", -1, true, "cb_api"}},
      // data movement (dataflow_api.h): runtime args, CB addresses, NoC barriers
      {"get_arg_val", {"get_arg_val", -1, true, ""}},
      {"get_write_ptr", {"get_write_ptr", -1, true, ""}},
      {"get_read_ptr", {"get_read_ptr", -1, true, ""}},
      {"noc_async_read_barrier", {"noc_async_read_barrier", -1, true, ""}},
      {"noc_async_write_barrier", {"noc_async_write_barrier", -1, true, ""}},
      {"noc_async_atomic_barrier", {"noc_async_atomic_barrier", -1, true, ""}},
      // multicast and semaphores (dataflow_api.h), the same at both levels
      {"get_semaphore", {"get_semaphore", -1, true, ""}},
      {"get_noc_addr", {"get_noc_addr", -1, true, ""}},
      {"get_noc_multicast_addr", {"get_noc_multicast_addr", -1, true, ""}},
      {"noc_async_write_multicast", {"noc_async_write_multicast", -1, true, ""}},
      {"noc_async_writes_flushed", {"noc_async_writes_flushed", -1, true, ""}},
      {"noc_semaphore_wait", {"noc_semaphore_wait", -1, true, ""}},
      {"noc_semaphore_set", {"noc_semaphore_set", -1, true, ""}},
      {"noc_semaphore_inc", {"noc_semaphore_inc", -1, true, ""}},
      {"noc_semaphore_set_multicast", {"noc_semaphore_set_multicast", -1, true, ""}},
      // DST
      {"tile_regs_acquire", {"tile_regs_acquire", -1, true, "reg_api"}},
      {"tile_regs_commit", {"tile_regs_commit", -1, true, "reg_api"}},
      {"tile_regs_wait", {"tile_regs_wait", -1, true, "reg_api"}},
      {"tile_regs_release", {"tile_regs_release", -1, true, "reg_api"}},
      {"copy_tile", {"copy_tile", -1, true, "tile_move_copy"}},
      {"pack_tile", {"pack_tile", -1, true, "pack"}},
      {"pack_reconfig_data_format", {"pack_reconfig_data_format", -1, true, "pack"}},
      {"pack_reconfig_l1_acc", {"pack_reconfig_l1_acc", -1, true, "pack"}},
      // FPU element-wise (eltwise_binary.h): add/sub/mul_tiles(icb0, icb1, itile0, itile1, idst)
      {"add_tiles_init", {"add_tiles_init", -1, true, "eltwise_binary"}},
      {"sub_tiles_init", {"sub_tiles_init", -1, true, "eltwise_binary"}},
      {"mul_tiles_init", {"mul_tiles_init", -1, true, "eltwise_binary"}},
      {"add_tiles", {"add_tiles", -1, true, "eltwise_binary"}},
      {"sub_tiles", {"sub_tiles", -1, true, "eltwise_binary"}},
      {"mul_tiles", {"mul_tiles", -1, true, "eltwise_binary"}},
      {"binary_dest_reuse_tiles_init", {"binary_dest_reuse_tiles_init", -1, true, "eltwise_binary"}},
      {"binary_dest_reuse_tiles", {"binary_dest_reuse_tiles", -1, true, "eltwise_binary"}},
      // broadcasts (bcast.h): operand B (icb1) is the broadcast vector tile
      {"unary_bcast_init", {"unary_bcast_init", -1, true, "bcast"}},
      {"unary_bcast", {"unary_bcast", -1, true, "bcast"}},
      // reduce (reduce.h, 2025-26 template form <PoolType, ReduceDim>)
      {"reduce_init", {"reduce_init", -1, true, "reduce"}},
      {"reduce_tile", {"reduce_tile", -1, true, "reduce"}},
      // SFPU scalar and fill
      {"binop_with_scalar_tile_init", {"binop_with_scalar_tile_init", -1, true, "eltwise_unary/binop_with_scalar"}},
      {"add_unary_tile", {"add_unary_tile", -1, true, "eltwise_unary/binop_with_scalar"}},
      {"sub_unary_tile", {"sub_unary_tile", -1, true, "eltwise_unary/binop_with_scalar"}},
      {"mul_unary_tile", {"mul_unary_tile", -1, true, "eltwise_unary/binop_with_scalar"}},
      {"div_unary_tile", {"div_unary_tile", -1, true, "eltwise_unary/binop_with_scalar"}},
      {"rsub_unary_tile", {"rsub_unary_tile", -1, true, "eltwise_unary/binop_with_scalar"}},
      {"fill_tile_init", {"fill_tile_init", -1, true, "eltwise_unary/fill"}},
      {"fill_tile", {"fill_tile", -1, true, "eltwise_unary/fill"}},
      {"eltwise_binary_sfpu_init", {"eltwise_binary_sfpu_init", -1, true, "eltwise_binary_sfpu"}},
      {"binary_max_tile_init", {"binary_max_tile_init", -1, true, "binary_max_min"}},
      {"binary_min_tile_init", {"binary_min_tile_init", -1, true, "binary_max_min"}},
  };
  // The canonical broadcast init is <op>_bcast_<dim>_init_short(icb0, icb1, ocb); the named short
  // inits take (icb0, icb1), a level without one for a pair falls back to a full init that needs ocb.
  for (const char *op : {"add", "sub", "mul"})
    for (const char *dim : {"rows", "cols", "scalar"}) {
      std::string init = std::string(op) + "_bcast_" + dim + "_init_short";
      std::string call = std::string(op) + "_tiles_bcast_" + dim;
      ops[init] = {init, 2, true, "bcast"};
      ops[call] = {call, -1, true, "bcast"};
    }
  // SFPU unary ops, in place on DST: <name>_tile_init(); <name>_tile(idst). The math intrinsics
  // name theirs in ir/Intrinsics (ApiTableTest checks each is here); negative and square are used
  // by other lowerings. Only the header is recorded here. "" = declared in the
  // umbrella compute_kernel_api.h: log, sigmoid, tanh, square, abs and exp2 have no header of their
  // own under eltwise_unary/ at either level (checked against tt-metal, see docs/TT_BACKEND.md).
  const std::map<std::string, std::string> sfpuHeaders = {
      {"exp", "eltwise_unary/exp"},     {"exp2", ""},     {"log", ""},
      {"sqrt", "eltwise_unary/sqrt"},   {"rsqrt", "eltwise_unary/rsqrt"},
      {"recip", "eltwise_unary/recip"}, {"relu", "eltwise_unary/relu"},
      {"sigmoid", ""},                  {"tanh", ""},
      {"abs", ""},                      {"negative", "eltwise_unary/negative"},
      {"square", ""},
      // sign tests (1.0 where the test holds, else 0.0), eltwise_unary/comp.h at both levels
      {"eqz", "eltwise_unary/comp"},    {"nez", "eltwise_unary/comp"},
      {"ltz", "eltwise_unary/comp"},    {"lez", "eltwise_unary/comp"},
      {"gtz", "eltwise_unary/comp"},    {"gez", "eltwise_unary/comp"},
  };
  for (const auto &[name, header] : sfpuHeaders) {
    ops[name + "_tile_init"] = {name + "_tile_init", -1, true, header};
    ops[name + "_tile"] = {name + "_tile", -1, true, header};
  }
  // SFPU binary ops on two DST tiles: (idst0, idst1, odst) at both levels. The 2-argument form
  // (result in idst0) is 2024's; the 2025 and 2026 headers have a required odst, which we set to idst0.
  for (const char *name : {"add_binary_tile", "sub_binary_tile", "mul_binary_tile", "div_binary_tile"}) {
    ops[std::string(name) + "_init"] = {std::string(name) + "_init", -1, true, "eltwise_binary_sfpu"};
    ops[name] = {name, -1, true, "eltwise_binary_sfpu"};
  }
  ops["binary_max_tile"] = {"binary_max_tile", -1, true, "binary_max_min"};
  ops["binary_min_tile"] = {"binary_min_tile", -1, true, "binary_max_min"};
  ops["relu_max_tile"] = {"relu_max_tile", -1, true, "eltwise_unary/relu"};
  ops["relu_min_tile"] = {"relu_min_tile", -1, true, "eltwise_unary/relu"};
  return ops;
}

ApiTable make2025() {
  ApiTable t{ApiLevel::V2025, "tt-metal v0.63.0 / ttnn 0.63.0", "compute_kernel_api/", "compute_kernel_api.h",
             "dataflow_api.h", false, false, false, true, "", commonOps()};
  // kernel start: the full init of the first op family (there is no hw_startup in these SDKs)
  t.ops["hw_startup_binary"] = {"binary_op_init_common", -1, true, "eltwise_binary"};
  t.ops["hw_startup_matmul"] = {"mm_init", -1, true, "matmul"};
  t.ops["hw_startup_unary"] = {"init_sfpu", -1, true, "eltwise_unary/eltwise_unary"};
  t.ops["matmul_init"] = {"mm_init_short", -1, true, "matmul"};
  // matmul_tiles(in0, in1, itile0, itile1, idst, transpose): 6 arguments until PR #33992
  t.ops["matmul_tiles"] = {"matmul_tiles", 6, true, "matmul"};
  // matmul_block(in0, in1, itile0, itile1, idst, transpose, ct, rt, kt) at both levels
  t.ops["matmul_block_init"] = {"mm_block_init_short", -1, true, "matmul"};
  t.ops["matmul_block"] = {"matmul_block", -1, true, "matmul"};
  t.ops["copy_init"] = {"copy_tile_to_dst_init_short", -1, true, "tile_move_copy"};
  // reduce_revert_delta<dim>(ocb) was removed in v0.60; v0.63 has reduce_uninit() (no arguments)
  t.ops["reduce_uninit"] = {"reduce_uninit", 0, false, "reduce"};
  t.ops["transpose_init"] = {"transpose_wh_init_short", -1, true, "transpose_wh"};
  t.ops["transpose_tile"] = {"transpose_wh_tile", -1, true, "transpose_wh"};
  // bcast.h of v0.63 spells two of the scalar inits with "tiles": sub/mul_tiles_bcast_scalar_init_short
  t.ops["sub_bcast_scalar_init_short"] = {"sub_tiles_bcast_scalar_init_short", 2, true, "bcast"};
  t.ops["mul_bcast_scalar_init_short"] = {"mul_tiles_bcast_scalar_init_short", 2, true, "bcast"};
  // ... and has no row-broadcast subtract by name: the generic init (a full one: it also configures
  // the packer for the output CB, hence the third argument) and the dimension-templated op.
  t.ops["sub_bcast_rows_init_short"] = {"init_bcast<ELWSUB, BroadcastType::ROW>", -1, true, "bcast"};
  t.ops["sub_tiles_bcast_rows"] = {"sub_tiles_bcast<BroadcastType::ROW>", -1, true, "bcast"};
  // data movement: InterleavedAddrGenFast with the AddrGen-templated noc_async_{read,write}_page
  // (v0.63 marks the noc_async_{read,write}_tile wrappers deprecated)
  t.ops["read_page"] = {"noc_async_read_page", -1, true, ""};
  t.ops["write_page"] = {"noc_async_write_page", -1, true, ""};
  return t;
}

ApiTable make2026() {
  ApiTable t{ApiLevel::V2026, "ttnn 0.81.1", "api/compute/", "api/compute/compute_kernel_api.h",
             "api/dataflow/dataflow_api.h", true, true, true, false, "tt::tt_metal::", commonOps()};
  t.ops["hw_startup_binary"] = {"compute_kernel_hw_startup", -1, true, "compute_kernel_hw_startup"};
  // matmul: in0 feeds SrcB, so the startup is told the reverse operand order (PR #50570)
  t.ops["hw_startup_matmul"] = {"compute_kernel_hw_startup<SrcOrder::Reverse>", -1, true,
                                "compute_kernel_hw_startup"};
  t.ops["hw_startup_unary"] = {"compute_kernel_hw_startup", -1, true, "compute_kernel_hw_startup"};
  t.ops["matmul_init"] = {"matmul_init", -1, true, "matmul"};
  // matmul_tiles(in0, in1, itile0, itile1, idst): the transpose is set by matmul_init only
  t.ops["matmul_tiles"] = {"matmul_tiles", 5, true, "matmul"};
  t.ops["matmul_block_init"] = {"matmul_block_init", -1, true, "matmul"};
  t.ops["matmul_block"] = {"matmul_block", -1, true, "matmul"};
  t.ops["copy_init"] = {"copy_init", -1, true, "tile_move_copy"};
  t.ops["reduce_uninit"] = {"reduce_uninit", 0, false, "reduce"};
  t.ops["transpose_init"] = {"transpose_init", -1, true, "transpose"};  // transpose_wh.h is a deprecated shim
  t.ops["transpose_tile"] = {"transpose_tile", -1, true, "transpose"};
  // eltwise_binary.h of 2026: <op>_tiles_init is a deprecated rename of <op>_init, and the dest-reuse
  // pair binary_dest_reuse_tiles[_init]<op, reuse> of <op>_reuse_dest_{tiles,init}<reuse>.
  t.ops["add_tiles_init"] = {"add_init", -1, true, "eltwise_binary"};
  t.ops["sub_tiles_init"] = {"sub_init", -1, true, "eltwise_binary"};
  t.ops["mul_tiles_init"] = {"mul_init", -1, true, "eltwise_binary"};
  t.ops["binary_dest_reuse_tiles_init"] = {"{op}_reuse_dest_init", -1, true, "eltwise_binary", 1};
  t.ops["binary_dest_reuse_tiles"] = {"{op}_reuse_dest_tiles", -1, true, "eltwise_binary", 1};
  // bcast.h of 2026: the *_init_short names are deprecated renames of <op>_bcast_<dim>_init, and the
  // 2-argument unary_bcast_init(icb, ocb) is a deprecated full init (it re-runs the hw startup);
  // the current one is unary_bcast_init<dim>(icb).
  for (const char *op : {"add", "sub", "mul"})
    for (const char *dim : {"rows", "cols", "scalar"}) {
      std::string base = std::string(op) + "_bcast_" + dim + "_init";
      t.ops[base + "_short"] = {base, 2, true, "bcast"};
    }
  t.ops["unary_bcast_init"] = {"unary_bcast_init", 1, true, "bcast"};
  // the packer/unpacker format reconfigs moved out of pack.h into reconfig_data_format.h
  t.ops["pack_reconfig_data_format"] = {"pack_reconfig_data_format", -1, true, "reconfig_data_format"};
  t.ops["read_page"] = {"noc_async_read_page", -1, true, ""};
  t.ops["write_page"] = {"noc_async_write_page", -1, true, ""};
  // address generators: a TensorAccessor per tensor, each over the compile-time args after the
  // previous tensor's (2025 has InterleavedAddrGenFast, a struct the kernel fills in)
  t.ops["tensor_accessor_args"] = {"TensorAccessorArgs", -1, true, ""};
  t.ops["tensor_accessor"] = {"TensorAccessor", -1, true, ""};
  t.ops["next_compile_time_args_offset"] = {"next_compile_time_args_offset", -1, true, "", 0, true};
  return t;
}

// parts[first .. count), comma-separated.
std::string joined(const std::vector<std::string> &parts, size_t first, size_t count) {
  std::string out;
  for (size_t i = first; i < count && i < parts.size(); ++i)
    out += (i > first ? ", " : "") + parts[i];
  return out;
}

} // namespace

std::string ApiTable::spell(const KStmt &call) const {
  std::vector<std::string> tmpl, args;
  for (const KExpr &x : call.tmpl)
    tmpl.push_back(printKExpr(x, this));
  for (const KExpr &x : call.args)
    args.push_back(printKExpr(x, this));
  return spell(call.op, std::move(tmpl), args);
}

std::string ApiTable::spell(const std::string &op, std::vector<std::string> tmpl,
                            const std::vector<std::string> &args) const {
  auto it = ops.find(op);
  if (it == ops.end())
    throw std::logic_error("TT op '" + op + "' has no spelling at API level " + apiLevelName(level));
  const Spelling &s = it->second;
  std::string text = s.name;
  if (s.dropTmpl > 0) {
    if (tmpl.size() < static_cast<size_t>(s.dropTmpl))
      throw std::logic_error("TT op '" + op + "' lacks the template arguments its spelling folds in");
    static const std::map<std::string, std::string> opNames = {
        {"ELWADD", "add"}, {"ELWSUB", "sub"}, {"ELWMUL", "mul"}};
    auto name = opNames.find(tmpl.front());
    if (name == opNames.end())
      throw std::logic_error("TT op '" + op + "' has no spelling for '" + tmpl.front() + "'");
    if (auto at = text.find("{op}"); at != std::string::npos)
      text.replace(at, 4, name->second);
    tmpl.erase(tmpl.begin(), tmpl.begin() + s.dropTmpl);
  }
  if (s.keepTmpl && !tmpl.empty())
    text += "<" + joined(tmpl, 0, tmpl.size()) + ">";
  size_t count = s.keepArgs < 0 ? args.size() : static_cast<size_t>(s.keepArgs);
  if (s.method) {
    if (args.empty())
      throw std::logic_error("TT op '" + op + "' is a member function and needs its object");
    return args[0] + "." + text + "(" + joined(args, 1, count) + ")";
  }
  return text + "(" + joined(args, 0, count) + ")";
}

std::set<std::string> ApiTable::computeHeaders(const std::set<std::string> &opsUsed) const {
  std::set<std::string> headers;
  for (const std::string &op : opsUsed) {
    auto it = ops.find(op);
    if (it == ops.end())
      continue;
    const std::string &stem = it->second.header;
    headers.insert(stem.empty() ? computeUmbrella : computeIncludeRoot + stem + ".h");
  }
  return headers;
}

const ApiTable &apiTable(ApiLevel level) {
  static const ApiTable v2025 = make2025();
  static const ApiTable v2026 = make2026();
  return level == ApiLevel::V2025 ? v2025 : v2026;
}

} // namespace tilec::tt
