# RUN: %tilec compile %s --kernel scale --emit ir | FileCheck %s
# RUN: %tilec compile %s --call "test_scale(48).scale" --emit ir | FileCheck %s --check-prefix=CALL
# RUN: not %tilec compile %s --call "test_scale(48, use_half=False).scale_half" 2>&1 | FileCheck %s --check-prefix=UNREACHED
# A kernel defined inside a test function, selected by name or as `outer(args).inner`: the test
# function runs only up to the def (the torch host code after it never runs); its list and dict
# methods run, the host's queries get a compile-only host's answers.
import torch
import tilelang
import tilelang.language as T


def test_scale(N=64, use_half=True):
    dims = [N]
    dims.insert(0, 32)
    cfg = {"factor": 3.0}
    if torch.cuda.is_available():
        dims.append(1)  # never: no device at compile time

    @T.prim_func
    def scale(A: T.Tensor(dims, "float32"), B: T.Tensor(dims, "float32")):
        with T.Kernel(1) as bx:
            for i, j in T.Parallel(dims[0], dims[1]):
                B[i, j] = A[i, j] * cfg.get("factor") + dims.index(N)

    if use_half:
        @T.prim_func
        def scale_half(A: T.Tensor(dims, "float16")):
            with T.Kernel(1) as bx:
                T.clear(A)

    a = torch.randn(32, N, device="cuda")
    b = torch.empty_like(a)
    scale(a, b)
    assert torch.allclose(b, a * 3)

# CHECK: kernel scale(A: float32[32, 64], B: float32[32, 64])
# CHECK: B[0 +: 32, 0 +: 64] = A[i, j] * 3.0 + 1
# CALL: kernel scale(A: float32[32, 48], B: float32[32, 48])
# UNREACHED: --call:1:32: error: 'test_scale' does not reach its definition of 'scale_half' with these arguments
