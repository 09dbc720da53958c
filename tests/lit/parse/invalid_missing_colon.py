# RUN: not %tilec compile %s --emit ast 2>&1 | FileCheck %s
@T.prim_func
def add(A: T.Buffer[(M,), "float16"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx
        pass
# CHECK: invalid_missing_colon.py:4:42: error: expected ':' after 'with' statement, found end of line
