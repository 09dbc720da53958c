// Recursive-descent parser for the Python that TileLang files are written in.
//
// It accepts whole files as users write them: kernels, factories, and the host code around them
// (torch calls, `if __name__ == "__main__":`, classes, try/except, comprehensions, f-strings).
// Every syntax error is a CompileError located at the offending token, saying what was expected
// and what was found. Precedence and associativity follow Python's grammar exactly.
#pragma once

#include "frontend/Ast.h"

namespace tilec {

// Parses a whole file. The module keeps `# tilec: <flags>` comments in `directives`.
ast::Module parse(const SourceFile &file);

// Parses a buffer holding exactly one expression (or an unparenthesized tuple), e.g. the text of
// `--call "factory(1024, dtype='float16')"`.
ast::ExprPtr parseExpression(const SourceFile &file);

} // namespace tilec
