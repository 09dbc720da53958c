#!/usr/bin/env python3
"""Checks of the fuzzing tools themselves (ctest fuzz.generator), without tilec:
the generator is deterministic per seed and switches, every kernel is valid Python whose
`# tilec:` line is present, the known-open switches change what is generated, and the
reducer's passes shrink a kernel's AST without breaking it."""

import ast
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402
import reduce as red  # noqa: E402


def main():
    failures = []
    seen_families = set()
    for seed in range(200):
        a = gen.generate(seed)
        if a != gen.generate(seed):
            failures.append(f"seed {seed}: not deterministic")
        try:
            tree = ast.parse(a)
        except SyntaxError as e:
            failures.append(f"seed {seed}: invalid Python: {e}")
            continue
        if "# tilec:" not in a and "T.Buffer[(" in a and "-D" in a:
            failures.append(f"seed {seed}: sizes without a # tilec: line")
        for known in gen.KNOWN_OPEN:
            if f" {known}" in a.split("\n")[2]:
                failures.append(f"seed {seed}: known-open feature {known} with the switch off")
        seen_families.add(a.split("family=")[1].split()[0])
        # Every reducer pass yields parseable text at every site.
        src = red.Source(a)
        for count, apply in ((lambda t: len(red.stmt_sites(t)), red.apply_stmt),
                             (lambda t: len(red.expr_sites(t)), red.apply_expr)):
            for k in range(min(count(src.tree), 5)):
                cand = red.copy.deepcopy(src)
                apply(cand.tree, k)
                ast.parse(cand.render())
        del tree
    if seen_families != {"eltwise", "gemm", "reduce", "scalar"}:
        failures.append(f"families generated: {sorted(seen_families)}")
    on = [gen.generate(s, set(gen.KNOWN_OPEN)) for s in range(50)]
    if gen.KNOWN_OPEN and all(x == gen.generate(s) for s, x in enumerate(on)):
        failures.append("the known-open switches change nothing")
    for f in failures:
        print("FAIL:", f)
    print("PASS" if not failures else f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
