"""tilec.PrimFunc: a captured kernel, built by the C++ core on first use."""
from __future__ import annotations

from . import _capture
from ._core import build as _build


class CapturedKernel:
    """A kernel captured for the C++ front end (`self.capture`), built by the core on first use."""

    _kernel = None

    def core(self):
        """The C++ kernel (tilec._core.Kernel), built once; raises tilec.CompileError."""
        if self._kernel is None:
            self._kernel = _build(self.capture.text, self.capture.options())
        return self._kernel

    def script(self, as_written: bool = False) -> str:
        """The kernel's Tile IR after the common passes (or as written)."""
        return self.core().ir(as_written)


class PrimFunc(CapturedKernel):
    """What `@T.prim_func` returns: the kernel's capture (source text at the user's lines, values
    of the names it uses) plus the TT annotations Python-side decorators added."""

    def __init__(self, fn, frame_locals: dict, extra_decorators=()):
        self.fn = fn
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__
        self.__wrapped__ = fn
        self._frame_locals = frame_locals
        self.extra_decorators = list(extra_decorators)
        self.capture = _capture.capture(fn, frame_locals, self.extra_decorators)
        self._kernel = None

    @property
    def name(self) -> str:
        return self.__name__

    def with_decorator(self, text: str) -> "PrimFunc":
        """The same kernel with one more decorator line (an annotation applied from Python)."""
        return PrimFunc(self.fn, self._frame_locals, [text] + self.extra_decorators)

    def source_decorators(self) -> list[str]:
        """The decorator names written on the kernel in its file."""
        import ast
        node = _capture._find_def(_capture._tree(*_capture._file_lines(self.fn)), self.fn)
        names = []
        for d in node.decorator_list:
            target = d.func if isinstance(d, ast.Call) else d
            names.append(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
        return names

    @property
    def params(self) -> list[dict]:
        return self.core().params()

    def __repr__(self):
        return f"<tilec.PrimFunc {self.__name__} from {self.capture.path}>"
