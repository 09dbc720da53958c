// Dependency lists for the build caches (the idea of ccache's "manifest" mode). A cached artifact's
// first key covers what is known before compiling (the main sources, flags, paths as the compiler sees
// them); the files the compiler then read are listed beside it, and their contents join the key of
// the artifact itself. So an edited header is a miss, and two directories that include different
// headers under the same name get different artifacts instead of overwriting one another.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tilec::sim {

// The prerequisites of a make-style depfile (`g++ -MD -MF FILE`), in order, without the target.
std::vector<std::string> parseDepfile(const std::filesystem::path& depfile);

// The files worth listing: drops `skipPrefixes` (the simulator's own headers, which are keyed
// separately; system headers) and duplicates.
std::vector<std::string> filterDeps(const std::vector<std::string>& files, const std::vector<std::string>& skipPrefixes);

// One path a line. A missing or unreadable list is nullopt (a miss).
std::optional<std::vector<std::string>> readDepList(const std::filesystem::path& list);
void writeDepList(const std::filesystem::path& list, const std::vector<std::string>& files);

// The hash of the listed files' names and contents (relative names resolved against `base`);
// nullopt when one of them no longer exists.
std::optional<std::string> hashDeps(const std::vector<std::string>& files, const std::filesystem::path& base);

}  // namespace tilec::sim
