# validate-tt: integer tensors are moved (T.copy between a tensor and a tile of the same dtype), but
# computing on an integer tile is refused at the operation (tests/lit/tt/error_int64_tensor.py: int64).
# RUN: %tilec compile %s --target tt --stop-after=inline-parallel-lets -D WHICH=0 | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=validate-tt -D WHICH=0 | FileCheck %s --check-prefix=MOVE
# RUN: not %tilec compile %s --target tt --stop-after=validate-tt -D WHICH=1 2>&1 | FileCheck %s --check-prefix=COMPUTE
# RUN: not %tilec compile %s --target tt --stop-after=validate-tt -D WHICH=2 2>&1 | FileCheck %s --check-prefix=READ
import tilelang.language as T

@T.prim_func
def copy_int(A: T.Tensor((64, 64), "int32"), B: T.Tensor((64, 64), "int32"),
             F: T.Tensor((64, 64), "float32")):
    with T.Kernel(2, 2) as (bx, by):
        tile = T.alloc_shared((32, 32), "int32")
        T.copy(A[by * 32, bx * 32], tile)
        if WHICH == 1:
            for i, j in T.Parallel(32, 32):
                tile[i, j] = tile[i, j] + 1
        if WHICH == 2:
            f = T.alloc_fragment((32, 32), "float32")
            for i, j in T.Parallel(32, 32):
                f[i, j] = T.cast(tile[i, j], "float32") * 2.0
            T.copy(f, F[by * 32, bx * 32])
        T.copy(tile, B[by * 32, bx * 32])

# BEFORE: kernel copy_int(
# MOVE: copy(A[by * 32 +: 32, bx * 32 +: 32] -> tile[0 +: 32, 0 +: 32])
# MOVE: copy(tile[0 +: 32, 0 +: 32] -> B[by * 32 +: 32, bx * 32 +: 32])
# COMPUTE: validate_tt.py:{{[0-9]+}}:13: error: this element-wise operation computes on 'tile' of dtype int32
# READ: validate_tt.py:{{[0-9]+}}:13: error: this element-wise operation computes on 'tile' of dtype int32
