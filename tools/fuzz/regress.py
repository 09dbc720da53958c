#!/usr/bin/env python3
"""Runs the oracle over every reduced finding in tools/fuzz/findings/ (ctest fuzz.regressions).

Each file names its check in a header line:
    # fuzz-regression: steps=gpu-interp status=fixed|open class=NAME
`fixed` findings must come out clean (any finding on their steps fails the test: a regression);
`open` ones are run and reported — still open, or passing now (then flip the header to `fixed`:
from then on the file guards the fix). Exit status 1 on a regression.
"""

import argparse
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

HEADER = re.compile(r"^# fuzz-regression: (.*)$", re.M)


def header(text):
    m = HEADER.search(text)
    return dict(kv.split("=", 1) for kv in m.group(1).split()) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--tilec", default=oracle.default_tilec())
    ap.add_argument("--skip-slow", action="store_true", help="skip steps that need nvcc/hipcc/tt-sim")
    a = ap.parse_args()
    files = a.files or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "findings", "*.py")))
    regressions = 0
    for path in files:
        h = header(open(path).read())
        if not h:
            print(f"{path}: no '# fuzz-regression:' header")
            regressions += 1
            continue
        steps = h["steps"].split(",")
        if a.skip_slow:
            steps = [s for s in steps if s in ("interp", "gpu-interp", "cuda", "hip", "tt")]
            if not steps:
                continue
        outs = oracle.check(path, steps, a.tilec)
        # A refusal is no answer here: the kernel ran once (that is how it became a finding), so a
        # refusal means the file is broken (a comment line lost its '#') or tilec now refuses a
        # valid kernel. Either way the regression would otherwise pass without checking anything.
        bad = [o for o in outs if o.finding or o.kind == "refusal"]
        name = os.path.basename(path)
        if h.get("status") == "fixed":
            if bad:
                regressions += 1
                for o in bad:
                    print(f"REGRESSION {name}: {o.step} {o.kind}: {o.key}")
            else:
                print(f"ok         {name}")
        else:
            state = "still open" if bad else "PASSES NOW (set status=fixed)"
            print(f"open       {name} [{h.get('class', '?')}]: {state}")
    sys.exit(1 if regressions else 0)


if __name__ == "__main__":
    main()
