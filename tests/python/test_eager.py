"""The eager style from Python: @tilec.jit on a def whose body opens `with T.Kernel`;
`.compile(M=...)` specialises it, a call on arrays binds the T.const sizes from their shapes."""
import numpy as np
import pytest

import tilec

EAGER = '''import tilec
import tilec.language as T

M = 1000  # module-level: the body's own `M = T.const(...)` must not pick it up
SCALE = 0.5


@T.macro
def stage(src, row, col, dst):
    T.copy(src[row * dst.shape[0], col * dst.shape[1]], dst)


@tilec.jit
def matmul(A, B, block_M=32, block_N=32, dtype=T.float32):
    M, N, K = T.const("M, N, K")
    A: T.Tensor((M, K), dtype)
    B: T.Tensor[[K, N], dtype]
    C = T.empty((M, N), dtype)
    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
        A_s = T.alloc_shared((block_M, 32), dtype)
        B_s = T.alloc_shared((32, block_N), dtype)
        C_l = T.alloc_fragment((block_M, block_N), "float32")
        T.clear(C_l)
        for k in T.Pipelined(T.ceildiv(K, 32)):
            stage(A, by, k, A_s)
            stage(B, k, bx, B_s)
            T.gemm(A_s, B_s, C_l)
        for i, j in T.Parallel(block_M, block_N):
            C_l[i, j] = C_l[i, j] * SCALE
        T.copy(C_l, C[by * block_M, bx * block_N])
    return C


@tilec.jit(target="interp")
def two_outputs(X, block=32):
    N = T.const("N")
    X: T.Tensor((N,), "float32")
    Y = T.empty((N,), "float32")
    Z = T.empty((N,), "float32")
    with T.Kernel(T.ceildiv(N, block)) as bx:
        for i in T.Parallel(block):
            Y[bx * block + i] = X[bx * block + i] * 2.0
            Z[bx * block + i] = X[bx * block + i] + 1.0
    return Y, Z


@tilec.jit
def bad(A):
    N = T.const("N")
    A: T.Tensor((N, N), "float32")
    with T.Kernel(1) as bx:
        T.no_such_op(A)
'''


@pytest.fixture
def mod(kernel_file):
    return kernel_file(EAGER)


@pytest.mark.parametrize("target", ["interp", "gpu-interp", "tt-sim"])
def test_compile_then_call(mod, target):
    m, _ = mod
    fn = tilec.jit(target=target)(m.matmul.__wrapped__)
    kernel = fn.compile(M=64, N=96, K=64)
    assert fn.compile(M=64, N=96, K=64) is kernel  # cached per arguments
    rng = np.random.default_rng(3)
    a = rng.uniform(-1, 1, (64, 64)).astype(np.float32)
    b = rng.uniform(-1, 1, (64, 96)).astype(np.float32)
    c = kernel(a, b)
    assert c.shape == (64, 96) and c.dtype == np.float32
    assert np.abs(c - 0.5 * (a @ b)).max() < 1e-4


def test_call_on_arrays_binds_consts_from_shapes(mod):
    m, _ = mod
    rng = np.random.default_rng(4)
    a = rng.uniform(-1, 1, (32, 64)).astype(np.float32)
    b = rng.uniform(-1, 1, (64, 64)).astype(np.float32)
    c = m.matmul(a, b, block_N=64)
    assert np.abs(c - 0.5 * (a @ b)).max() < 1e-4
    assert len(m.matmul.cache) == 1
    # a second shape compiles a second kernel
    c2 = m.matmul(a[:, :32].copy(), b[:32].copy(), block_N=64)
    assert np.abs(c2 - 0.5 * (a[:, :32] @ b[:32])).max() < 1e-4
    assert len(m.matmul.cache) == 2


def test_several_outputs_are_returned_in_order(mod):
    m, _ = mod
    x = np.arange(64, dtype=np.float32)
    y, z = m.two_outputs(x)
    assert np.array_equal(y, 2 * x) and np.array_equal(z, x + 1)


def test_disagreeing_sizes_are_a_type_error(mod):
    m, _ = mod
    with pytest.raises(TypeError, match="size K is 64 but 'B' has 32"):
        m.matmul(np.ones((32, 64), np.float32), np.ones((32, 64), np.float32))


def test_missing_tensor_is_a_type_error(mod):
    m, _ = mod
    with pytest.raises(TypeError, match="needs the tensors B"):
        m.matmul(np.ones((32, 64), np.float32))


def test_unbound_const_is_a_located_error(mod):
    m, path = mod
    with pytest.raises(tilec.CompileError) as e:
        m.matmul.compile(M=64, N=64)
    text = str(e.value)
    assert f"{path}:15:15:" in text and "K" in text, text


def test_error_in_an_eager_body_points_at_the_users_line(mod):
    m, path = mod
    with pytest.raises(tilec.CompileError) as e:
        m.bad.compile(N=32)
    assert f"{path}:52:11" in str(e.value), str(e.value)


SCRIPT = '''import numpy as np
import tilelang
import tilelang.language as T


@tilelang.jit
def add_one(X, block=32):
    N = T.const("N")
    X: T.Tensor((N,), T.float32)
    Y = T.empty((N,), X.dtype)
    with T.Kernel(T.ceildiv(N, block)) as bx:
        for i in T.Parallel(block):
            Y[bx * block + i] = X[bx * block + i] + 1.0
    return Y


kernel = add_one.compile(N=96)
x = np.arange(96, dtype=np.float32)
assert np.array_equal(kernel(x), x + 1)
assert np.array_equal(add_one(x), x + 1)
print("eager ok")
'''


def test_tilelang_eager_script_under_the_runner(tmp_path):
    from conftest import run_script
    path = tmp_path / "eager_script.py"
    path.write_text(SCRIPT)
    r = run_script(str(path), target="tt-sim")
    assert r.returncode == 0, r.stderr
    assert "eager ok" in r.stdout
