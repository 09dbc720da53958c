"""Shared by the Python package's tests: the repository's folders and a runner for scripts."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(ROOT, "examples", "python")


def run_script(path, *args, target=None, cwd=None):
    """`python -m tilec run [--target T] PATH ARGS` in a fresh interpreter."""
    cmd = [sys.executable, "-m", "tilec", "run"] + (["--target", target] if target else []) + [path, *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=900)


@pytest.fixture
def kernel_file(tmp_path):
    """Writes a kernel module into a temporary folder and imports it."""
    counter = [0]

    def write(text, name=None):
        import importlib.util
        counter[0] += 1
        name = name or f"kmod{counter[0]}"
        path = tmp_path / f"{name}.py"
        path.write_text(text)
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod, str(path)

    return write
