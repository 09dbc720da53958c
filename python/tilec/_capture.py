"""Capturing a kernel for the C++ front end, without running its body.

`@T.prim_func` records the decorated function's place in its file and the values of the names it
uses, read from the frame that defines it (a factory's locals, the module's globals). The C++ front
end then compiles a text made from the user's own file: every line blank except the file's
top-level imports, the kernel and the `T.macro` helpers it calls, each at its original line and
column, so a diagnostic names the user's file:line:col and shows the user's line. Integers are
bound as `-D NAME=VALUE` (free names, the command line's mechanism); other values (floats, strings,
dtypes, tuples) are appended as assignments after the last line; the front end reads a kernel's
names when it builds the kernel, after the whole text has run.

A kernel nested in a factory is wrapped in a function whose `def` takes the free line just above
it and which returns the kernel; the front end calls it as `--call` would.
"""
from __future__ import annotations

import ast
import linecache
import math
import sys
import types

WRAPPER = "__tilec_capture__"


class CaptureError(TypeError):
    """The kernel's source cannot be found (defined in a string or an interactive prompt)."""


class Piece:
    """A function definition of the user's file: where it is and what it is called."""

    def __init__(self, node: ast.FunctionDef, lines: list[str]):
        self.node = node
        self.name = node.name
        self.first = min([d.lineno for d in node.decorator_list] + [node.lineno])
        self.last = node.end_lineno
        self.indent = node.col_offset
        self.lines = lines[self.first - 1:self.last]


def _file_lines(fn) -> tuple[str, list[str]]:
    path = fn.__code__.co_filename
    lines = linecache.getlines(path, fn.__globals__)
    if not lines:
        raise CaptureError(f"tilec: the source of '{fn.__name__}' is not available ({path}); "
                           "define kernels in a file")
    return path, [l.rstrip("\n").rstrip("\r") for l in lines]


_TREES: dict[tuple[str, int], ast.Module] = {}


def _tree(path: str, lines: list[str]) -> ast.Module:
    key = (path, hash(tuple(lines)))
    if key not in _TREES:
        _TREES[key] = ast.parse("\n".join(lines) + "\n", filename=path)
    return _TREES[key]


def _find_def(tree: ast.Module, fn) -> ast.FunctionDef:
    first = fn.__code__.co_firstlineno
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == fn.__name__:
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            if first in (start, node.lineno):
                return node
    raise CaptureError(f"tilec: cannot find the definition of '{fn.__name__}' in "
                       f"{fn.__code__.co_filename} (was the file edited after it was imported?)")


def _names_in(node: ast.AST) -> list[str]:
    seen: dict[str, None] = {}
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            seen.setdefault(n.id, None)
    return list(seen)


def _tilelang_name(module: str) -> str:
    """tilec's modules under the names the front end knows (tilelang.*)."""
    if module == "tilec" or module.startswith("tilec."):
        return "tilelang" + module[len("tilec"):]
    if module == "tilec._tvm":
        return "tvm"
    return module


def _import_text(node: ast.stmt) -> str:
    if isinstance(node, ast.Import):
        parts = [_tilelang_name(a.name) + (f" as {a.asname}" if a.asname else "") for a in node.names]
        return "import " + ", ".join(parts)
    mod = "." * node.level + _tilelang_name(node.module or "")
    parts = [a.name + (f" as {a.asname}" if a.asname else "") for a in node.names]
    return f"from {mod} import " + ", ".join(parts)


def literal(value):
    """Python source for a value the front end evaluates, or None when it has no spelling."""
    from . import language
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return repr(int(value))
    if isinstance(value, float):
        if math.isfinite(value):
            return repr(value)
        return None
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, language.DType):
        return repr(value.name)
    if isinstance(value, (tuple, list)):
        items = [literal(v) for v in value]
        if any(i is None for i in items):
            return None
        if isinstance(value, list):
            return "[" + ", ".join(items) + "]"
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if isinstance(value, dict):
        items = [(literal(k), literal(v)) for k, v in value.items()]
        if any(k is None or v is None for k, v in items):
            return None
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    try:  # numpy scalars
        import numpy as np
        if isinstance(value, np.integer):
            return repr(int(value))
        if isinstance(value, np.floating):
            return literal(float(value))
    except ImportError:
        pass
    return None


class Capture:
    """What the front end needs to build one kernel: the text, -D bindings, the selection."""

    def __init__(self, path, text, defines, call, kernel):
        self.path, self.text, self.defines, self.call, self.kernel = path, text, defines, call, kernel

    def options(self) -> dict:
        return {"file": self.path, "call": self.call, "kernel": self.kernel, "defines": self.defines}


def _lookup(name, env_chain):
    for env in env_chain:
        if name in env:
            return True, env[name]
    return False, None


def _closure_env(fn) -> dict:
    cells = fn.__closure__ or ()
    env = {}
    for n, c in zip(fn.__code__.co_freevars, cells):
        try:
            env[n] = c.cell_contents
        except ValueError:
            pass
    return env


