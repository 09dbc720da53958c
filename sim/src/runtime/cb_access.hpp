// Helpers shared by the CB, NoC and compute implementations.
#pragma once
#include <cstdint>

#include "circular_buffer.hpp"
#include "kernel_instance.hpp"

namespace tilec::sim::rt {

// The configured CB `index` of the kernel's core; stops the program if it is out of range or unset.
CircularBuffer& circularBuffer(KernelInstance& k, uint32_t index, abi::Loc loc, const char* call);

// Stops the program if L1 bytes [offset, offset+bytes) of the kernel's core are the destination of one
// of its NoC reads that has not reached noc_async_read_barrier (the data may not have landed yet).
void checkNoPendingRead(KernelInstance& k, uint32_t offset, uint32_t bytes, abi::Loc loc, const char* call);

}  // namespace tilec::sim::rt

namespace tilec::sim::rt {
// L1 offset of the runtime-arg array of kernel `k` (one array per RISC, as TT-Metalium lays them out).
inline uint32_t runtimeArgAddrOffset(const KernelInstance& k, bool common) {
  return (common ? 0x2200u : 0x1000u) + uint32_t(k.risc) * 0x600u;
}
}  // namespace tilec::sim::rt
