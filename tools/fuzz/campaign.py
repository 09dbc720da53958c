#!/usr/bin/env python3
"""A fuzz campaign: generate kernels for a range of seeds, check each with the oracle, count.

    python3 tools/fuzz/campaign.py --seeds 0:300 [--enable CLASS,...] [-j 2] [--out DIR]
        [--tt-sim-rate 0.03] [--vendor-rate 0.02] [--max-seconds S] [--tilec PATH]

Every kernel gets interp, gpu-interp, and the cheap printer steps (cuda, hip, tt compiles); a
seeded sample also gets nvcc/hipcc on the printed code and tt-sim (grid or one core, API level
2025 or 2026) when the TT backend accepted it. A finding is *expected* when its kernel uses a
construct of a known-open class (gen.KNOWN_OPEN) — those are counted apart and do not fail the
campaign. Exit status 1 when any unexpected finding was made; findings are written under
OUT/findings/<seed>-<step>-<kind>/ (kernel.py, output.txt, command).
"""

import argparse
import collections
import json
import os
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402
import oracle  # noqa: E402


def plan_steps(seed, text, tt_sim_rate, vendor_rate):
    """The oracle steps for one kernel: always the cheap ones, a seeded sample of the slow ones."""
    rng = random.Random(seed * 7919 + 17)
    steps = ["interp", "gpu-interp", "tt", "cuda", "hip"]
    if rng.random() < vendor_rate:
        steps.append(rng.choice(["nvcc", "hipcc"]))
    # tt-sim only for kernels meant for TT: the others' TT refusals are counted by the cheap `tt`
    # compile, and the known-open TT classes are switched per TT-meant kernel.
    if "tt=yes" in text and rng.random() < tt_sim_rate:
        steps.append(f"tt-sim:{rng.choice(['grid', 'core'])}:{rng.choice(['2025', '2026'])}")
    return steps


def features_of(text):
    for line in text.splitlines():
        if line.startswith("# fuzz-features:"):
            return set(line.split(":", 1)[1].split())
    return set()


def check_seed(seed, switches, args, workdir):
    text = gen.generate(seed, switches)
    path = os.path.join(workdir, f"k{seed}.py")
    with open(path, "w") as f:
        f.write(text)
    steps = plan_steps(seed, text, args.tt_sim_rate, args.vendor_rate)
    t0 = time.time()
    outs = oracle.check(path, steps, args.tilec)
    known = features_of(text) & set(gen.KNOWN_OPEN)
    return seed, text, outs, known, time.time() - t0


