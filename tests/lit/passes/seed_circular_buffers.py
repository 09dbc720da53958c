# The seed's circular-buffer example (examples/seed): `T.copy(x)` of one element in a T.Parallel
# nest → copy; the negation nest → map.
# RUN: %tilec compile %examples/seed/circular_buffers.py --emit ir | FileCheck %s
# CHECK-LABEL: body:
# CHECK-NEXT: copy(global_mem[by * 32 +: 32, bx * 32 +: 32] -> local_tile[0 +: 32, 0 +: 32])
# CHECK-NEXT: map(i, j) out[by * 32 +: 32, bx * 32 +: 32] = -local_tile[i, j]
# CHECK-NOT: {{.}}
