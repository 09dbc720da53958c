// The TT program so far, as text: what --print-after / --stop-after show between TT passes and
// what the TT pass tests check. Each part appears once a pass has decided it: the kernel as the
// passes have rewritten it, the vector layouts, the plan (tt.plan.json, once the work is
// distributed over the cores, which the plan describes), and the kernels lowered so far. Their
// identifiers are resolved together, as emitTTArtifacts does, so they agree with each other.
#include "target/tt/Passes.h"

#include "ir/Printer.h"

#include <algorithm>
#include <sstream>

namespace tilec::tt {

namespace {

std::string vectorLayoutLines(const TTProgram &p) {
  std::vector<std::pair<std::string, const char *>> lines;
  for (const auto &[buffer, layout] : p.vectorLayouts)
    lines.emplace_back(buffer->name, vectorLayoutName(layout));
  std::sort(lines.begin(), lines.end()); // by name: the map is ordered by address
  std::ostringstream os;
  for (const auto &[name, layout] : lines)
    os << "  " << name << ": " << layout << "\n";
  return os.str();
}

bool lowered(const KernelPlan &k) { return !k.prologue.empty() || !k.perBlock.empty() || !k.epilogue.empty(); }

} // namespace

std::string printTTProgram(const TTProgram &p) {
  std::string out = "// kernel\n" + ir::printFunc(*p.func);
  if (!p.vectorLayouts.empty())
    out += "// vector layouts\n" + vectorLayoutLines(p);
  if (p.schedule.gridConst.empty()) // plan-work-distribution has not run
    return out;
  std::vector<std::pair<std::string, std::string>> parts = {{"tt.plan.json", printPlanJson(p)}};
  for (const KernelPlan *k : {&p.reader, &p.computeKernel, &p.writer})
    if (lowered(*k))
      parts.emplace_back("kernels/" + k->file, printKernel(p, *k));
  std::vector<target::EmittedFile> texts;
  for (auto &[name, text] : parts)
    texts.push_back({&text, name != "tt.plan.json"});
  target::resolveSymbols(texts, reservedNames());
  for (const auto &[name, text] : parts)
    out += "// " + name + "\n" + text;
  return out;
}

} // namespace tilec::tt
