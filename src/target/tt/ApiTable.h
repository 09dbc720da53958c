// One table of TT-Metalium spellings per API level (docs/TT_BACKEND.md, "API levels"). Each level is
// pinned to one real release (2025: tt-metal v0.63.0, 2026: ttnn 0.81.1) and every name, arity,
// include and define below is the one that release declares; tests/sdk compiles the emitted kernels
// against those releases' own headers.
//
// Kernels are built from canonical op names; this table is the only place that knows how a level
// spells them: the function name, how many of the canonical arguments the call takes (matmul_tiles
// lost its 6th argument in Dec 2025), whether template arguments stay, and which header declares it.
// Structural differences (entry point, include roots, address generators, host device API) are
// flags of the same table.
#pragma once

#include "target/tt/KernelIR.h"
#include "target/tt/TTProgram.h"

#include <map>
#include <set>
#include <string>

namespace tilec::tt {

struct Spelling {
  std::string name;
  int keepArgs = -1;     // how many canonical args the call passes (-1: all)
  bool keepTmpl = true;  // whether the canonical template args are spelled
  std::string header;    // compute/dataflow header stem ("matmul", "eltwise_unary/exp"); "" = none
  int dropTmpl = 0;      // leading canonical template args the level folds into the name; "{op}" in
                         // the name is then replaced by the first one (ELWADD -> add, ELWSUB -> sub, ...)
  bool method = false;   // a member function of the first argument: first.name(rest)
};

struct ApiTable {
  ApiLevel level;
  std::string release;             // the Tenstorrent release the level is pinned to (docs/TT_BACKEND.md)
  std::string computeIncludeRoot;  // "compute_kernel_api/" | "api/compute/"
  std::string computeUmbrella;     // header with the SFPU ops that have no header of their own
  std::string dataflowInclude;     // "dataflow_api.h" | "api/dataflow/dataflow_api.h"
  bool computeEntryIsKernelMain;   // 2026: void kernel_main(); 2025: namespace NAMESPACE { void MAIN }
  bool tensorAccessor;             // 2026: TensorAccessor + noc_async_*_page; 2025: InterleavedAddrGenFast
  bool meshDevice;                 // 2026: distributed::MeshDevice; 2025: CreateDevice + CommandQueue
  // reduce.h's template parameters default to the macros REDUCE_OP / REDUCE_DIM; at 2025 they must be
  // defined even when a call spells the arguments, so the host passes them in ComputeConfig::defines.
  bool reduceDefinesFromHost;
  // Namespace of the host's core and fidelity types (CoreCoord, CoreRange, MathFidelity): global in
  // v0.63's libtt_metal.so; in tt::tt_metal at 2026, where the global names are deprecated aliases.
  std::string hostTypeScope;
  std::map<std::string, Spelling> ops;

  // The call as C++ (no ';'). Throws std::logic_error for an op the table does not know, so
  // nothing is ever printed that was not vetted against the SDK of that level.
  std::string spell(const KStmt &call) const;
  // The same, for a call whose template arguments and arguments are already C++ text.
  std::string spell(const std::string &op, std::vector<std::string> tmpl, const std::vector<std::string> &args) const;
  // Compute headers the calls in `ops` need, as include paths.
  std::set<std::string> computeHeaders(const std::set<std::string> &opsUsed) const;
};

const ApiTable &apiTable(ApiLevel level);
// Parses "2025" / "2026"; throws std::invalid_argument otherwise.
ApiLevel parseApiLevel(const std::string &text);

} // namespace tilec::tt
