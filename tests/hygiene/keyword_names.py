# Hygiene: every name a C/C++ keyword. Tensors `int`, `float`, `bias`, `char`; runtime sizes named
# "new" and "this"; tiles `auto`, `register`, `void`, `long`; block indices `static`, `const`; loop
# variables `this` (the same name as a size), `do`, `goto`. The emitted CUDA and TT code must
# declare none of them under its own name, and the K loop `this` must not capture the size "this".
# tilec: --call "keyword_gemm(64, 96)" -D new=64 -D this=64
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def keyword_gemm(N, K, block=32, dtype="bfloat16", accum_dtype="float32"):
    M = T.dynamic("new")
    R = T.dynamic("this")

    @T.prim_func
    def main(int: T.Tensor((M, K), dtype), float: T.Tensor((K, N), dtype),
             bias: T.Tensor((R, N), dtype), char: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block), T.ceildiv(M, block), threads=128) as (static, const):
            auto = T.alloc_shared((block, block), dtype)
            register = T.alloc_shared((block, block), dtype)
            void = T.alloc_shared((block, block), dtype)
            long = T.alloc_fragment((block, block), accum_dtype)
            T.copy(bias[const * block, static * block], void)
            T.clear(long)
            for this in T.Pipelined(T.ceildiv(K, block), num_stages=2):
                T.copy(int[const * block, this * block], auto)
                T.copy(float[this * block, static * block], register)
                T.gemm(auto, register, long)
            for do, goto in T.Parallel(block, block):
                long[do, goto] = long[do, goto] + void[do, goto]
            T.copy(long, char[const * block, static * block])

    return main
