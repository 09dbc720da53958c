// Runs nothing on the device: only which executable `tilec sim run --exe` picks matters here.
#include <cstdio>

int main(int argc, char** argv) {
  std::printf("ran %s\n", argc > 0 ? argv[0] : "?");
  return 0;
}
