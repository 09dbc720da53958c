"""Errors are Python exceptions carrying the located diagnostic (the user's file and line);
TT annotations, written in the file or applied from Python, and options reach tt.plan.json."""
import json

import pytest

import tilec

BAD = '''import tilec.language as T

N = 64


@T.prim_func
def bad(A: T.Tensor((N, N), "float32"), B: T.Tensor((N, N), "float32")):
    with T.Kernel(2, 2) as (bx, by):
        T.atomic_add(B[bx, by], A[bx, by])
'''

NESTED_BAD = '''import tilec.language as T


def factory(n):
    @T.prim_func
    def k(A: T.Tensor((n, n), "float32")):
        with T.Kernel(1) as bx:
            T.no_such_op(A)
    return k
'''


def test_compile_error_names_the_users_file_and_line(kernel_file):
    mod, path = kernel_file(BAD)
    with pytest.raises(tilec.CompileError) as e:
        tilec.compile(mod.bad)
    text = str(e.value)
    assert f"{path}:9:" in text, text
    assert "T.atomic_add(B[bx, by], A[bx, by])" in text  # the user's line, with a caret
    assert "^" in text


def test_error_in_a_factory_kernel_points_into_the_factory(kernel_file):
    mod, path = kernel_file(NESTED_BAD)
    with pytest.raises(tilec.CompileError) as e:
        tilec.compile(mod.factory(32))
    assert f"{path}:8:15" in str(e.value), str(e.value)


GEMM = '''import tilec.language as T
from tilec.tt import annotate_tt_schedule, annotate_tt_sharding

M = N = K = 64


def body():
    pass


@annotate_tt_schedule(policy="strided", order="column_major", chunk_k_tiles=2)
@annotate_tt_sharding({"B": {"layout": "column_major"}})
@T.prim_func
def written(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"), C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        A_s = T.alloc_shared((32, 32), "bfloat16")
        B_s = T.alloc_shared((32, 32), "bfloat16")
        C_l = T.alloc_fragment((32, 32), "float32")
        T.clear(C_l)
        for k in T.Pipelined(T.ceildiv(K, 32)):
            T.copy(A[by * 32, k * 32], A_s)
            T.copy(B[k * 32, bx * 32], B_s)
            T.gemm(A_s, B_s, C_l)
        T.copy(C_l, C[by * 32, bx * 32])



@T.prim_func
def plain(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"), C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        A_s = T.alloc_shared((32, 32), "bfloat16")
        B_s = T.alloc_shared((32, 32), "bfloat16")
        C_l = T.alloc_fragment((32, 32), "float32")
        T.clear(C_l)
        for k in T.Pipelined(T.ceildiv(K, 32)):
            T.copy(A[by * 32, k * 32], A_s)
            T.copy(B[k * 32, bx * 32], B_s)
            T.gemm(A_s, B_s, C_l)
        T.copy(C_l, C[by * 32, bx * 32])
'''


def _plan(func, **options):
    mod = tilec.tt.apply_tt_defaults(tilec.IRModule.from_expr(func))
    mod = tilec.tt.apply_tt_metadata_passes(mod)
    return json.loads(tilec.tt.emit_tt_artifacts(mod, **options)["tt.plan.json"])


def _tile_order(plan, name):
    return next(t["tile_order"] for t in plan["tensors"] if t["name"] == name)


def test_annotations_written_in_the_file_reach_the_plan(kernel_file):
    mod, _ = kernel_file(GEMM)
    plan = _plan(mod.written)
    assert plan["schedule"]["policy"] == "strided"
    assert plan["schedule"]["order"] == "column_major"
    assert plan["schedule"]["chunk_k_tiles"] == 2
    assert _tile_order(plan, "B") == "column_major"


def test_annotations_applied_from_python_reach_the_plan(kernel_file):
    mod, _ = kernel_file(GEMM)
    plain = _plan(mod.plain)
    assert plain["schedule"]["policy"] != "strided" and _tile_order(plain, "B") == "row_major"
    annotated = tilec.tt.annotate_tt_schedule(policy="strided", chunk_k_tiles=2)(
        tilec.tt.annotate_tt_sharding({"B": {"layout": "column_major"}})(mod.plain))
    plan = _plan(annotated)
    assert plan["schedule"]["policy"] == "strided" and plan["schedule"]["chunk_k_tiles"] == 2
    assert _tile_order(plan, "B") == "column_major"


def test_options_override_annotations_and_write_files(kernel_file, tmp_path):
    mod, _ = kernel_file(GEMM)
    m = tilec.tt.apply_tt_defaults(tilec.IRModule.from_expr(mod.written), arch="blackhole", grid=(2, 2),
                                   policy="contiguous", tt_api=2026)
    files = tilec.tt.emit_tt_artifacts(m, out_dir=str(tmp_path))
    plan = json.loads(files["tt.plan.json"])
    assert plan["schedule"]["policy"] == "contiguous" and plan["arch"]["name"] == "blackhole"
    assert plan["schedule"]["cores"] == [2, 2]
    assert (tmp_path / "kernels" / "compute.cpp").read_text() == files["kernels/compute.cpp"]
    assert set(files) >= {"kernels/reader.cpp", "kernels/compute.cpp", "kernels/writer.cpp", "host.cpp", "main.cpp",
                          "CMakeLists.txt", "tt.plan.json"}


def test_gpu_flow_returns_source_and_runtime(kernel_file):
    import numpy as np
    import ml_dtypes
    mod, _ = kernel_file(GEMM)
    m = tilec.compilation.apply_default_schedule(tilec.IRModule.from_expr(mod.plain), target="cuda")
    code, runtime = tilec.compilation.lower_and_build(m, target="cuda")
    assert "__global__" in code
    a = np.eye(64, dtype=ml_dtypes.bfloat16)
    b = np.arange(64 * 64).reshape(64, 64).astype(np.float32) / 4096
    b = b.astype(ml_dtypes.bfloat16)
    np.testing.assert_allclose(runtime(a, b).astype(np.float32), b.astype(np.float32), atol=1e-2)
