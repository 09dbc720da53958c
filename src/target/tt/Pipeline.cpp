// The TT pipeline, in order. Each pass lives in a file of its own and fills in more of the
// TTProgram (the plan every printer reads):
//   apply-tt-defaults        ApplyTTDefaults.cpp        schedule/sharding annotations and the chip a
//                                                       kernel gets when nothing says otherwise
//   inline-parallel-lets     InlineParallelLets.cpp     lets inside T.Parallel nests substituted
//   restore-unit-axes        RestoreUnitAxes.cpp        unit T.Parallel loops the simplifier removed:
//                                                       their stores and loads made element-wise again
//   raise-scalar-code        RaiseScalarCode.cpp        independent serial element loops and one-element
//                                                       stores as tile ops
//   widen-partial-updates    WidenPartialUpdates.cpp    a row/column of a tile written as a masked update
//                                                       of the whole tile
//   lower-tile-choices       LowerTileChoices.cpp       T.if_then_else on tile values as sign tests and
//                                                       SFPU min/max
//   widen-integer-tiles      WidenIntegerTiles.cpp      integer tiles read only through float casts held
//                                                       as float32, widened by the reader
//   mask-padded-tiles        MaskPaddedTiles.cpp        tiles below 32 masked before reductions and
//                                                       GEMMs over their padded dimension
//   build-index-tiles        RaiseIndexNests.cpp,       values that depend on an element's row/column
//                            IndexTiles.cpp             (masks, guards) as tiles the reader builds
//   validate-tt              ValidateTT.cpp             dtypes, tile shapes, supported ops
//   stage-global-accesses    StageGlobalAccesses.cpp    global tensors reached only by copies
//   round-narrow-intermediates RoundNarrowIntermediates.cpp 16-bit intermediates rounded as written
//   chunk-k-loops            ChunkKLoop.cpp             GEMM K loops strip-mined to CB transfers
//   bridge-vector-layouts    BridgeVectorLayouts.cpp    a vector read both as a row and as a column:
//                                                       a transposed twin for the other reads
//   infer-vector-layouts     InferVectorLayout.cpp      row or column layout of every 1-D tile
//   plan-work-distribution   PlanWorkDistribution.cpp   blocks of the grid onto cores
//   plan-compute-settings    (here)                     math fidelity from the schedule
//   plan-circular-buffers    PlanCircularBuffers.cpp    one CB per tile buffer, depths, L1 budget
//   plan-multicast           PlanMulticast.cpp          shared A/B blocks read once and multicast
//   plan-tensors             PlanTensors.cpp            the host's tensors and their tile grids
//   plan-runtime-args        PlanTensors.cpp            runtime arguments of each kernel
//   lower-data-movement      LowerDataMovement.cpp      reader and writer kernels
//   lower-compute            LowerCompute.cpp           the compute kernel
// The printers (EmitArtifacts.cpp) then write the kernels, host program and plan.
#include "target/tt/Passes.h"
#include "target/tt/SmallTiles.h"
#include "target/tt/TTUtil.h"

namespace tilec::tt {

TTPipeline ttPasses(const TTOptions &opts) {
  return {{
              {"apply-tt-defaults",
               [opts](TTProgram &p) {
                 applyTTDefaults(*p.func, opts);
                 try {
                   p.arch = archInfo(opts.arch);
                 } catch (const std::invalid_argument &e) {
                   fail(p.func->loc, e.what());
                 }
               }},
              {"inline-parallel-lets", [](TTProgram &p) { inlineParallelLets(*p.func); }},
              {"restore-unit-axes", [](TTProgram &p) { restoreUnitAxes(*p.func); }},
              {"raise-scalar-code", [](TTProgram &p) { raiseScalarCode(*p.func); }},
              {"widen-partial-updates", [](TTProgram &p) { widenPartialUpdates(*p.func); }},
              {"lower-tile-choices", [](TTProgram &p) { lowerTileChoices(*p.func); }},
              {"widen-integer-tiles", [](TTProgram &p) { widenIntegerTiles(*p.func); }},
              {"mask-padded-tiles", [](TTProgram &p) { maskPaddedTiles(*p.func); }},
              {"build-index-tiles", [](TTProgram &p) { buildIndexTiles(*p.func); }},
              {"validate-tt", [](TTProgram &p) { validateForTT(*p.func); }},
              {"stage-global-accesses", [](TTProgram &p) { stageGlobalAccesses(*p.func); }},
              {"round-narrow-intermediates", [](TTProgram &p) { roundNarrowIntermediates(*p.func); }},
              {"chunk-k-loops", [](TTProgram &p) { chunkKLoops(*p.func, p.arch); }},
              {"bridge-vector-layouts", [](TTProgram &p) { bridgeVectorLayouts(*p.func); }},
              {"infer-vector-layouts", [](TTProgram &p) { p.vectorLayouts = inferVectorLayouts(*p.func); }},
              {"plan-work-distribution",
               [opts](TTProgram &p) { p.schedule = planWorkDistribution(*p.func, p.arch, opts); }},
              {"plan-compute-settings",
               [](TTProgram &p) { p.compute.mathFidelity = parseMathFidelity(scheduleString(*p.func, "math_fidelity")); }},
              {"plan-circular-buffers", [](TTProgram &p) { planCircularBuffers(p, p.vectorLayouts); }},
              {"plan-multicast", planMulticast},
              {"plan-tensors", [](TTProgram &p) { planTensors(p, p.vectorLayouts); }},
              {"plan-runtime-args", planRuntimeArgs},
              {"lower-data-movement", lowerDataMovement},
              {"lower-compute", lowerCompute},
          },
          printTTProgram};
}

std::vector<std::string> ttPassNames() { return ttPasses({}).passNames(); }

std::shared_ptr<TTProgram> newTTProgram(const ir::PrimFunc &tiled, const TTOptions &opts) {
  auto p = std::make_shared<TTProgram>();
  p->func = std::make_shared<ir::PrimFunc>(tiled);
  p->level = opts.apiLevel;
  for (const ir::Var &v : tiled.sizeVars)
    p->sizeVars.push_back(v->name);
  return p;
}

PipelineEnd runTTPasses(TTProgram &p, const TTOptions &opts, const PassTrace &trace) {
  return runPipeline(ttPasses(opts), p, trace);
}

std::shared_ptr<TTProgram> lowerToTT(const ir::PrimFunc &tiled, const TTOptions &opts) {
  std::shared_ptr<TTProgram> p = newTTProgram(tiled, opts);
  runTTPasses(*p, opts, {});
  return p;
}

Artifacts compileToArtifacts(const ir::PrimFunc &tiled, const TTOptions &opts) {
  return emitTTArtifacts(*lowerToTT(tiled, opts));
}

} // namespace tilec::tt
