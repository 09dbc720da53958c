# A tile read across its axes in an element-wise map is brought into DST transposed: tile (r, c)
# of the 96x64 result is the transpose of tile (c, r) of the 64x96 source (3 tile columns).
# RUN: %tilec compile %S/../../tt/kernels/transposed_reads.py --target tt --tt-api 2025 -o %t25
# RUN: FileCheck %s --check-prefix=V2025 < %t25/kernels/compute.cpp
# RUN: %tilec compile %S/../../tt/kernels/transposed_reads.py --target tt --tt-api 2026 -o %t26
# RUN: FileCheck %s --check-prefix=V2026 < %t26/kernels/compute.cpp
# V2025: #include "compute_kernel_api/transpose_wh.h"
# V2025: transpose_wh_init_short(cb_a);
# V2025: transpose_wh_tile(cb_a, (t % 2) * 3 + t / 2, u);
# V2025: transpose_wh_tile(cb_a, (t % 2) * 3 + t / 2, u);
# V2025-NEXT: binop_with_scalar_tile_init();
# V2026: #include "api/compute/transpose.h"
# V2026: transpose_init(cb_a);
# V2026: transpose_tile(cb_a, (t % 2) * 3 + t / 2, u);
