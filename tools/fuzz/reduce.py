#!/usr/bin/env python3
"""Shrinks a kernel file while the oracle keeps reporting the same finding (delta debugging).

    python3 tools/fuzz/reduce.py FILE --steps gpu-interp [--kind mismatch] [--key TEXT] -o OUT.py

The finding to keep is the first non-ok outcome of `--steps` on FILE (or the one of `--kind`;
`--key` additionally requires that text in its signature). Candidates must still pass the
reference check (`interp`) unless the finding is on interp itself, so a reduction does not drift
into an invalid kernel that fails for another reason.

Passes, repeated to a fixed point, each over the Python AST (the file is TileLang, i.e. Python):
  statements   delete one statement (T.clear / T.fill stay: without them a kernel reads
               uninitialised memory); replace a for / if / with by its body
  expressions  replace a node by an operand: a + b -> a, T.exp(x) -> x, T.cast(x, t) -> x,
               T.if_then_else(c, a, b) -> a | b, -x -> x, x.astype(t) -> x
  sizes        shrink each integer value everywhere at once: literals and the sizes on the
               `# tilec:` line (--call args, -D)
  parameters   drop kernel / factory parameters no longer used
Comments other than the `# tilec:` line are dropped; the result names the finding and the
command that reproduces it.
"""

import argparse
import ast
import copy
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

ROOT = oracle.ROOT


class Source:
    """A kernel file split into its `# tilec:` flags and its AST."""

    def __init__(self, text):
        m = re.search(r"^# tilec:(.*)$", text, re.M)
        self.flags = m.group(1).strip() if m else ""
        self.tree = ast.parse(text)

    def render(self, header=()):
        lines = list(header)
        if self.flags:
            lines.append(f"# tilec: {self.flags}")
        return "\n".join(lines) + ("\n" if lines else "") + ast.unparse(self.tree) + "\n"


# -- candidate sites -----------------------------------------------------------------------------

def statement_lists(tree):
    """Every (owner, field) holding a list of statements, outermost first."""
    out = []
    for node in ast.walk(tree):
        for fld in ("body", "orelse"):
            lst = getattr(node, fld, None)
            if isinstance(lst, list) and lst and isinstance(lst[0], ast.stmt):
                out.append((node, fld))
    return out


def stmt_sites(tree):
    sites = []
    for owner, fld in statement_lists(tree):
        lst = getattr(owner, fld)
        for i, st in enumerate(lst):
            if isinstance(owner, ast.Module) and isinstance(st, (ast.Import, ast.ImportFrom)):
                continue
            if isinstance(st, ast.Return) or (isinstance(st, ast.FunctionDef) and isinstance(owner, ast.Module)):
                continue
            if isinstance(st, ast.FunctionDef):  # the nested @T.prim_func
                continue
            if len(lst) > 1 and not initialises(st) or fld == "orelse":
                sites.append(("delete", owner, fld, i))
            if isinstance(st, (ast.For, ast.If, ast.With)):
                sites.append(("unwrap", owner, fld, i))
    return sites


def initialises(st):
    """T.clear / T.fill: deleting one would let the kernel read uninitialised memory, whose
    contents differ between executions; such a 'reduction' drifts to another bug."""
    if (isinstance(st, ast.Expr) and isinstance(st.value, ast.Call)
            and isinstance(st.value.func, ast.Attribute) and st.value.func.attr in ("clear", "fill")):
        return True
    # a nest that only stores a constant: `for i, j in T.Parallel(..): acc[i, j] = 0.0`
    return (isinstance(st, ast.For) and len(st.body) == 1 and isinstance(st.body[0], ast.Assign)
            and isinstance(st.body[0].value, ast.Constant))


def apply_stmt(tree, k):
    kind, owner, fld, i = stmt_sites(tree)[k]
    lst = getattr(owner, fld)
    if kind == "delete":
        del lst[i]
    else:
        lst[i:i + 1] = lst[i].body


SIMPLIFIABLE_CALLS = {"exp", "exp2", "log", "log2", "sqrt", "rsqrt", "abs", "tanh", "sigmoid",
                      "cast", "max", "min", "clamp", "if_then_else", "float16", "float32", "bfloat16"}


