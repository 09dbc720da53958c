"""tilec.IRModule (TVM's spelling, tvm.IRModule.from_expr): a kernel plus the choices the seed's
API stages record on it (target, TT options). The stages only record; the C++ core runs the
passes when artifacts are asked for."""
from __future__ import annotations

from ._primfunc import PrimFunc


class IRModule:
    def __init__(self, func: PrimFunc, attrs: dict | None = None):
        if not isinstance(func, PrimFunc):
            raise TypeError(f"IRModule.from_expr takes a @T.prim_func, got {type(func).__name__}")
        self.func = func
        self.attrs = dict(attrs or {})

    @staticmethod
    def from_expr(func) -> "IRModule":
        return IRModule(func)

    def with_attrs(self, **attrs) -> "IRModule":
        merged = dict(self.attrs)
        merged.update({k: v for k, v in attrs.items() if v is not None})
        return IRModule(self.func, merged)

    @property
    def functions(self) -> dict:
        return {self.func.name: self.func}

    def __getitem__(self, name):
        return self.functions[name]

    def script(self) -> str:
        """The kernel's Tile IR after the common passes."""
        return self.func.script()

    def __repr__(self):
        return f"<tilec.IRModule {self.func.name} {self.attrs}>"
