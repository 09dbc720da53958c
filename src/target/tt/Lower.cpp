// The TT pipeline in order (TT_LOWERING.md): defaults → validation → staging → vector layouts →
// work distribution → CB plan → tensor/host plan → reader/writer → compute; then the printers.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <filesystem>
#include <fstream>

namespace tilec::tt {

std::shared_ptr<TTProgram> apply_tt_metadata_passes(const ir::PrimFunc &f, const TTOptions &opts) {
  auto p = std::make_shared<TTProgram>();
  p->func = std::make_shared<ir::PrimFunc>(f);
  p->level = opts.apiLevel;
  try {
    p->arch = archInfo(opts.arch);
  } catch (const std::invalid_argument &e) {
    fail(f.loc, e.what());
  }
  for (const ir::Var &v : f.sizeVars)
    p->sizeVars.push_back(v->name);
  inlineParallelLets(*p->func);
  validateForTT(*p->func);
  stageGlobalAccesses(*p->func);
  chunkKLoops(*p->func, p->arch);
  auto layouts = inferVectorLayouts(*p->func);
  p->schedule = planWorkDistribution(*p->func, p->arch, opts);
  p->compute.mathFidelity = scheduleString(*p->func, "math_fidelity");
  planCircularBuffers(*p, layouts);
  planMulticast(*p);
  planTensors(*p, layouts);
  planRuntimeArgs(*p);
  lowerDataMovement(*p);
  lowerCompute(*p);
  return p;
}

std::string printHostHeader(const TTProgram &p);

Artifacts emit_tt_artifacts(const TTProgram &p) {
  Artifacts files = {
      {"kernels/reader.cpp", printKernel(p, p.reader)},
      {"kernels/compute.cpp", printKernel(p, p.computeKernel)},
      {"kernels/writer.cpp", printKernel(p, p.writer)},
      {"host.hpp", printHostHeader(p)},
      {"host.cpp", printHost(p)},
      {"main.cpp", printMain(p)},
      {"CMakeLists.txt", printCMakeLists(p)},
      {"tt.plan.json", printPlanJson(p)},
  };
  // The one point where the files' identifiers are chosen, all files at once so that a size or
  // a runtime argument has the same name in the three kernels, host.cpp and the plan.
  std::vector<target::EmittedFile> texts;
  for (const char *code : {"kernels/reader.cpp", "kernels/compute.cpp", "kernels/writer.cpp", "host.cpp", "main.cpp"})
    texts.push_back({&files.at(code), true});
  texts.push_back({&files.at("tt.plan.json"), false});
  target::resolveSymbols(texts, reservedNames());
  return files;
}

void writeArtifacts(const Artifacts &artifacts, const std::string &dir) {
  namespace fs = std::filesystem;
  for (const auto &[name, text] : artifacts) {
    fs::path path = fs::path(dir) / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path);
    if (!out)
      fail({}, "cannot write '" + path.string() + "'");
    out << text;
  }
}

Artifacts compileToArtifacts(const ir::PrimFunc &tiled, const TTOptions &opts) {
  ir::PrimFunc f = tiled;
  apply_tt_defaults(f, opts);
  return emit_tt_artifacts(*apply_tt_metadata_passes(f, opts));
}

} // namespace tilec::tt
