// Writing a set of generated files (a compile target's artifacts) under one folder.
#pragma once

#include <map>
#include <string>

namespace tilec {

// Writes each {relative path: text} under `dir`, creating folders as needed; fails (CompileError
// without a location) on a file it cannot write.
void writeFiles(const std::map<std::string, std::string> &files, const std::string &dir);

} // namespace tilec
