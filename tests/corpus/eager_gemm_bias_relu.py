# Corpus (eager style): GEMM with a fused epilogue — add a per-column bias, apply ReLU, store in
# the input dtype; transpose_B for a weight stored (N, K) as linear layers keep it.
# tilec: --call "linear_relu.compile(M=64, N=96, K=64, block_M=32, block_N=32, block_K=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def linear_relu(X, W, bias, block_M, block_N, block_K, dtype=T.bfloat16, accum_dtype=T.float32):
    M, N, K = T.const("M, N, K")
    X: T.Tensor((M, K), dtype)
    W: T.Tensor((N, K), dtype)
    bias: T.Tensor((N,), dtype)
    Y = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
        xs = T.alloc_shared((block_M, block_K), dtype)
        ws = T.alloc_shared((block_N, block_K), dtype)
        bs = T.alloc_shared((block_N,), dtype)
        acc = T.alloc_fragment((block_M, block_N), accum_dtype)
        T.clear(acc)
        for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
            T.copy(X[by * block_M, k * block_K], xs)
            T.copy(W[bx * block_N, k * block_K], ws)
            T.gemm(xs, ws, acc, transpose_B=True)
        T.copy(bias[bx * block_N], bs)
        for i, j in T.Parallel(block_M, block_N):
            acc[i, j] = T.max(acc[i, j] + bs[j], 0.0)
        T.copy(acc, Y[by * block_M, bx * block_N])

    return Y
