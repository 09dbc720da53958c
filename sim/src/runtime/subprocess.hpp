// Running compilers: spawn several commands at once and wait for all (kernel builds of one program
// proceed in parallel on the machine's cores).
#pragma once
#include <string>
#include <vector>

namespace tilec::sim {

struct Command {
  std::vector<std::string> argv;
  std::string cwd;      // empty: inherit
  std::string logFile;  // stdout+stderr go here
};

// Runs the commands with at most `jobs` at a time; returns each command's exit status (-1: not started).
std::vector<int> runAll(const std::vector<Command>& commands, int jobs);

}  // namespace tilec::sim
