// The front end's one entry point: TileLang source text in, one kernel's Tile IR out.
//
// Lexer → Parser → AST → Evaluator (meta level: factories, closures, constants) → Tile IR.
#pragma once

#include "ir/IR.h"
#include "support/Diagnostics.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tilec::frontend {

// Which kernel of a file to build and how to specialise it.
struct KernelRequest {
  std::string call;                       // --call "factory(1024, 1024, 64)": evaluate, take its kernel
  std::string kernel;                     // --kernel NAME: a top-level @T.prim_func
  std::map<std::string, int64_t> defines; // -D NAME=VALUE: binds free names
};

// Parses and evaluates `file`, returns the selected kernel. With neither `call` nor `kernel`,
// the file must contain exactly one top-level @T.prim_func (or one factory whose parameters all
// have defaults). `sm` owns the buffer holding the --call text, so diagnostics can point into it.
// Throws CompileError.
ir::PrimFuncPtr buildKernel(const SourceFile &file, const KernelRequest &request, SourceManager &sm);

// The arguments of the file's `# tilec: <flags>` comment lines, in order, split like a shell
// would split them (double quotes group words).
std::vector<std::string> defaultFlags(const SourceFile &file);

} // namespace tilec::frontend
