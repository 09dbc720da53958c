// The Tenstorrent backend: Tile IR → reader/compute/writer kernels + host program (TT-Metalium).
//
// The flow mirrors TileLang's TT flow (kernel_authoring_comparison.md):
//   apply-tt-defaults   — schedule/sharding annotations a kernel did not spell out (the first pass);
//   the other TT passes — validation, staging, work split, CB plan, kernel split, host plan;
//   emitTTArtifacts     — reader.cpp, compute.cpp, writer.cpp, host.cpp, main.cpp,
//                         CMakeLists.txt, tt.plan.json, printed at one TT-Metalium API level.
// The pass list, in order, is in Pipeline.cpp; each pass lives in its own file.
#pragma once

#include "ir/IR.h"
#include "support/PassManager.h"
#include "target/Symbols.h"
#include "target/tt/TTProgram.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace tilec::tt {

// Everything the user can choose from the CLI or the C++ API. Annotations in the source
// (@annotate_tt_schedule / @annotate_tt_sharding) are defaults; options set here override them.
struct TTOptions {
  ApiLevel apiLevel = ApiLevel::V2025;
  std::string arch = "wormhole_b0";     // wormhole_b0 (n150) | blackhole (p150)
  std::optional<int> gridX, gridY;      // --grid CxR: cores used (default: the arch's full grid)
  std::optional<std::string> policy;    // contiguous | strided | block_linear
  std::optional<std::string> order;     // row_major | column_major | z_order
  std::optional<int> chunkKTiles;       // K tiles per CB transfer
  std::optional<std::string> mathFidelity; // LoFi | HiFi2 | HiFi3 | HiFi4
};

// Writes the defaults into f.annotations["annotate_tt_schedule"] and ["annotate_tt_sharding"]
// (policy contiguous, order row_major, DRAM-interleaved row-major tiled tensors), keeping what
// the kernel's decorators already set; then applies `opts` overrides.
void applyTTDefaults(ir::PrimFunc &f, const TTOptions &opts = {});

// The TT passes in order (Pipeline.cpp), over a program that starts as newTTProgram(kernel).
using TTPipeline = Pipeline<TTProgram>;
TTPipeline ttPasses(const TTOptions &opts);
std::vector<std::string> ttPassNames();
// A program with nothing planned yet: the kernel after the common passes, the API level, sizes.
std::shared_ptr<TTProgram> newTTProgram(const ir::PrimFunc &tiled, const TTOptions &opts);
// Runs the TT passes over `p`; `trace` may print the program after passes or stop early.
// Throws CompileError with the offending construct's location for anything unsupported.
PipelineEnd runTTPasses(TTProgram &p, const TTOptions &opts, const PassTrace &trace);
// newTTProgram + every TT pass.
std::shared_ptr<TTProgram> lowerToTT(const ir::PrimFunc &tiled, const TTOptions &opts = {});
// PrintProgram.cpp: the program so far as text (the staged kernel, vector layouts, the plan once
// the work is distributed, the kernels lowered so far), for --print-after and --stop-after.
std::string printTTProgram(const TTProgram &p);

// Artifact file name → content.
using Artifacts = std::map<std::string, std::string>;
// The files' identifiers are hygienic (target/Symbols.h): every variable, size, buffer, runtime
// argument and name made from one gets a unique C++ name across all files, never a keyword or a
// name reservedNames() lists.
Artifacts emitTTArtifacts(const TTProgram &program);
const target::Reserved &reservedNames();
// Writes the artifacts into `dir` (created if needed).
void writeArtifacts(const Artifacts &artifacts, const std::string &dir);

// lowerToTT + emitTTArtifacts.
Artifacts compileToArtifacts(const ir::PrimFunc &tiled, const TTOptions &opts);

} // namespace tilec::tt
