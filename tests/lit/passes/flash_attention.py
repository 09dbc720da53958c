# Flash-attention forward (factory style): scaled exp2 nests → map, online-softmax rescaling
# with broadcasts → map, the accumulator update inside T.Pipelined stays in place.
# RUN: %tilec compile %s --call "flash(128, 64, 32, 32)" --emit ir | FileCheck %s
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[3])
def flash(seq, dim, bm, bn, dtype="float16"):
    scale = 1.0 / (dim ** 0.5)
    @T.prim_func
    def kernel(Q: T.Tensor((seq, dim), dtype), K: T.Tensor((seq, dim), dtype), V: T.Tensor((seq, dim), dtype), O: T.Tensor((seq, dim), dtype)):
        with T.Kernel(T.ceildiv(seq, bm), threads=128) as bx:
            q = T.alloc_shared((bm, dim), dtype)
            k = T.alloc_shared((bn, dim), dtype)
            v = T.alloc_shared((bn, dim), dtype)
            s = T.alloc_fragment((bm, bn), "float32")
            s_cast = T.alloc_shared((bm, bn), dtype)
            acc = T.alloc_fragment((bm, dim), "float32")
            m = T.alloc_fragment((bm,), "float32")
            m_prev = T.alloc_fragment((bm,), "float32")
            l = T.alloc_fragment((bm,), "float32")
            r = T.alloc_fragment((bm,), "float32")
            T.copy(Q[bx * bm, 0], q)
            T.fill(acc, 0)
            T.fill(l, 0)
            T.fill(m, -T.infinity("float32"))
            for kb in T.Pipelined(T.ceildiv(seq, bn), num_stages=2):
                T.copy(K[kb * bn, 0], k)
                T.copy(V[kb * bn, 0], v)
                T.clear(s)
                T.gemm(q, k, s, transpose_B=True)
                T.copy(m, m_prev)
                T.reduce_max(s, m, dim=1, clear=False)
                for i in T.Parallel(bm):
                    r[i] = T.exp2((m_prev[i] - m[i]) * scale)
                for i, j in T.Parallel(bm, bn):
                    s[i, j] = T.exp2(s[i, j] * scale - m[i] * scale)
                for i, j in T.Parallel(bm, dim):
                    acc[i, j] *= r[i]
                T.reduce_sum(s, r, dim=1)
                for i in T.Parallel(bm):
                    l[i] = l[i] * T.exp2((m_prev[i] - m[i]) * scale) + r[i]
                T.copy(s, s_cast)
                T.gemm(s_cast, v, acc)
            for i, j in T.Parallel(bm, dim):
                acc[i, j] /= l[i]
            T.copy(acc, O[bx * bm, 0])
    return kernel

# CHECK-LABEL: body:
# CHECK-NEXT: copy(Q[bx * 32 +: 32, 0 +: 64] -> q[0 +: 32, 0 +: 64])
# CHECK-NEXT: fill(acc[0 +: 32, 0 +: 64], 0)
# CHECK-NEXT: fill(l[0 +: 32], 0)
# CHECK-NEXT: fill(m[0 +: 32], -inf)
# CHECK-NEXT: for kb in pipelined(4, stages=2):
# CHECK-NEXT:   copy(K[kb * 32 +: 32, 0 +: 64] -> k[0 +: 32, 0 +: 64])
# CHECK-NEXT:   copy(V[kb * 32 +: 32, 0 +: 64] -> v[0 +: 32, 0 +: 64])
# CHECK-NEXT:   fill(s[0 +: 32, 0 +: 32], 0.0)
# CHECK-NEXT:   gemm(q[0 +: 32, 0 +: 64], k[0 +: 32, 0 +: 64] -> s[0 +: 32, 0 +: 32], transpose_B)
# CHECK-NEXT:   copy(m[0 +: 32] -> m_prev[0 +: 32])
# CHECK-NEXT:   reduce_max(s[0 +: 32, 0 +: 32] -> m[0 +: 32], dim=1, accumulate)
# CHECK-NEXT:   map(i) r[0 +: 32] = exp2((m_prev[i] - m[i]) * 0.125)
# CHECK-NEXT:   map(i, j) s[0 +: 32, 0 +: 32] = exp2(s[i, j] * 0.125 - m[i] * 0.125)
# CHECK-NEXT:   map(i, j) acc[0 +: 32, 0 +: 64] = acc[i, j] * r[i]
# CHECK-NEXT:   reduce_sum(s[0 +: 32, 0 +: 32] -> r[0 +: 32], dim=1)
# CHECK-NEXT:   map(i) l[0 +: 32] = l[i] * exp2((m_prev[i] - m[i]) * 0.125) + r[i]
# CHECK-NEXT:   copy(s[0 +: 32, 0 +: 32] -> s_cast[0 +: 32, 0 +: 32])
# CHECK-NEXT:   gemm(s_cast[0 +: 32, 0 +: 32], v[0 +: 32, 0 +: 64] -> acc[0 +: 32, 0 +: 64])
# CHECK-NEXT: map(i, j) acc[0 +: 32, 0 +: 64] = acc[i, j] / l[i]
# CHECK-NEXT: copy(acc[0 +: 32, 0 +: 64] -> O[bx * 32 +: 32, 0 +: 64])
