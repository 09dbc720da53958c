// libFuzzer target over the front end (issue 15): bytes in as a TileLang file; the lexer, parser,
// AST printer, evaluator and kernel builder run on it, then the common passes and the verifier.
// A located diagnostic (CompileError) is the expected answer to bad input; anything else that
// escapes — another exception (the driver's "internal error"), a crash, a sanitizer report, a
// leak, a run over libFuzzer's -timeout — is a finding.
//
// The file's own `# tilec:` line selects the kernel as on the command line (--call, --kernel,
// -D NAME=VALUE), so seeds from examples/ and tests/corpus build their real kernels.
#include "driver/Pipeline.h"
#include "frontend/AstPrinter.h"
#include "frontend/Frontend.h"
#include "frontend/Parser.h"
#include "support/Diagnostics.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

using namespace tilec;

namespace {

// The request a `# tilec:` line spells; malformed flags are skipped (the CLI would reject them
// with a usage error, which is not the front end's business).
frontend::KernelRequest requestFromFlags(const SourceFile &file) {
  frontend::KernelRequest req;
  std::vector<std::string> flags = frontend::defaultFlags(file);
  for (size_t i = 0; i + 1 < flags.size(); ++i) {
    const std::string &f = flags[i], &v = flags[i + 1];
    if (f == "--call" && req.kernel.empty()) {
      req.call = v;
      ++i;
    } else if (f == "--kernel" && req.call.empty()) {
      req.kernel = v;
      ++i;
    } else if (f == "-D") {
      size_t eq = v.find('=');
      if (eq != std::string::npos && eq > 0) {
        try {
          size_t used = 0;
          int64_t value = std::stoll(v.substr(eq + 1), &used);
          if (used == v.size() - eq - 1)
            req.defines[v.substr(0, eq)] = value;
        } catch (const std::logic_error &) {
        }
      }
      ++i;
    }
  }
  return req;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 64 * 1024)
    return -1; // kernels are small; huge inputs only slow the search down
  SourceManager sm;
  const SourceFile &file = sm.addBuffer("input.py", std::string(reinterpret_cast<const char *>(data), size));
  try {
    (void)printAst(parse(file));
  } catch (const CompileError &e) {
    (void)e.render();
    return 0;
  }
  try {
    ir::PrimFuncPtr f = frontend::buildKernel(file, requestFromFlags(file), sm);
    runPipeline(driver::commonPasses(), *f, {});
  } catch (const CompileError &e) {
    (void)e.render();
  }
  return 0;
}
