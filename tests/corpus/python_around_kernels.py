# Corpus: the Python people write around TileLang kernels — star imports of tilelang modules
# (`autotune` from `tilelang.autotuner import *` stacked on the jit: its configs are not tried),
# tl.cdiv / tilelang.next_power_of_2, T.dtype / tvm.DataType, shapes built with list methods and
# comprehensions, a kernel defined inside a test function next to host code that needs torch and
# a GPU (never run: the selection runs the test function only up to the kernel's def).
# tilec: --call "test_row_scale(96, 80).row_scale()"
import torch
import tvm
import tilelang
import tilelang as tl
import tilelang.language as T
from tilelang.autotuner import *
from tilelang.carver.arch import driver


def test_row_scale(M, N, dtype="float32"):
    sms = driver.get_num_sms()          # 132 on a compile-only host
    on_gpu = torch.cuda.is_available()  # False on a compile-only host
    padded_N = tilelang.next_power_of_2(N)  # 128
    shape = []
    shape.append(M)
    shape.extend([N])
    acc_dtype = T.dtype("float32")
    in_dtype = tvm.DataType(dtype)
    cfg = {"block_M": 32}
    blocks = [tl.cdiv(d, cfg.get("block_M")) for d in shape]

    @autotune(configs=[{"block_M": b} for b in (32, 64)], warmup=10, rep=10)
    @tilelang.jit(out_idx=[-1])
    def row_scale(block_M=cfg.get("block_M"), threads=min(sms, 128)):
        @T.prim_func
        def main(A: T.Tensor(shape, in_dtype), W: T.Tensor((shape[shape.index(N)],), in_dtype),
                 B: T.Tensor(shape, in_dtype)):
            with T.Kernel(blocks[0], threads=threads) as bx:
                row = T.alloc_fragment((block_M, padded_N), acc_dtype)
                T.clear(row)
                for i, j in T.Parallel(block_M, N):
                    row[i, j] = A[bx * block_M + i, j] * W[j]
                for i, j in T.Parallel(block_M, N):
                    B[bx * block_M + i, j] = row[i, j] * (2.0 if not on_gpu else 1.0)
        return main

    kernel = row_scale()
    a = torch.randn(M, N, device="cuda")
    w = torch.randn(N, device="cuda")
    torch.testing.assert_close(kernel(a, w), a * w * 2)


if __name__ == "__main__":
    test_row_scale(1024, 1000)
