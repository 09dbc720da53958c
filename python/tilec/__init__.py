"""tilec: TileLang kernels compiled by tilec's C++ core, from Python.

    import tilec, tilec.language as T
    kernel = tilec.compile(my_prim_func, out_idx=-1, target="tt-sim")
    c = kernel(a, b)

See docs/PYTHON.md. The names TileLang scripts import (tilelang, tilelang.language, tilelang.tt,
tvm) are served by tilec only under `python -m tilec run SCRIPT.py`.
"""
from __future__ import annotations

import os as _os

_here = _os.path.dirname(__file__)
# The simulator builds the emitted host programs against its headers and runtime library; an
# installed package carries both (src/python/CMakeLists.txt), so point the simulator at them.
if _os.path.isdir(_os.path.join(_here, "sim", "include")):
    _os.environ.setdefault("TILEC_SIM_INCLUDE_DIR", _os.path.join(_here, "sim", "include"))
    _os.environ.setdefault("TILEC_SIM_RUNTIME_DIR", _os.path.join(_here, "sim", "lib"))

from . import _core  # noqa: E402
from ._core import CompileError, SimulatorStop  # noqa: E402,F401
from ._primfunc import PrimFunc  # noqa: E402,F401
from ._module import IRModule  # noqa: E402,F401
from ._kernel import JITKernel, compile, jit  # noqa: E402,F401
from . import language, tt, compilation  # noqa: E402,F401

__version__ = _core.version
