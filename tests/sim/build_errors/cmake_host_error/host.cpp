// Does not compile: CreateDevices is not part of the host API.
#include <tt-metalium/host_api.hpp>

int main() {
  auto* device = tt::tt_metal::CreateDevices(0);
  return device ? 0 : 1;
}
