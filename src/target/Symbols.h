// Hygienic names in emitted code (CUDA/HIP kernels, TT kernels, host.cpp, plans).
//
// A printer never writes the name of an IR variable, symbolic size or buffer into C/C++ itself.
// It writes a *symbol*, `@{serial:hint}`: the node's serial (ir::VarNode::serial) says which
// node is meant, the hint is the name the user gave it. Identifier text glued to a symbol with no
// break (`cb_` + symbol, symbol + `_addr`) forms one *derived* symbol of its own. Everything else
// a printer writes — API calls, types, keywords, its own temporaries such as `i` or `tile_r` — is a
// *literal* and is never renamed.
//
// Once all files of a program are printed, resolveSymbols() gives every symbol one C identifier,
// the same in every file: its hint made an identifier, unless that is a C/C++ keyword or a name
// the target reserves (Reserved: its headers' macros, builtins and API), or the name of a literal
// or of another symbol whose scope may overlap the symbol's; then the hint takes the first free
// suffix _1, _2, ... This one rule keeps a symbolic size `k` apart from a loop variable `k`, a
// buffer named `int` from the type, a loop variable `i` from the persistent loop's `i`.
//
// Scopes are read off the printed code, conservatively: a name's scope runs from its first
// appearance to the end of the innermost `{ }` block, or `for (...) { }` statement, around it
// (every printer declares a name before its first use). Symbols in comments and string literals
// are replaced too but claim no scope; data files (JSON) are only substituted.
#pragma once

#include "ir/IR.h"

#include <set>
#include <string>
#include <vector>

namespace tilec::target {

// The symbol of an IR node, for a printer to write where the node's C identifier goes.
std::string symbol(const ir::VarNode &v);
std::string symbol(const ir::BufferNode &b);
inline std::string symbol(const ir::Var &v) { return symbol(*v); }
inline std::string symbol(const ir::Buffer &b) { return symbol(*b); }

// Does `text` spell `name` (an identifier or a symbol, plain or derived) as a whole word?
bool spells(const std::string &text, const std::string &name);

// Names the emitted code must never declare, beyond the C/C++ keywords (always reserved).
struct Reserved {
  std::set<std::string> words;       // macros, builtins, API names of the target's headers
  std::vector<std::string> prefixes; // whole families (`noc_`); a hint with one gets a `v_` prefix
};

// The C and C++ keywords, alternative tokens and standard macros no identifier may take.
const std::set<std::string> &cxxReservedWords();

struct EmittedFile {
  std::string *text;
  bool code; // C/C++ (scanned for scopes and literals) or data (symbols substituted only)
};

// Replaces every symbol of `files` by its identifier (see above).
void resolveSymbols(const std::vector<EmittedFile> &files, const Reserved &reserved);

// The identifier a hint becomes before any uniquing: characters outside [A-Za-z0-9_] become `_`,
// and names C++ reserves (leading `_`, `__` anywhere) or that start with a digit are made legal.
std::string legalIdentifier(const std::string &hint);

} // namespace tilec::target
