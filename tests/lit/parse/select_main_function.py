# RUN: %tilec compile %s --emit ir-raw | FileCheck %s
# With no selection and no `__main__` block that builds a kernel, the script's `main()` runs at its
# default sizes (an eager kernel's .compile here) up to the first kernel it binds.
import torch
import tilelang
import tilelang.language as T


@tilelang.jit
def add_one(A, block=64):
    N = T.const("N")
    A: T.Tensor((N,), "float16")
    B = T.empty((N,), "float16")
    with T.Kernel(T.ceildiv(N, block)) as bx:
        for i in T.Parallel(block):
            B[bx * block + i] = A[bx * block + i] + 1.0
    return B


def main(n=384, verbose=False):
    if torch.cuda.is_available():
        print("running on", torch.cuda.get_device_name())
    kernel = add_one.compile(N=n, block=128)
    print(kernel.get_kernel_source())


if __name__ == "__main__":
    main()
# CHECK: kernel add_one(A: float16[384], B: float16[384])
# CHECK: grid bx < 3; threads 128
