# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# T.alloc_shared's optional scope must be a shared-memory scope; another kind of memory is an error
# that names the allocation to use instead (not silently ignored).
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32")):
    with T.Kernel(1, threads=128) as bx:
        tile = T.alloc_shared((32, 32), "float32", scope="local.fragment")
        T.copy(A, tile)
        T.copy(tile, B)
# CHECK: alloc_shared_wrong_scope.py:9:16: error: T.alloc_shared: scope must be "shared.dyn" or "shared", got 'local.fragment'; memory of scope "local.fragment" is allocated with T.alloc_fragment
