"""TileLang's JIT workflow on numpy arrays: @tilec.jit on a factory, tilec.compile on a kernel,
on the interpreter and the TT simulator, in bfloat16, float16 and float32."""
import numpy as np
import pytest

import tilec

ml_dtypes = pytest.importorskip("ml_dtypes")

FACTORY = '''
import tilec
import tilec.language as T


def matmul(M, N, K, block_M=32, block_N=32, dtype="float16", accum_dtype="float"):
    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_s = T.alloc_shared((block_M, 32), dtype)
            B_s = T.alloc_shared((32, block_N), dtype)
            C_l = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_l)
            for k in T.Pipelined(T.ceildiv(K, 32)):
                T.copy(A[by * block_M, k * 32], A_s)
                T.copy(B[k * 32, bx * block_N], B_s)
                T.gemm(A_s, B_s, C_l)
            T.copy(C_l, C[by * block_M, bx * block_N])
    return main


@T.macro
def add_scaled(X, Y, Z, s):
    for i, j in T.Parallel(32, 32):
        Z[i, j] = X[i, j] + Y[i, j] * s


def axpy(M, N, scale, dtype):
    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype), Z: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
            xs = T.alloc_fragment((32, 32), dtype)
            ys = T.alloc_fragment((32, 32), dtype)
            zs = T.alloc_fragment((32, 32), dtype)
            T.copy(X[by * 32, bx * 32], xs)
            T.copy(Y[by * 32, bx * 32], ys)
            add_scaled(xs, ys, zs, scale)
            T.copy(zs, Z[by * 32, bx * 32])
    return main
'''

DTYPES = {"bfloat16": ml_dtypes.bfloat16, "float16": np.float16, "float32": np.float32}
TOL = {"bfloat16": 3e-2, "float16": 1e-2, "float32": 1e-4}


def _close(got, want, dtype):
    got = np.asarray(got, dtype=np.float64)
    assert np.abs(got - want).max() <= TOL[dtype] * np.abs(want).max() + 1e-3


@pytest.fixture
def mod(kernel_file):
    return kernel_file(FACTORY)[0]


@pytest.mark.parametrize("target", ["interp", "tt-sim"])
@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "float32"])
def test_jit_factory_matmul(mod, target, dtype):
    matmul = tilec.jit(out_idx=[-1], target=target)(mod.matmul)
    kernel = matmul(64, 64, 64, dtype=dtype)
    assert matmul(64, 64, 64, dtype=dtype) is kernel  # cached per arguments
    rng = np.random.default_rng(7)
    a = rng.uniform(-1, 1, (64, 64)).astype(DTYPES[dtype])
    b = rng.uniform(-1, 1, (64, 64)).astype(DTYPES[dtype])
    c = kernel(a, b)
    assert c.dtype == np.dtype(DTYPES[dtype]) and c.shape == (64, 64)
    _close(c, a.astype(np.float64) @ b.astype(np.float64), dtype)
    if target == "tt-sim":
        assert kernel.report["cycles"] > 0
        assert kernel.report["core_busy"]
        assert "kernels/compute.cpp" in kernel.artifacts
        assert "matmul_tiles" in kernel.get_kernel_source()


@pytest.mark.parametrize("target", ["interp", "tt-sim", "gpu-interp"])
def test_compile_closure_values_and_macro(mod, target):
    kernel = tilec.compile(mod.axpy(32, 64, 0.5, "float32"), out_idx=-1, target=target)
    rng = np.random.default_rng(8)
    x = rng.uniform(-1, 1, (32, 64)).astype(np.float32)
    y = rng.uniform(-1, 1, (32, 64)).astype(np.float32)
    _close(kernel(x, y), x + 0.5 * y, "float32")


def test_all_arguments_given_writes_in_place(mod):
    kernel = tilec.compile(mod.axpy(32, 32, 2.0, "float32"), target="interp")
    x = np.ones((32, 32), np.float32)
    y = np.full((32, 32), 3.0, np.float32)
    z = np.zeros((32, 32), np.float32)
    assert kernel(x, y, z) is None
    assert np.all(z == 7.0)


def test_wrong_dtype_is_a_type_error(mod):
    kernel = tilec.compile(mod.axpy(32, 32, 2.0, "float16"), out_idx=-1)
    with pytest.raises(TypeError, match="float16"):
        kernel(np.ones((32, 32), np.float32), np.ones((32, 32), np.float32))


def test_wrong_shape_is_a_located_error(mod):
    kernel = tilec.compile(mod.axpy(32, 32, 2.0, "float32"), target="interp")
    with pytest.raises(tilec.CompileError, match="shape"):
        kernel(np.ones((32, 64), np.float32), np.ones((32, 32), np.float32), np.ones((32, 32), np.float32))