def expr_replacements(node):
    """Simpler expressions that could stand for `node`."""
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.BoolOp):
        return list(node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        name = node.func.attr
        if name == "astype":
            return [node.func.value]
        if isinstance(node.func.value, ast.Name) and node.func.value.id == "T" and name in SIMPLIFIABLE_CALLS:
            if name == "if_then_else" and len(node.args) == 3:
                return [node.args[1], node.args[2]]
            if name == "clamp":
                return node.args[:1]
            return [a for a in node.args if not isinstance(a, ast.Constant) or name in ("float16", "float32", "bfloat16")]
    if isinstance(node, ast.Constant) and isinstance(node.value, float) and node.value not in (0.0, 1.0):
        return [ast.Constant(1.0), ast.Constant(0.0)]
    return []


class ExprSites(ast.NodeVisitor):
    """Expressions inside statements of a kernel body (right-hand sides, call arguments)."""

    def __init__(self):
        self.sites = []   # (parent, field, index or None, replacement)

    def generic_visit(self, node):
        for fld, value in ast.iter_fields(node):
            if isinstance(value, list):
                for i, v in enumerate(value):
                    if isinstance(v, ast.expr):
                        for r in expr_replacements(v):
                            self.sites.append((node, fld, i, r))
                    if isinstance(v, ast.AST):
                        self.visit(v)
            elif isinstance(value, ast.expr):
                if not (isinstance(node, (ast.Assign, ast.AugAssign)) and fld == "target") and fld != "targets":
                    for r in expr_replacements(value):
                        self.sites.append((node, fld, None, r))
                self.visit(value)
            elif isinstance(value, ast.AST):
                self.visit(value)


def expr_sites(tree):
    v = ExprSites()
    v.visit(tree)
    return v.sites


def apply_expr(tree, k):
    parent, fld, i, r = expr_sites(tree)[k]
    if i is None:
        setattr(parent, fld, copy.deepcopy(r))
    else:
        getattr(parent, fld)[i] = copy.deepcopy(r)


def smaller_ints(v):
    out = []
    for c in (1, 2, 8, 16, 32, 64, v // 2, v - 1):
        if 0 < c < v and c not in out:
            out.append(c)
    return out


FLAG_INT = re.compile(r"(?<![\w.])(\d+)(?![\w.])")


def int_values(src):
    """Every integer > 1 the kernel spells, in its code or on its `# tilec:` line, largest first."""
    vals = {n.value for n in ast.walk(src.tree)
            if isinstance(n, ast.Constant) and type(n.value) is int and n.value > 1}
    vals |= {int(m.group(1)) for m in FLAG_INT.finditer(src.flags) if int(m.group(1)) > 1}
    return sorted(vals, reverse=True)


def replace_int(src, old, new):
    """All occurrences of one value at once: a size is usually spelled several times (a block
    size in a tile shape, a nest extent and an index), and shrinking one of them alone would make
    the kernel inconsistent rather than smaller."""
    for n in ast.walk(src.tree):
        if isinstance(n, ast.Constant) and type(n.value) is int and n.value == old:
            n.value = new
    src.flags = FLAG_INT.sub(lambda m: str(new) if int(m.group(1)) == old else m.group(1), src.flags)


def unused_param_sites(tree):
    """Parameters of a def that its body never names (factory sizes, kernel tensors)."""
    sites = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        used = {n.id for b in fn.body for n in ast.walk(b) if isinstance(n, ast.Name)}
        for i, a in enumerate(fn.args.args):
            if a.arg not in used:
                sites.append((fn, i))
    return sites


# -- the loop ------------------------------------------------------------------------------------

class Reducer:
    def __init__(self, steps, kind, key, tilec, verbose):
        self.steps, self.kind, self.key, self.tilec, self.verbose = steps, kind, key, tilec, verbose
        self.tests = 0
        self.tmp = tempfile.mkdtemp(prefix="fuzz-reduce-")
        self.validity = [] if any(s == "interp" for s in steps) else ["interp"]

    def signature(self, outcomes):
        for o in outcomes:
            if o.kind in ("ok", "refusal") and not (self.kind == "refusal" and o.kind == "refusal"):
                continue
            if self.kind and o.kind != self.kind:
                continue
            if self.key and self.key not in o.key:
                continue
            return o
        return None

    def interesting(self, text):
        self.tests += 1
        path = os.path.join(self.tmp, "kernel.py")
        with open(path, "w") as f:
            f.write(text)
        if self.validity:
            if any(o.kind != "ok" for o in oracle.check(path, self.validity, self.tilec)):
                return False
        return self.signature(oracle.check(path, self.steps, self.tilec)) is not None

    def try_sites(self, src, count, apply):
        """Applies site k of `count(tree)` for each k; keeps every change that stays interesting."""
        changed = False
        k = 0
        while k < count(src.tree):
            cand = copy.deepcopy(src)
            try:
                apply(cand.tree, k)
                ast.fix_missing_locations(cand.tree)
                text = cand.render()
            except Exception:
                k += 1
                continue
            if self.interesting(text):
                src.tree, changed = cand.tree, True
                if self.verbose:
                    print(f"  [{self.tests}] {len(text)} chars", flush=True)
            else:
                k += 1
        return changed

    def shrink_ints(self, src):
        any_change = False
        for v in int_values(src):
            for c in smaller_ints(v):
                cand = copy.deepcopy(src)
                replace_int(cand, v, c)
                if self.interesting(cand.render()):
                    src.tree, src.flags, any_change = cand.tree, cand.flags, True
                    break
        return any_change

    def drop_params(self, src):
        changed = False
        while True:
            sites = unused_param_sites(src.tree)
            for k in range(len(sites)):
                cand = copy.deepcopy(src)
                fn, i = unused_param_sites(cand.tree)[k]
                name = fn.args.args[i].arg
                del fn.args.args[i]
                if i >= len(fn.args.args) - len(fn.args.defaults) + 1 and fn.args.defaults:
                    pass
                # a positional factory argument disappears from --call too
                if not self.fix_call(cand, fn, i, name):
                    continue
                try:
                    text = cand.render()
                except Exception:
                    continue
                if self.interesting(text):
                    src.tree, src.flags, changed = cand.tree, cand.flags, True
                    break
            else:
                return changed

    @staticmethod
    def fix_call(src, fn, i, name):
        m = re.search(r"--call \"(\w+)\((.*?)\)\"", src.flags)
        if not m or m.group(1) != fn.name:
            return True
        args = [a.strip() for a in m.group(2).split(",") if a.strip()]
        positional = [a for a in args if "=" not in a]
        keywords = [a for a in args if "=" in a and not a.startswith(name + "=")]
        n_defaults = len(fn.args.defaults)
        n_required_before = len(fn.args.args) + 1 - n_defaults
        if i < n_required_before and i < len(positional):
            del positional[i]
        elif i < len(positional):
            return False
        if i >= n_required_before and fn.args.defaults:
            del fn.args.defaults[i - n_required_before]
        src.flags = src.flags[:m.start(2)] + ", ".join(positional + keywords) + src.flags[m.end(2):]
        return True

    def run(self, text):
        src = Source(text)
        if not self.interesting(src.render()):
            sys.exit("reduce: the finding does not reproduce on the re-printed file")
        while True:
            changed = False
            changed |= self.try_sites(src, lambda t: len(stmt_sites(t)), apply_stmt)
            changed |= self.try_sites(src, lambda t: len(expr_sites(t)), apply_expr)
            changed |= self.shrink_ints(src)
            changed |= self.drop_params(src)
            if not changed:
                return src


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--steps", required=True, help="oracle steps that show the finding, e.g. gpu-interp")
    ap.add_argument("--kind", default="", help="finding kind to keep (default: the first one found)")
    ap.add_argument("--key", default="", help="text the finding's signature must contain")
    ap.add_argument("--tilec", default=oracle.default_tilec())
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    text = open(a.file).read()
    steps = a.steps.split(",")
    first = Reducer(steps, a.kind, a.key, a.tilec, False).signature(oracle.check(a.file, steps, a.tilec))
    if first is None:
        sys.exit(f"reduce: no finding on {a.file} with steps {a.steps}")
    kind = a.kind or first.kind
    key = a.key or (first.key if first.kind not in ("mismatch",) else "")
    print(f"reduce: keeping {first.step} {kind}: {key or '(any)'}")
    r = Reducer(steps, kind, key, a.tilec, a.verbose)
    src = r.run(text)
    rel = os.path.relpath(a.output, ROOT) if os.path.isabs(a.output) else a.output
    header = [f"# Reduced by tools/fuzz/reduce.py ({r.tests} tests) from {os.path.basename(a.file)}.",
              f"# Finding: {first.step} {kind}: {key or first.key}",
              f"# Reproduce: python3 tools/fuzz/oracle.py {rel} --steps {a.steps}"]
    with open(a.output, "w") as f:
        f.write(src.render(header))
    print(f"reduce: {len(text)} -> {len(src.render())} chars in {r.tests} tests: {a.output}")


if __name__ == "__main__":
    main()
