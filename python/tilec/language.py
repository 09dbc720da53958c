"""tilec.language, conventionally imported as `T`: what a kernel file needs to *execute* as Python.

`@T.prim_func` captures the kernel (its text and the values of the names it uses) without running
its body; the C++ front end compiles the capture (tilec/_capture.py). Annotations such as
`T.Buffer[(M, K), "float16"]` and `T.Tensor((M, K), dtype)` evaluate to cheap markers, and every
other `T.<name>` (T.Kernel, T.Parallel, T.copy, ...) is a placeholder: the body is never run by
Python, so only the front end gives them meaning (docs/LANGUAGE.md lists what it accepts).
"""
from __future__ import annotations

import sys

from ._capture import capture


class DType:
    """A dtype name (T.float16, T.bfloat16, ...); usable wherever a dtype string is."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return f"T.{self.name}"

    def __str__(self):
        return self.name

    def __eq__(self, other):
        return str(other) == self.name or (self.name == "float32" and str(other) == "float")

    def __hash__(self):
        return hash(self.name)

    def __call__(self, *args, **kwargs):  # T.float32(0) inside a body: never run by Python
        return _Placeholder(f"T.{self.name}")


for _name in ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
              "uint16", "uint32", "bool"):
    setattr(sys.modules[__name__], _name, DType(_name))
float = DType("float32")  # noqa: A001 (TileLang's spelling)


class BufferType:
    """The marker T.Buffer[(M, K), "float16"] / T.Tensor((M, K), dtype) evaluates to."""

    def __init__(self, shape, dtype="float32", scope="global"):
        self.shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
        self.dtype = str(dtype)
        self.scope = scope

    def __repr__(self):
        return f"T.Buffer({self.shape}, {self.dtype!r})"


class _BufferFactory:
    def __init__(self, scope="global"):
        self.scope = scope

    def __call__(self, shape, dtype="float32", *args, **kwargs):
        return BufferType(shape, dtype, self.scope)

    def __getitem__(self, item):
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], (tuple, list)):
            return BufferType(item[0], item[1], self.scope)
        if isinstance(item, tuple) and len(item) >= 1:
            return BufferType(item[0], item[1] if len(item) > 1 else "float32", self.scope)
        return BufferType(item, "float32", self.scope)


Buffer = _BufferFactory()
Tensor = _BufferFactory()
SharedBuffer = _BufferFactory("shared")
FragmentBuffer = _BufferFactory("local.fragment")
LocalBuffer = _BufferFactory("local")


class _Placeholder:
    """Any other T.<name>: callable, subscriptable, usable as a context manager, never meaningful."""

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return self._name

    def __call__(self, *args, **kwargs):
        return _Placeholder(self._name + "(...)")

    def __getitem__(self, item):
        return _Placeholder(self._name + "[...]")

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _Placeholder(f"{self._name}.{attr}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return _Placeholder(f"T.{name}")


class Macro:
    """@T.macro: a helper the front end inlines where a kernel calls it."""
    __tilec_name__ = None

    def __init__(self, fn, env):
        self.fn = fn
        self.env = env
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__

    def __call__(self, *args, **kwargs):
        raise TypeError(f"T.macro '{self.__name__}' is inlined into kernels by the compiler; "
                        "it cannot be called from Python")


def macro(fn=None, **kwargs):
    if fn is None:
        return lambda f: macro(f, **kwargs)
    frame = sys._getframe(1)
    return Macro(fn, dict(frame.f_locals))


macro.__tilec_name__ = "tilelang.language.macro"


def prim_func(fn=None, **kwargs):
    """Captures the kernel `fn` (its text and the values it uses) as a tilec.PrimFunc."""
    from ._primfunc import PrimFunc
    if fn is None:
        return lambda f: prim_func(f, **kwargs)
    if isinstance(fn, PrimFunc):
        return fn
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name == "<lambda>" and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return PrimFunc(fn, dict(frame.f_locals) if frame is not None else {})


prim_func.__tilec_name__ = "tilelang.language.prim_func"


def ceildiv(a, b):
    """Python-side ceildiv, for sizes computed in factories."""
    return -(-a // b)
