"""tilec.tt.run_artifacts: the emitted TT-Metalium program, as written or edited by hand, built and
run on the simulator; a program that deadlocks raises tilec.SimulatorStop naming the blocked cores."""
import numpy as np
import pytest

import tilec
import tilec.tt as tt

KERNEL = '''import tilec.language as T


def scale_add(M, N):
    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
            for i, j in T.Parallel(32, 32):
                C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] * 2.0 + B[by * 32 + i, bx * 32 + j]
    return main
'''

WAIT = "cb_wait_front(cb_C_tile, 1);"


@pytest.fixture
def emitted(kernel_file, tmp_path):
    mod, _ = kernel_file(KERNEL)
    out = tmp_path / "program"
    tt.emit_tt_artifacts(tilec.IRModule.from_expr(mod.scale_add(64, 96)), out_dir=str(out), tt_api=2026)
    return out


def _inputs():
    rng = np.random.default_rng(5)
    return {n: rng.uniform(-1, 1, (64, 96)).astype(np.float32) for n in ("A", "B")}


def test_emitted_program_runs_as_written(emitted):
    x = _inputs()
    out = tt.run_artifacts(str(emitted), x)
    assert set(out) == {"C"}
    assert np.abs(out["C"] - (2 * x["A"] + x["B"])).max() < 1e-5


def test_a_hand_edited_program_that_deadlocks_is_a_simulator_stop(emitted):
    writer = emitted / "kernels" / "writer.cpp"
    text = writer.read_text()
    assert WAIT in text, text
    # the writer waits for one tile more than compute ever pushes
    last = text.rindex("}")
    writer.write_text(text[:last] + "    " + WAIT + "\n" + text[last:])
    with pytest.raises(tilec.SimulatorStop) as e:
        tt.run_artifacts(str(emitted), _inputs())
    msg = str(e.value)
    assert "deadlock" in msg and "core (0,0)" in msg, msg
    assert "blocked in cb_wait_front at kernels/writer.cpp" in msg, msg


def test_an_input_left_out_is_a_type_error(emitted):
    with pytest.raises(TypeError, match="no array for input 'B'"):
        tt.run_artifacts(str(emitted), {"A": np.zeros((64, 96), np.float32)})
