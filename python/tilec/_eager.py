"""@tilec.jit on an eager kernel (TileLang's style since May 2026): the decorated def is the kernel.

    @tilec.jit
    def matmul(A, B, block_M=64, dtype=T.float16):
        M, N, K = T.const("M, N, K")
        A: T.Tensor((M, K), dtype)
        B: T.Tensor((K, N), dtype)
        C = T.empty((M, N), dtype)
        with T.Kernel(...):
            ...
        return C

    kernel = matmul.compile(M=64, N=64, K=32, block_M=32)   # a JITKernel; kernel(a, b) returns C
    c = matmul(a, b, block_M=32)                             # sizes from the arrays, compiled once, run

The body never runs as Python. The C++ front end compiles the def from the user's file, selected
with the call `matmul.compile(...)` (what `tilec --call` takes); this module only reads the def's
syntax to know which parameters are tensors (annotated in the body, never assigned) and which names
are `T.const` sizes, so that a call on arrays can bind the sizes from the arrays' shapes.
"""
from __future__ import annotations

import ast

from . import _capture
from ._kernel import JITKernel, _as_numpy
from ._primfunc import CapturedKernel


def _is_t_call(node, name: str) -> bool:
    """`T.<name>(...)` (any module alias: the front end checks what T is)."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name


def opens_kernel(fn_node: ast.FunctionDef) -> bool:
    """The front end's rule (frontend/EagerKernels.cpp): the def's own body opens `with T.Kernel`."""
    return any(isinstance(s, ast.With) and any(_is_t_call(i.context_expr, "Kernel") for i in s.items)
               for s in fn_node.body)


class EagerSignature:
    """What a call on arrays needs from the def's syntax: the tensor parameters in order, each
    one's shape as written (names of sizes or None per dimension), and the T.const size names."""

    def __init__(self, node: ast.FunctionDef):
        self.params = [a.arg for a in node.args.posonlyargs + node.args.args]
        assigned = {t.id for s in node.body if isinstance(s, ast.Assign) for t in s.targets
                    if isinstance(t, ast.Name)}
        self.tensors: dict[str, list] = {}
        self.consts: set[str] = set()
        for s in node.body:
            if isinstance(s, ast.AnnAssign) and s.value is None and isinstance(s.target, ast.Name) \
                    and s.target.id in self.params and s.target.id not in assigned:
                self.tensors[s.target.id] = self._shape_names(s.annotation)
            if isinstance(s, ast.Assign) and _is_t_call(s.value, "const") and s.value.args and \
                    isinstance(s.value.args[0], ast.Constant) and isinstance(s.value.args[0].value, str):
                self.consts.update(s.value.args[0].value.replace(",", " ").split())
        self.inputs = [p for p in self.params if p in self.tensors]

    @staticmethod
    def _shape_names(annotation) -> list:
        """`T.Tensor((M, K), dt)` or `T.Tensor[[M, K], dt]` -> ["M", "K"] (None where not a name)."""
        shape = None
        if isinstance(annotation, ast.Call) and annotation.args:
            shape = annotation.args[0]
        elif isinstance(annotation, ast.Subscript):
            sl = annotation.slice
            shape = sl.elts[0] if isinstance(sl, ast.Tuple) and sl.elts else sl
        if not isinstance(shape, (ast.Tuple, ast.List)):
            return []
        return [e.id if isinstance(e, ast.Name) else None for e in shape.elts]


def _call_text(name: str, kwargs: dict) -> str:
    parts = []
    for k, v in kwargs.items():
        text = _capture.literal(v)
        if text is None:
            raise TypeError(f"tilec: {name}.compile({k}=...) takes ints, floats, strings, dtypes and "
                            f"tuples of them; got {type(v).__name__}")
        parts.append(f"{k}={text}")
    return f"{name}.compile({', '.join(parts)})"


class EagerPrimFunc(CapturedKernel):
    """The eager def specialised by one `.compile(...)` call, as a kernel the core builds."""

    def __init__(self, fn, call_kwargs: dict):
        self.fn = fn
        self.name = fn.__name__
        self.capture = _capture.capture_eager(fn, _call_text(fn.__name__, call_kwargs))


class EagerJIT:
    """@tilec.jit on an eager def: `.compile(M=..., block_M=...)` gives a JITKernel; a call with
    arrays binds the T.const sizes its tensors' annotations name from the arrays' shapes, compiles
    once per (sizes, dtypes, other arguments) and runs, returning the T.empty outputs."""

    def __init__(self, fn, node: ast.FunctionDef, target=None, **options):
        self.fn = fn
        self.signature = EagerSignature(node)
        self.target = target
        self.options = options
        self.cache: dict = {}
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__
        self.__wrapped__ = fn

    def compile(self, **kwargs) -> JITKernel:
        """matmul.compile(M=1024, block_M=128): keywords naming a parameter bind it, the others
        bind T.const sizes (as `tilec --call` does)."""
        key = tuple(sorted((k, repr(v)) for k, v in kwargs.items()))
        if key not in self.cache:
            func = EagerPrimFunc(self.fn, kwargs)
            n_in = len(self.signature.inputs)
            kernel = JITKernel(func, out_idx=None, target=self.target, **self.options)
            kernel.out_idx = list(range(n_in, len(kernel.params_info)))  # the T.empty outputs
            self.cache[key] = kernel
        return self.cache[key]

    def __call__(self, *args, **kwargs):
        sig = self.signature
        bound = dict(zip(sig.params, args))
        if len(args) > len(sig.params):
            raise TypeError(f"tilec: {self.__name__}() takes {len(sig.params)} arguments, got {len(args)}")
        for k in kwargs:
            if k in bound:
                raise TypeError(f"tilec: {self.__name__}() got two values for '{k}'")
        bound.update(kwargs)
        missing = [p for p in sig.inputs if p not in bound]
        if missing:
            raise TypeError(f"tilec: {self.__name__}() needs the tensors {', '.join(missing)} "
                            f"(or use {self.__name__}.compile(...) to compile without them)")
        arrays = [_as_numpy(bound.pop(p)) for p in sig.inputs]
        compile_args = dict(bound)
        for p, a in zip(sig.inputs, arrays):
            names = sig.tensors[p]
            if names and len(names) != a.ndim:
                raise TypeError(f"tilec: '{p}' is annotated with {len(names)} dimensions, the array has {a.ndim}")
            for name, extent in zip(names, a.shape):
                if name in sig.consts:
                    if compile_args.setdefault(name, int(extent)) != int(extent):
                        raise TypeError(f"tilec: size {name} is {compile_args[name]} but '{p}' has "
                                        f"{extent} in its place")
        return self.compile(**compile_args)(*arrays)

    def __repr__(self):
        return f"<tilec.jit eager {self.__name__}>"
