# RUN: %tilec compile %s --emit ir-raw | FileCheck %s
# RUN: %tilec compile %s --call "check_source()" --emit ir-raw | FileCheck %s --check-prefix=SOURCE
# RUN: not %tilec compile %s --call "gather.compile(block=32)" 2>&1 | FileCheck %s --check-prefix=NOSIZE
# A script that calls its eager kernel through a wrapper, on torch tensors made with chained
# methods (.cuda().half(), .to(torch.int32), a transposed view): the kernel the run builds is
# the selection, with T.const sizes from those tensors' shapes and dtypes. A print of
# get_kernel_source(...) builds one too.
import torch
import tilelang
import tilelang.language as T


@tilelang.jit
def gather(X, Idx, block=32):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), "float16")
    Idx: T.Tensor((M,), "int32")
    Y = T.empty((M, N), "float16")
    with T.Kernel(T.ceildiv(M, block)) as bx:
        for i, j in T.Parallel(block, N):
            Y[bx * block + i, j] = X[Idx[bx * block + i], j]
    return Y


def gather_rows(x, idx):
    assert x.is_contiguous() and idx.dim() == 1
    assert x.size(0) == idx.numel()
    return gather(x, idx)


def check_source():
    print(gather.get_kernel_source(M=64, N=32))


def main(m=96, n=64):
    torch.manual_seed(0)
    x = torch.randn(n, m).cuda().half().t()
    idx = torch.randint(0, m, (m,), device="cuda").to(torch.int32)
    y = gather_rows(x, idx)
    torch.testing.assert_close(y, x[idx.long()])


if __name__ == "__main__":
    main()
# CHECK: kernel gather(X: float16[96, 64], Idx: int32[96], Y: float16[96, 64])
# SOURCE: kernel gather(X: float16[64, 32], Idx: int32[64], Y: float16[64, 32])
# NOSIZE: error: the T.const size 'M' is not bound
