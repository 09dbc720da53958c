# A 64x64 fp16 GEMM, K in two steps of a two-stage T.Pipelined loop: the input the GPU pass tests
# share (each stops the pipeline before and after its pass and checks what the pass changed).
import tilelang.language as T


@T.prim_func
def gemm(A: T.Tensor((64, 64), "float16"), B: T.Tensor((64, 64), "float16"),
         C: T.Tensor((64, 64), "float32")):
    with T.Kernel(1, 1, threads=128) as (bx, by):
        A_shared = T.alloc_shared((64, 32), "float16")
        B_shared = T.alloc_shared((32, 64), "float16")
        C_local = T.alloc_fragment((64, 64), "float32")
        T.clear(C_local)
        for ko in T.Pipelined(2, num_stages=2):
            T.copy(A[by * 64, ko * 32], A_shared)
            T.copy(B[ko * 32, bx * 64], B_shared)
            T.gemm(A_shared, B_shared, C_local)
        T.copy(C_local, C[by * 64, bx * 64])
