"""`tvm` as TileLang scripts use it, served by tilec under `python -m tilec run` only."""
from ._module import IRModule  # noqa: F401  (tvm.IRModule.from_expr)
