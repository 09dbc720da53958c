# Corpus: RMSNorm over rows — a block of rows is copied whole into shared memory, squared into a
# fragment, row-summed, and each row scaled by rsqrt(mean + eps) and a per-column weight.
# tilec: --call "rms_norm(64, 256, 4)"
import torch
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1], pass_configs={"tl.disable_tma_lower": True})
def rms_norm(M, N, blk_m, eps=1e-6, dtype="float"):

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), W: T.Tensor((N,), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, blk_m), threads=128) as bx:
            x_shared = T.alloc_shared((blk_m, N), dtype)
            x_local = T.alloc_fragment((blk_m, N), dtype)
            sq = T.alloc_fragment((blk_m, N), dtype)
            w_local = T.alloc_fragment((N,), dtype)
            rstd = T.alloc_fragment((blk_m,), dtype)

            T.copy(X[bx * blk_m:(bx + 1) * blk_m, :], x_shared)
            T.copy(W, w_local)
            T.copy(x_shared, x_local)
            for i, j in T.Parallel(blk_m, N):
                sq[i, j] = x_local[i, j] * x_local[i, j]
            T.reduce_sum(sq, rstd, dim=1)
            for i in T.Parallel(blk_m):
                rstd[i] = T.rsqrt(rstd[i] / N + eps)
            for i, j in T.Parallel(blk_m, N):
                x_local[i, j] *= rstd[i] * w_local[j]
            T.copy(x_local, Y[bx * blk_m:(bx + 1) * blk_m, :])

    return main


def ref_program(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * w


if __name__ == "__main__":
    M, N, blk_m = 8192, 8192, 1
    kernel = rms_norm(M, N, blk_m)
    profiler = kernel.get_profiler()
    profiler.assert_allclose(ref_program, rtol=0.01, atol=0.01)
    print("All checks pass.")
