// tilec-sim: the simulator's own command line (`tilec-sim run DIR ...`), the same as `tilec sim run`.
#include <string>
#include <vector>

#include "tilec_sim/driver.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return tilec::sim::runCli(args);
}
