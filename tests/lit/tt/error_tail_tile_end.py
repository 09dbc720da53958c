# A tile of 48 columns (not a multiple of 32) ends inside its last 32-column page, so its copy must
# reach the end of the tensor's columns: here X has 64, and the page would also hold columns 48-63
# (read as data, or clobbered by the writer). Refused at the copy.
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def short_tail(X: T.Tensor((64, 64), "float32"), Y: T.Tensor((64, 48), "float32")):
    with T.Kernel(2) as bx:
        x = T.alloc_fragment((32, 48), "float32")
        T.copy(X[bx * 32, 0], x)
        T.copy(x, Y[bx * 32, 0])

# CHECK: error_tail_tile_end.py:11:{{[0-9]+}}: error: this copy moves 48 elements (not a multiple of 32) along dimension 1 of 'X' and does not reach its end
