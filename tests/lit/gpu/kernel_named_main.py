# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: FileCheck %s --check-prefix=META < %t/launch.json
# TileLang factories usually call the returned kernel `main`, which cannot be a __global__
# function in C++: it is emitted (and launched) as `main_kernel`, as TileLang does.
# tilec: --call "double_it(256)"
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def double_it(n):
    @T.prim_func
    def main(A: T.Tensor((n,), "float32"), B: T.Tensor((n,), "float32")):
        with T.Kernel(T.ceildiv(n, 128), threads=128) as bx:
            for i in T.Parallel(128):
                B[bx * 128 + i] = A[bx * 128 + i] * 2.0
    return main
# CHECK: extern "C" __global__ void __launch_bounds__(128) main_kernel(
# META: "kernel": "main_kernel"
