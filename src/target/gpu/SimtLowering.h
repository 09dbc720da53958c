// What lower-to-simt knows while it lowers one kernel, and the tools every tile op's lowering
// (gpu/ops/<Op>.cpp) builds its SIMT code with: where each tile lives (registers, shared memory
// with its pipeline stages), the value range of each index variable (so that guards which cannot
// fail are left out), loads and stores of every scope, and a parallel nest spread over threads.
//
// The block walker that hands each statement to these tools is LowerToSimt.cpp; the
// T.Pipelined loops are PipelinedLoop.cpp.
#pragma once

#include "target/gpu/Lower.h"
#include "target/gpu/Nests.h"

#include <functional>
#include <map>
#include <set>

namespace tilec::gpu {

using Range = std::pair<int64_t, int64_t>;

// The pipeline stage each multi-stage shared tile is at in the code being lowered (inside a
// T.Pipelined body, or in the copies issued for one iteration); a tile not listed is at stage 0.
using StageIndex = std::map<const ir::BufferNode *, ir::Expr>;

// How fragment accesses map to registers inside one nest.
struct NestCtx {
  LayoutPtr layout;              // driver's layout (null: no driver)
  std::vector<ir::Expr> driverIdx; // the driver's indices (loop variables, 0 on unit dims)
  ir::Expr reg;                  // the register loop variable
  SourceLoc loc;                 // the nest's loop or tile op
};

// Where code is lowered: the stages in effect, and inside a nest its register mapping (null at
// block level, where a fragment is only reached by a reduction's own code).
struct Place {
  const StageIndex &stages;
  const NestCtx *nest = nullptr;
};

// The T.Pipelined loops whose leading copies run stages ahead with cp.async (PipelinedLoop.cpp).
struct PipelinePlan {
  std::map<const ir::For *, std::vector<const ir::Copy *>> loops;
  std::map<const ir::BufferNode *, int> stages; // shared tiles with more than one stage
};

class SimtLowering {
public:
  SimtLowering(const ir::PrimFunc &f, const FragmentPlan &plan, const GpuOptions &opts);

  const ir::PrimFunc &func() const { return f_; }
  const GpuOptions &options() const { return opts_; }
  Kernel &kernel() { return k_; }
  const ir::Var &tx() const { return tx_; }
  int64_t threads() const { return f_.threads; }
  const PipelinePlan &pipelines() const { return pipelines_; }

  // ---- buffers (SimtLowering.cpp)
  LayoutPtr layoutOf(const ir::Buffer &b) const;
  bool isShared(const ir::Buffer &b) const; // a shared tile, or a fragment layout inference promoted
  bool distributed(const ir::Buffer &b) const; // in registers, each thread holding its own elements
  // The SIMT buffer (shared array or register array) a tile was declared as.
  const Buffer &simt(const ir::Buffer &b) const { return simt_.at(b.get()); }
  Buffer newRegisters(const std::string &name, int64_t n, DType t);
  Buffer newScalarRegister(const std::string &name, DType t);
  // Shared-memory indices, with the pipeline stage in front for multi-stage tiles.
  std::vector<ir::Expr> sharedIndices(const ir::Buffer &b, std::vector<ir::Expr> idx, const StageIndex &stages) const;

  // ---- ranges and guards (SimtLowering.cpp)
  std::optional<Range> rangeOf(const ir::Expr &e) const;
  void setRange(const ir::Var &v, const ir::Expr &min, const ir::Expr &extent);
  void setRange(const ir::Var &v, Range r) { ranges_[v.get()] = r; }
  // `idx < shape` for the dimensions that the ranges do not prove; null when all are proven.
  ir::Expr inBounds(const ir::Buffer &global, const std::vector<ir::Expr> &idx, int lastLanes = 1) const;

  // ---- expressions and per-thread statements (SimtLowering.cpp)
  // Tile IR loads become SIMT loads (registers, shared with stages, guarded globals).
  ir::Expr rewrite(const ir::Expr &e, const Place &at);
  ir::Expr loadFrom(const ir::Buffer &b, const std::vector<ir::Expr> &idx, const Place &at);
  SStmt storeTo(const ir::Buffer &b, const std::vector<ir::Expr> &idx, const ir::Expr &value, const Place &at,
                ir::AtomicOp atomic = ir::AtomicOp::None, SourceLoc loc = {});
  SStmt lowerThreadStmt(const ir::Stmt &s, const Place &at);

  // ---- nests onto threads (LowerNest.cpp)
  SStmt lowerNest(const ParallelNest &n, const StageIndex &stages);
  // Iterates the flat space of `extents` over the block; `make()` builds one element's code over `vars`.
  SStmt spreadOverThreads(const std::vector<int64_t> &extents, const std::vector<ir::Var> &vars,
                          const std::function<SStmt()> &make);
  // A flat nest whose global accesses can move `16 / bytes` consecutive elements at once, so
  // lowered (with a scalar tail where alignment or bounds are not proven); nullopt when not.
  std::optional<SStmt> lowerVectorNest(const ParallelNest &n, const StageIndex &stages);
  // A nest driven by a fragment laid out in runs (Layout::vec) that moves whole runs of global
  // data (movesInRuns): one vector access per run and site, with a scalar tail; nullopt when not.
  std::optional<SStmt> lowerVectorRuns(const ParallelNest &n, const Access &driver, const std::vector<Access> &acc,
                                       const StageIndex &stages);
  // Block-level code that writes memory other threads see runs on thread 0 only.
  SStmt onOneThreadIfShared(const ir::Stmt &tileCode, SStmt body) const;

private:
  void declareBuffers();
  int stagesOf(const ir::Buffer &b) const;
  Buffer scalarRegister(const ir::Buffer &tileBuf);
  std::string uniqueName(const std::string &base);
  ir::Expr registerIndex(const ir::Buffer &b, const std::vector<ir::Expr> &idx, const NestCtx *nest) const;
  std::vector<ir::Expr> decomposeFlat(const std::vector<int64_t> &extents, const ir::Expr &it, int64_t itCount) const;
  SStmt bindVars(const std::vector<ir::Var> &vars, const std::vector<ir::Expr> &values, SStmt body);
  SStmt lowerDrivenNest(const ParallelNest &n, const Access &driver, const std::vector<Access> &acc,
                        const StageIndex &stages);
  SStmt nestBody(const ParallelNest &n, const Place &at);
  ir::Expr oneReplicaGuard(const Layout &driver, const std::vector<Access> &acc) const;

  const ir::PrimFunc &f_;
  const FragmentPlan &plan_;
  GpuOptions opts_;
  Kernel k_;
  ir::Var tx_;
  PipelinePlan pipelines_;
  std::map<const ir::BufferNode *, Buffer> simt_;
  std::vector<ir::Buffer> keptAlive_; // keys of simt_ that f_ does not own (see scalarRegister)
  std::map<const ir::VarNode *, Range> ranges_;
  std::set<std::string> usedNames_;
};

// LowerToSimt.cpp: a block-level statement (every thread runs it); tile ops go to gpu/ops.
SStmt lowerBlock(SimtLowering &cx, const ir::Stmt &s, const StageIndex &stages);

// PipelinedLoop.cpp: which T.Pipelined loops issue their copies ahead, and such a loop lowered.
PipelinePlan planPipelines(const SimtLowering &cx, const ir::Stmt &body);
SStmt lowerPipelined(SimtLowering &cx, const ir::For &f, const StageIndex &stages);

} // namespace tilec::gpu
