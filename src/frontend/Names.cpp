#include "frontend/Names.h"

#include <set>

namespace tilec::frontend {

std::string canonicalName(const std::string &dotted) {
  const std::string prefix = "tilelang.language";
  if (dotted == prefix)
    return "T";
  if (dotted.rfind(prefix + ".", 0) == 0)
    return "T." + dotted.substr(prefix.size() + 1);
  return dotted;
}

std::string lastComponent(const std::string &dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

bool isPythonBuiltin(const std::string &name) {
  static const std::set<std::string> kPythonBuiltins = {
      "range", "len",   "min",    "max",  "abs",  "int",     "float",    "str",
      "bool",  "tuple", "list",   "dict", "zip",  "enumerate", "sum",    "print",
      "isinstance", "any", "all", "round", "pow", "divmod",  "sorted",   "reversed", "set",
      "getattr"};
  return kPythonBuiltins.count(name) != 0;
}

bool isExceptionName(const std::string &name) {
  return name.size() > 5 && (name.ends_with("Error") || name.ends_with("Exception") ||
                             name == "StopIteration" || name == "KeyboardInterrupt");
}

} // namespace tilec::frontend
