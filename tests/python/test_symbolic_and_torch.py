"""Sizes left symbolic are bound from the arrays' shapes at each call; torch CPU tensors are
accepted where numpy arrays are (skipped, saying so, where torch is not installed)."""
import numpy as np
import pytest

import tilec

SEED_STYLE = '''import tilec.language as T

M = T.dynamic("M")  # sizes known at run time: bound from the arrays at each call
N = T.symbolic("N")

@T.prim_func
def add(A: T.Buffer[(M, N), "float32"], B: T.Buffer[(M, N), "float32"], C: T.Buffer[(M, N), "float32"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]
'''


@pytest.mark.parametrize("target", ["interp", "tt-sim"])
def test_symbolic_sizes_bound_from_array_shapes(kernel_file, target):
    mod, _ = kernel_file(SEED_STYLE)
    kernel = tilec.compile(mod.add, out_idx=-1, target=target)
    assert set(kernel.core.size_names) == {"M", "N"}
    for m, n in ((64, 32), (32, 96)):
        a = np.arange(m * n, dtype=np.float32).reshape(m, n)
        b = np.ones((m, n), np.float32)
        c = kernel(a, b)
        assert c.shape == (m, n) and np.array_equal(c, a + 1)


def test_sizes_that_disagree_are_a_located_error(kernel_file):
    mod, _ = kernel_file(SEED_STYLE)
    kernel = tilec.compile(mod.add, out_idx=-1)
    with pytest.raises(tilec.CompileError, match="M"):
        kernel(np.ones((64, 32), np.float32), np.ones((32, 32), np.float32))


def test_torch_cpu_tensors(kernel_file):
    torch = pytest.importorskip("torch", reason="torch is not installed here")
    mod, _ = kernel_file(SEED_STYLE)
    kernel = tilec.compile(mod.add, out_idx=-1)
    a = torch.arange(64 * 32, dtype=torch.float32).reshape(64, 32)
    c = kernel(a, torch.ones(64, 32))
    assert np.array_equal(c, a.numpy() + 1)
