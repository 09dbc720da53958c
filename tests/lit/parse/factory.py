# RUN: %tilec compile %s --emit ast | FileCheck %s
# Factory style: a jit-decorated function with defaults returns a nested prim_func.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def scaled_matmul(M, N, K, bm=64, bn=64, bk=32, dtype="bfloat16", acc="float32"):
    @T.prim_func
    def kernel(X: T.Tensor((M, K), dtype), W: T.Tensor((K, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            acc_tile = T.alloc_fragment((bm, bn), acc)
            for ko in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(X[by * bm, ko * bk], xs)
                T.copy(W[ko * bk:(ko + 1) * bk, bx * bn:], ws)
                T.gemm(xs, ws, acc_tile, transpose_B=True)
            T.copy(acc_tile, Y[by * bm, bx * bn])
    return kernel


def main():
    a = torch.randn(1024, 1024, device="cuda", dtype=torch.float16)
    err = (a - a).abs().max()
    print(f"max err {err:.3e}")
    assert torch.allclose(a, a, rtol=1e-2)


if __name__ == "__main__":
    main()

# CHECK:      @(call (. tilelang jit) (kw out_idx (list (neg 1))))
# CHECK-NEXT: def scaled_matmul(M, N, K, bm = 64, bn = 64, bk = 32, dtype = "bfloat16", acc = "float32")
# CHECK-NEXT:   @(. T prim_func)
# CHECK-NEXT:   def kernel(X: (call (. T Tensor) (tuple M K) dtype), W: (call (. T Tensor) (tuple K N) dtype), Y: (call (. T Tensor) (tuple M N) dtype))
# CHECK-NEXT:     with (call (. T Kernel) (call (. T ceildiv) N bn) (call (. T ceildiv) M bm) (kw threads 128)) as (tuple bx by)
# CHECK-NEXT:       assign acc_tile = (call (. T alloc_fragment) (tuple bm bn) acc)
# CHECK-NEXT:       for ko in (call (. T Pipelined) (call (. T ceildiv) K bk) (kw num_stages 2))
# CHECK-NEXT:         expr (call (. T copy) (sub X (tuple (* by bm) (* ko bk))) xs)
# CHECK-NEXT:         expr (call (. T copy) (sub W (tuple (slice (* ko bk) (* (+ ko 1) bk) _) (slice (* bx bn) _ _))) ws)
# CHECK-NEXT:         expr (call (. T gemm) xs ws acc_tile (kw transpose_B True))
# CHECK-NEXT:       expr (call (. T copy) acc_tile (sub Y (tuple (* by bm) (* bx bn))))
# CHECK-NEXT:   return kernel
# CHECK-NEXT: def main()
# CHECK-NEXT:   assign a = (call (. torch randn) 1024 1024 (kw device "cuda") (kw dtype (. torch float16)))
# CHECK-NEXT:   assign err = (call (. (call (. (- a a) abs)) max))
# CHECK-NEXT:   expr (call print (fstring "max err " (fmt err :".3e")))
# CHECK-NEXT:   assert (call (. torch allclose) a a (kw rtol 0.01))
# CHECK-NEXT: if (compare __name__ == "__main__")
# CHECK-NEXT:   expr (call main)
