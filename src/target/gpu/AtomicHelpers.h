// The device functions the CUDA / HIP printer calls for atomic stores (T.atomic_add / atomic_max /
// atomic_min), printed above the kernel when it has one.
#pragma once

namespace tilec::gpu {

// C++ for CUDA and HIP alike (and the host emulation, whose shim provides atomicCAS and the
// 32-bit atomics): tilec_atomic_add / _max / _min(T *element, T value) for every dtype tilec has.
const char *atomicHelpersText();

} // namespace tilec::gpu
