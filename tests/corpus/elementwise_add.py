# Corpus: element-wise add with a tail — each block handles a block_M x block_N tile, threads
# take elements in T.Parallel, and the last blocks guard the edges with an if.
# tilec: --call "elementwise_add(100, 200, 32, 64)"
import argparse

import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def elementwise_add(M, N, block_M, block_N, in_dtype="float32", out_dtype="float32", threads=128):

    @T.prim_func
    def elem_add(A: T.Tensor((M, N), in_dtype), B: T.Tensor((M, N), in_dtype), C: T.Tensor((M, N), out_dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=threads) as (bx, by):
            for local_y, local_x in T.Parallel(block_M, block_N):
                y = by * block_M + local_y
                x = bx * block_N + local_x
                if y < M and x < N:
                    C[y, x] = A[y, x] + B[y, x]

    return elem_add


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--m", type=int, default=1024)
    parser.add_argument("--n", type=int, default=1024)
    args, _ = parser.parse_known_args()
    import torch
    a = torch.randn(args.m, args.n, dtype=torch.float32, device="cuda")
    b = torch.randn(args.m, args.n, dtype=torch.float32, device="cuda")
    kernel = elementwise_add(args.m, args.n, 32, 32)
    torch.testing.assert_close(kernel(a, b), a + b)


if __name__ == "__main__":
    main()
