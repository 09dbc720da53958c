// tilec: the command line. Parses options (a file's `# tilec:` lines give defaults that the
// command line overrides), runs the pipeline, and maps outcomes onto exit codes:
// 0 success, 1 error in the input, 2 usage error, 3 numeric mismatch, 4 simulator stop.
// `tilec sim ...` is the simulator's command line (sim/src/driver/driver.cpp), with its own codes:
// the program's own, 2 usage error, 3 the host program does not build, 4 simulator stop.
#include "driver/Commands.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include <tilec_sim/driver.hpp>

using namespace tilec;

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "sim") {
    return tilec::sim::runCli({args.begin() + 1, args.end()});
  }
  return driver::runCommandLine(args);
}