def save_finding(out_dir, seed, text, o, known):
    d = os.path.join(out_dir, "findings", f"{seed}-{o.step.replace(':', '_')}-{o.kind}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "kernel.py"), "w") as f:
        f.write(text)
    with open(os.path.join(d, "output.txt"), "w") as f:
        f.write(o.output)
    with open(os.path.join(d, "finding.json"), "w") as f:
        json.dump({"seed": seed, "step": o.step, "kind": o.kind, "key": o.key, "rc": o.rc,
                   "known_open": sorted(known)}, f, indent=1)
    return d


class Tally:
    """Counts of one campaign, filled as kernels finish."""

    def __init__(self, out_dir, quiet):
        self.out_dir, self.quiet = out_dir, quiet
        self.kernels = 0
        self.steps = collections.Counter()
        self.refusals = collections.Counter()
        self.findings = collections.Counter()
        self.expected = collections.Counter()
        self.finding_dirs = []
        self.log = open(os.path.join(out_dir, "results.jsonl"), "w")

    def add(self, result):
        seed, text, outs, known, seconds = result
        self.kernels += 1
        rec = {"seed": seed, "seconds": round(seconds, 2), "outcomes": []}
        for o in outs:
            self.steps[o.step] += 1
            rec["outcomes"].append({"step": o.step, "kind": o.kind, "key": o.key})
            if o.kind == "refusal":
                key = f"{o.step.split(':')[0]}: {o.key}"
                if key not in self.refusals:   # keep one example per construct
                    d = os.path.join(self.out_dir, "refusals", f"{len(self.refusals):03d}")
                    os.makedirs(d, exist_ok=True)
                    with open(os.path.join(d, "kernel.py"), "w") as f:
                        f.write(text)
                    with open(os.path.join(d, "output.txt"), "w") as f:
                        f.write(f"{o.step}\n{o.output}")
                self.refusals[key] += 1
            elif o.finding:
                label = f"{o.step} {o.kind}: {o.key}"
                if known:
                    self.expected[f"{label} [{','.join(sorted(known))}]"] += 1
                else:
                    self.findings[label] += 1
                d = save_finding(self.out_dir, seed, text, o, known)
                self.finding_dirs.append(d)
                if not self.quiet:
                    tag = f" (known-open: {','.join(sorted(known))})" if known else ""
                    print(f"seed {seed}: {label}{tag} -> {d}", flush=True)
        self.log.write(json.dumps(rec) + "\n")
        self.log.flush()

    def summary(self, seconds, switches):
        return {"kernels": self.kernels, "seconds": round(seconds, 1), "switches": sorted(switches),
                "steps": dict(sorted(self.steps.items())), "findings": dict(self.findings),
                "expected_findings": dict(self.expected), "refusals": dict(self.refusals.most_common()),
                "finding_dirs": self.finding_dirs}

    def report(self, seconds):
        print(f"fuzz: {self.kernels} kernels in {seconds:.0f} s; steps run: "
              + ", ".join(f"{k}={v}" for k, v in sorted(self.steps.items())))
        print(f"fuzz: findings: {sum(self.findings.values())} unexpected, "
              f"{sum(self.expected.values())} in known-open classes")
        for k, v in self.findings.most_common():
            print(f"  FINDING x{v}: {k}")
        for k, v in self.expected.most_common():
            print(f"  expected x{v}: {k}")
        print("fuzz: refusals by construct (step: message):")
        for k, v in self.refusals.most_common(40):
            print(f"  {v:5d}  {k}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="0:300", help="START:END (END excluded)")
    ap.add_argument("--enable", default="", help="known-open classes to generate (gen.KNOWN_OPEN) or 'all'")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--out", default="fuzz-out")
    ap.add_argument("--tt-sim-rate", type=float, default=0.03)
    ap.add_argument("--vendor-rate", type=float, default=0.02)
    ap.add_argument("--max-seconds", type=float, default=0, help="stop starting new kernels after this")
    ap.add_argument("--tilec", default=oracle.default_tilec())
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    start, end = (int(x) for x in args.seeds.split(":"))
    switches = set(gen.KNOWN_OPEN) if args.enable == "all" else {s for s in args.enable.split(",") if s}
    unknown = switches - set(gen.KNOWN_OPEN)
    if unknown:
        ap.error(f"unknown classes: {', '.join(sorted(unknown))}")
    if not os.path.exists(args.tilec):
        sys.exit(f"campaign: no tilec at {args.tilec} (build it, or pass --tilec / TILEC)")
    workdir = os.path.join(args.out, "kernels")
    os.makedirs(workdir, exist_ok=True)
    tally = Tally(args.out, args.quiet)
    t_begin = time.time()
    deadline = t_begin + args.max_seconds if args.max_seconds else None
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        pending = collections.deque()
        for s in range(start, end):
            if deadline and time.time() > deadline:
                break
            pending.append(pool.submit(check_seed, s, switches, args, workdir))
            if len(pending) >= args.jobs * 2:
                tally.add(pending.popleft().result())
        while pending:
            tally.add(pending.popleft().result())
    seconds = time.time() - t_begin
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(tally.summary(seconds, switches), f, indent=1)
    tally.report(seconds)
    sys.exit(1 if tally.findings else 0)


if __name__ == "__main__":
    main()
