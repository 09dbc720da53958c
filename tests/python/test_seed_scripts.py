"""The seed document's snippets, as scripts written for TileLang, run unchanged by
`python -m tilec run`: artifacts emitted, tt-sim results checked against numpy (in the scripts)."""
import os

import pytest

from conftest import EXAMPLES, run_script

SCRIPTS = ["seed_gemm.py", "seed_elementwise.py", "seed_reduction.py", "seed_shared_memory.py",
           "seed_annotations.py"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_seed_script_runs_and_emits(script, tmp_path):
    r = run_script(os.path.join(EXAMPLES, script), str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "MISMATCH" not in r.stdout
    assert " ok" in r.stdout
    written = {os.path.relpath(os.path.join(d, f), tmp_path) for d, _, fs in os.walk(tmp_path) for f in fs}
    assert any(w.endswith("kernels/compute.cpp") for w in written), written
    assert any(w.endswith("tt.plan.json") for w in written), written


def test_tilelang_names_only_under_the_runner():
    import sys
    import tilec  # noqa: F401
    assert "tilelang" not in sys.modules or not sys.modules["tilelang"].__name__.startswith("tilec")
    assert "tvm" not in sys.modules or sys.modules["tvm"].__name__ != "tilec._tvm"
