"""Random element-wise expressions that stay finite and well-conditioned.

Every node carries an upper bound on its magnitude, so the generator applies `T.exp` only to small
arguments, takes logarithms and roots of `T.abs(e) + c`, and divides by `T.abs(e) + 1`: the
kernels are valid and their reference values are finite, so any disagreement is the compiler's.
"""

import math
from dataclasses import dataclass


@dataclass
class Operand:
    text: str      # e.g. "x[i, j]", "row_max[i]", "bias[bx * 32 + j]"
    bound: float   # |value| <= bound
    kind: str = "float"   # "float" or "int"


UNARY_FLOAT = ["exp", "exp2", "log", "log2", "sqrt", "rsqrt", "abs", "tanh", "sigmoid", "neg"]
# The subset the Tenstorrent compute lowering tensorises (docs/TT_BACKEND.md, TensorizeExpr).
UNARY_TT = ["exp", "exp2", "log", "sqrt", "rsqrt", "abs", "tanh", "sigmoid", "neg"]
MAX_BOUND = 1.0e3


class ExprGen:
    """Builds expressions over `operands`. `index_vars` are the nest's loop variables (for
    index-dependent conditions); `tt` restricts to what the TT backend tensorises."""

    def __init__(self, rng, operands, dtype, index_vars=(), tt=False, casts=True,
                 index_conditions=True, signed_floor=False, value_conditions=True):
        self.rng = rng
        self.operands = operands
        self.dtype = dtype
        self.index_vars = list(index_vars)
        self.tt = tt
        self.casts = casts
        self.index_conditions = index_conditions and bool(self.index_vars)
        self.used = set()   # intrinsics used, for coverage counts
        # Integer // and % of negative values (floor semantics, Python's and TVM's); off, the
        # dividend is wrapped in T.abs, where floor and truncation agree.
        self.signed_floor = signed_floor
        # Conditions on computed values: off where operands come out of order-dependent
        # accumulations (GEMM, sums), whose last bits legitimately differ between executions —
        # a branch on them (e.g. `cast(c, "float16") <= c`) turns an ulp into a full-size error.
        self.value_conditions = value_conditions

    # -- leaves -------------------------------------------------------------------------------
    def leaf(self):
        r = self.rng.random()
        if r < 0.8 or not self.operands:
            if self.operands:
                op = self.rng.choice(self.operands)
                return op.text, op.bound
        return self.constant()

    def constant(self):
        if self.dtype.startswith("int") or self.dtype == "uint32":
            v = self.rng.choice([1, 2, 3, 5, 7])
            return str(v), float(v)
        v = self.rng.choice([0.5, 2.0, 0.25, 1.5, 3.0, 0.125, 1.0, 0.75])
        if self.rng.random() < 0.2:
            v = -v
        spell = self.rng.random()
        if spell < 0.6:
            text = repr(v)
        elif spell < 0.8:
            text = f"T.{self.dtype_for_literal()}({v})"
        else:
            text = f"T.cast({v}, \"{self.dtype_for_literal()}\")"
        if text.startswith("-"):
            text = f"({text})"
        return text, abs(v)

    def dtype_for_literal(self):
        return self.dtype if self.dtype in ("float16", "bfloat16", "float32") else "float32"

    # -- trees --------------------------------------------------------------------------------
    def gen(self, depth):
        if self.dtype.startswith("int") or self.dtype == "uint32":
            text, bound = self.gen_int(depth)
        else:
            text, bound = self.gen_float(depth)
        return text, bound

    def gen_float(self, depth):
        if depth <= 0:
            return self.leaf()
        r = self.rng.random()
        if r < 0.4:
            return self.binary(depth)
        if r < 0.7:
            return self.unary(depth)
        if r < 0.8:
            return self.minmax(depth)
        if r < 0.88 and not self.tt and (self.value_conditions or self.index_conditions):
            return self.select(depth)
        if r < 0.95 and self.casts:
            return self.cast(depth)
        return self.leaf()

    def binary(self, depth):
        a, ba = self.gen_float(depth - 1)
        b, bb = self.gen_float(depth - 1)
        op = self.rng.choice(["+", "-", "*", "/", "/c"])
        if op == "*" and ba * bb > MAX_BOUND:
            op = "+"
        if op in ("+", "-"):
            return f"({a} {op} {b})", ba + bb
        if op == "*":
            return f"({a} * {b})", ba * bb
        if op == "/":
            self.used.add("div")
            return f"({a} / (T.abs({b}) + 1.0))", ba
        c = self.rng.choice([2.0, 4.0, 3.0, 0.5])
        return f"({a} / {c})", ba / c

    def unary(self, depth):
        a, ba = self.gen_float(depth - 1)
        fn = self.rng.choice(UNARY_TT if self.tt else UNARY_FLOAT)
        self.used.add(fn)
        if fn == "exp":
            if ba > 4:
                a, ba = f"T.tanh({a})", 1.0
            return f"T.exp({a})", math.exp(ba)
        if fn == "exp2":
            if ba > 6:
                a, ba = f"T.tanh({a})", 1.0
            return f"T.exp2({a})", 2.0 ** ba
        if fn in ("log", "log2"):
            return f"T.{fn}(T.abs({a}) + 1.0)", math.log(ba + 1.0) / (math.log(2) if fn == "log2" else 1)
        if fn == "sqrt":
            return f"T.sqrt(T.abs({a}))", math.sqrt(ba)
        if fn == "rsqrt":
            return f"T.rsqrt(T.abs({a}) + 1.0)", 1.0
        if fn == "abs":
            return f"T.abs({a})", ba
        if fn in ("tanh", "sigmoid"):
            return f"T.{fn}({a})", 1.0
        return f"(-{a})", ba

    def minmax(self, depth):
        a, ba = self.gen_float(depth - 1)
        r = self.rng.random()
        if r < 0.35:
            b, bb = self.gen_float(depth - 1)
            self.used.add("max")
            return f"T.max({a}, {b})", max(ba, bb)
        if r < 0.6:
            b, bb = self.gen_float(depth - 1)
            self.used.add("min")
            return f"T.min({a}, {b})", max(ba, bb)
        if r < 0.75:
            self.used.add("relu")
            return f"T.max({a}, 0)", ba
        self.used.add("clamp")
        lo, hi = self.rng.choice([(-0.5, 0.5), (-1.0, 1.0), (0.0, 2.0), (-2.0, 0.25)])
        return f"T.clamp({a}, {lo}, {hi})", max(abs(lo), abs(hi))

    def condition(self, depth):
        if self.index_conditions and (self.rng.random() < 0.4 or not self.value_conditions):
            self.used.add("index_condition")
            if len(self.index_vars) >= 2 and self.rng.random() < 0.6:
                i, j = self.rng.sample(self.index_vars, 2)
                return f"{i} {self.rng.choice(['>=', '<', '=='])} {j}"
            i = self.rng.choice(self.index_vars)
            return self.rng.choice([f"{i} % 2 == 0", f"{i} < 7", f"{i} >= 3"])
        a, _ = self.gen_float(max(depth - 1, 0))
        b, _ = self.gen_float(max(depth - 2, 0))
        return f"{a} {self.rng.choice(['>', '<', '>=', '<='])} {b}"

    def select(self, depth):
        self.used.add("if_then_else")
        cond = self.condition(depth)
        a, ba = self.gen_float(depth - 1)
        b, bb = self.gen_float(depth - 1)
        return f"T.if_then_else({cond}, {a}, {b})", max(ba, bb)

    def cast(self, depth):
        a, ba = self.gen_float(depth - 1)
        target = self.rng.choice(["float32", "float16", "bfloat16"])
        if target == "float16" and ba > 6e4:
            target = "float32"
        self.used.add("cast")
        if self.rng.random() < 0.5 or "[" not in a:  # a Python number has no .astype
            return f"T.cast({a}, \"{target}\")", ba
        return f"({a}).astype(\"{target}\")", ba

    def gen_int(self, depth):
        if depth <= 0:
            return self.leaf()
        r = self.rng.random()
        a, ba = self.gen_int(depth - 1)
        if r < 0.45:
            b, bb = self.gen_int(depth - 1)
            op = self.rng.choice(["+", "-", "*"])
            if op == "*" and ba * bb > 1e6:
                op = "+"
            return f"({a} {op} {b})", (ba * bb if op == "*" else ba + bb)
        if r < 0.7:
            op, c = ("//", self.rng.choice([2, 3, 4])) if r < 0.6 else ("%", self.rng.choice([2, 3, 5]))
            self.used.add("int_floor" if self.signed_floor else "floordiv" if op == "//" else "mod")
            if not self.signed_floor:
                a = f"T.abs({a})"
            return f"({a} {op} {c})", (ba if op == "//" else float(c))
        if r < 0.85:
            b, bb = self.gen_int(depth - 1)
            fn = self.rng.choice(["max", "min"])
            self.used.add(fn)
            return f"T.{fn}({a}, {b})", max(ba, bb)
        if r < 0.93:
            self.used.add("abs")
            return f"T.abs({a})", ba
        b, bb = self.gen_int(depth - 1)
        cond = f"{a} > {b}" if not self.index_conditions or self.rng.random() < 0.5 else \
            f"{self.rng.choice(self.index_vars)} % 2 == 0"
        self.used.add("if_then_else")
        return f"T.if_then_else({cond}, {a}, {b})", max(ba, bb)
