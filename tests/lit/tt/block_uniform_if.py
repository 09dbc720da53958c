# An `if` on block indices (the groups of a grouped GEMM) is block-uniform: the reader, compute and
# writer of a block evaluate it alike and each keeps its part of the branch inside it; the
# multicast semaphores of the three copies of `a` get a name each. An `if` on a tensor value is
# still refused at the `if`.
# RUN: %tilec compile %S/../../corpus/eager_grouped_gemm.py --target tt -o %t
# RUN: FileCheck %s --check-prefix=COMPUTE < %t/kernels/compute.cpp
# RUN: FileCheck %s --check-prefix=READER < %t/kernels/reader.cpp
# RUN: FileCheck %s --check-prefix=HOST < %t/host.cpp
# RUN: not %tilec compile %s --target tt -o %t2 2>&1 | FileCheck %s --check-prefix=DATA
import tilelang.language as T

@T.prim_func
def data_if(A: T.Tensor((64, 64), "float32"), N: T.Tensor((4,), "int32"), B: T.Tensor((64, 64), "float32")):
    with T.Kernel(2, 2) as (bx, by):
        a = T.alloc_fragment((32, 32), "float32")
        T.copy(A[by * 32, bx * 32], a)
        if N[bx] > 0:
            T.copy(a, B[by * 32, bx * 32])

# COMPUTE: if (by >= 0 && (by < 2)) {
# COMPUTE: matmul
# COMPUTE: if (by >= 2 && (by < 3)) {
# COMPUTE: if (by >= 3 && (by < 6)) {
# READER: if (by >= 0 && (by < 2)) {
# READER: noc_async_read_page(
# READER: if (by >= 2 && (by < 3)) {
# HOST: a_receiver_sem
# HOST: a_2_receiver_sem
# HOST: a_3_receiver_sem
# DATA: block_uniform_if.py:17:9: error: data-dependent control flow inside a Tenstorrent kernel is not supported: this condition reads a tensor or tile (N[bx] > 0)
