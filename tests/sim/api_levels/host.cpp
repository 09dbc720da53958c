// API levels on the simulator: `tilec-sim run DIR --tt-api 2025|2026 -- KERNEL` builds one compute
// kernel against that level's headers. A name of the other era must fail to compile (exit 4 with the
// compiler's error), as against the real release; the kernels spelled for their own level run.
// The host uses the Mesh API, which both pinned releases have.
#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

#include <cstdio>
#include <string>

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: program KERNEL.cpp\n");
    return 2;
  }
  auto mesh = distributed::MeshDevice::create_unit_mesh(0);
  Program program = CreateProgram();
  const CoreCoord core{0, 0};
  CreateKernel(program, std::string("kernels/") + argv[1], core, ComputeConfig{});
  distributed::MeshWorkload workload;
  workload.add_program(distributed::MeshCoordinateRange(mesh->shape()), std::move(program));
  distributed::EnqueueMeshWorkload(mesh->mesh_command_queue(), workload, true);
  mesh->close();
  std::printf("ran %s\n", argv[1]);
  return 0;
}
