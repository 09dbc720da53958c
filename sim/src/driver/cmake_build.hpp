// Builds a directory that has a CMakeLists.txt the way its author would: configure it against the
// simulator's TT-Metalium CMake package (find_package(TT-Metalium), target TT::Metalium) and build
// it, cached by content: the key covers the directory's build inputs (CMake files and C/C++ sources,
// by relative name), the package and the API level, and the files the build read outside them (the
// compiler's and CMake's own dependency lists). An unchanged project re-runs without invoking CMake.
#pragma once
#include <filesystem>
#include <string>

#include "host_build.hpp"

namespace tilec::sim {

// target: the executable to build and run when the project has several ("": the only one).
HostBuild buildCMakeProject(const std::filesystem::path& dir, const std::string& apiLevel, const std::string& target);

}  // namespace tilec::sim
