// After the TT passes (Pipeline.cpp): every file of the program printed from the one TTProgram,
// then one C identifier chosen per symbol across all of them.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"
#include "support/Files.h"


namespace tilec::tt {

std::string printHostHeader(const TTProgram &p);

Artifacts emitTTArtifacts(const TTProgram &p) {
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

void writeArtifacts(const Artifacts &artifacts, const std::string &dir) { writeFiles(artifacts, dir); }

} // namespace tilec::tt