class _Builder:
    def __init__(self, path, lines):
        self.path = path
        self.lines = lines
        self.out = [""] * len(lines)
        self.tail: list[str] = []          # appended after the last line
        self.defines: dict[str, int] = {}
        self.values: dict[str, str] = {}   # name -> literal, appended
        self.placed: set[int] = set()      # ids of placed functions
        self.top_imports = self._top_imports()

    def _top_imports(self) -> set[str]:
        bound = set()
        tree = _tree(self.path, self.lines)
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.out[node.lineno - 1] = _import_text(node)
                for a in node.names:
                    bound.add(a.asname or a.name.split(".")[0])
        return bound

    def free(self, first, last):
        return all(not self.out[i - 1] for i in range(first, last + 1) if i - 1 < len(self.out))

    def put(self, line, text):
        while len(self.out) < line:
            self.out.append("")
        self.out[line - 1] = text

    def place(self, piece: Piece, nested: bool, extra_decorators=()) -> bool:
        """Puts the piece at its lines (with a wrapper def above when nested); False if it does not fit."""
        extra = list(extra_decorators)
        head = piece.first - len(extra) - (1 if nested else 0)
        if head < 1 or not self.free(head, piece.last + (1 if nested else 0)):
            return False
        line = head
        if nested:
            self.put(line, f"def {WRAPPER}():")
            line += 1
        for d in extra:
            self.put(line, " " * piece.indent + d)
            line += 1
        for i, text in enumerate(piece.lines):
            self.put(piece.first + i, text)
        if nested:
            self.put(piece.last + 1, " " * piece.indent + f"return {piece.name}")
        return True

    def append(self, piece: Piece, nested: bool, extra_decorators=()):
        """The fallback: the piece dedented after the last line (its lines no longer match the file)."""
        body = [l[piece.indent:] if l[:piece.indent].strip() == "" else l.lstrip() for l in piece.lines]
        if nested:
            self.tail.append(f"def {WRAPPER}():")
            self.tail += ["    " + d for d in extra_decorators] + ["    " + l for l in body]
            self.tail.append(f"    return {piece.name}")
        else:
            self.tail += list(extra_decorators) + body

    def bind(self, node: ast.AST, env_chain, skip=()):
        from . import language
        for name in _names_in(node):
            if name in skip or name in self.defines or name in self.values:
                continue
            found, value = _lookup(name, env_chain)
            if not found:
                continue
            if isinstance(value, language.Macro):
                self.add_macro(name, value)
                continue
            if isinstance(value, types.ModuleType) or getattr(value, "__tilec_name__", None):
                if name not in self.top_imports:
                    self.import_value(name, value)
                continue
            if isinstance(value, int) and not isinstance(value, bool):
                self.defines[name] = int(value)
                continue
            text = literal(value)
            if text is not None:
                self.values[name] = text

    def import_value(self, name, value):
        if isinstance(value, types.ModuleType):
            mod = _tilelang_name(value.__name__)
            self.values[name] = None  # placeholder: imports go first in the tail
            self.tail.insert(0, f"import {mod} as {name}")
        else:  # one of tilec's own functions (prim_func, macro, annotate_tt_*, jit)
            mod, _, attr = value.__tilec_name__.rpartition(".")
            self.values[name] = None
            self.tail.insert(0, f"from {mod} import {attr} as {name}")

    def add_macro(self, name, macro):
        if id(macro) in self.placed:
            return
        self.placed.add(id(macro))
        fn = macro.fn
        path, lines = _file_lines(fn)
        node = _find_def(_tree(path, lines), fn)
        piece = Piece(node, lines)
        if path != self.path or piece.indent > 0 or not self.place(piece, nested=False):
            self.append(piece, nested=False)
        if piece.name != name:
            self.values[name] = piece.name
        self.bind(node, [macro.env, _closure_env(fn), fn.__globals__], skip={piece.name})

    def text(self) -> str:
        tail = list(self.tail)
        for name, text in self.values.items():
            if text is not None:
                tail.append(f"{name} = {text}")
        return "\n".join(self.out + tail) + "\n"


def capture(fn, frame_locals: dict, extra_decorators=()) -> Capture:
    """The capture of kernel `fn`, whose defining frame's locals are `frame_locals`."""
    path, lines = _file_lines(fn)
    node = _find_def(_tree(path, lines), fn)
    piece = Piece(node, lines)
    b = _Builder(path, lines)
    nested = piece.indent > 0
    if not b.place(piece, nested, extra_decorators):
        b.append(piece, nested, extra_decorators)
    env_chain = [frame_locals, _closure_env(fn), fn.__globals__]
    args = {a.arg for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs}
    b.bind(node, env_chain, skip=args | {piece.name})
    return Capture(path, b.text(), [f"{k}={v}" for k, v in b.defines.items()],
                   call=f"{WRAPPER}()" if nested else None, kernel=None if nested else piece.name)
