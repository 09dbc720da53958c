# RUN: %tilec compile %s --emit ast | FileCheck %s
# The seed document's scalar-style matmul parses into the expected tree.
import tilelang.language as T

@T.prim_func
def matmul(A: T.Buffer[(M, K), "float16"],
           B: T.Buffer[(K, N), "float16"],
           C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        A_tile = T.alloc_shared((32, 32), "float16")
        C_tile = T.alloc_local((32, 32), "float16")
        for i, j in T.Parallel(32, 32):
            C_tile[i, j] = 0.0
        for k in T.Pipelined(T.ceildiv(K, 32)):
            for i, j in T.Parallel(32, 32):
                A_tile[i, j] = A[by * 32 + i, k * 32 + j]
            for i, j, kk in T.Parallel(32, 32, 32):
                C_tile[i, j] += A_tile[i, kk] * B_tile[kk, j]
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = \
                C_tile[i, j]

# CHECK:      import tilelang.language as T
# CHECK-NEXT: @(. T prim_func)
# CHECK-NEXT: def matmul(A: (sub (. T Buffer) (tuple (tuple M K) "float16")), B: (sub (. T Buffer) (tuple (tuple K N) "float16")), C: (sub (. T Buffer) (tuple (tuple M N) "float16")))
# CHECK-NEXT:   with (call (. T Kernel) (call (. T ceildiv) M 32) (call (. T ceildiv) N 32)) as (tuple bx by)
# CHECK-NEXT:     assign A_tile = (call (. T alloc_shared) (tuple 32 32) "float16")
# CHECK-NEXT:     assign C_tile = (call (. T alloc_local) (tuple 32 32) "float16")
# CHECK-NEXT:     for (tuple i j) in (call (. T Parallel) 32 32)
# CHECK-NEXT:       assign (sub C_tile (tuple i j)) = 0.0
# CHECK-NEXT:     for k in (call (. T Pipelined) (call (. T ceildiv) K 32))
# CHECK-NEXT:       for (tuple i j) in (call (. T Parallel) 32 32)
# CHECK-NEXT:         assign (sub A_tile (tuple i j)) = (sub A (tuple (+ (* by 32) i) (+ (* k 32) j)))
# CHECK-NEXT:       for (tuple i j kk) in (call (. T Parallel) 32 32 32)
# CHECK-NEXT:         augassign (sub C_tile (tuple i j)) += (* (sub A_tile (tuple i kk)) (sub B_tile (tuple kk j)))
# CHECK-NEXT:     for (tuple i j) in (call (. T Parallel) 32 32)
# CHECK-NEXT:       assign (sub C (tuple (+ (* by 32) i) (+ (* bx 32) j))) = (sub C_tile (tuple i j))
# CHECK-NOT:  {{.}}
