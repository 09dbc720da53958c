// How the evaluator reads the names a file uses: `tilelang.language.X` is `T.X`, Python's
// built-in functions, exception classes. Shared by the meta-level statements, expressions and
// calls, which each resolve names.
#pragma once

#include <string>

namespace tilec::frontend {

// `tilelang.language.X` is what `T.X` names; everything is normalised to the `T.` spelling.
std::string canonicalName(const std::string &dotted);
// `a.b.c` → `c`.
std::string lastComponent(const std::string &dotted);
// A Python built-in function the evaluator implements (Builtins.cpp): `range`, `len`, ...
bool isPythonBuiltin(const std::string &name);
// Exception classes: only ever raised, which becomes a compile error.
bool isExceptionName(const std::string &name);

} // namespace tilec::frontend
