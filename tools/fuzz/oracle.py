#!/usr/bin/env python3
"""The differential oracle: runs one kernel file through every execution tilec has and classifies
what happened (docs/FUZZING.md).

Checks, each a `Step`:
  interp        `tilec run --target interp`: raised tile ops vs the kernel as written (scalar loops)
  gpu-interp    the CUDA lowering on simulated threads vs the reference interpreter
  cuda / hip    `tilec compile --target cuda|hip` (the printers run; cheap)
  nvcc / hipcc  the same, then the printed file compiled by nvcc -arch=sm_80 / hipcc gfx90a -c
  tt            `tilec compile --target tt` (cheap: counts TT refusals for every kernel)
  tt-sim        the emitted TT-Metalium program on the simulator (whole grid or --grid 1x1,
                API level 2025 or 2026)

Outcome classes: `ok`; `refusal` (exit 1 with a located `file:line:col: error:` diagnostic, counted
by construct); findings: `mismatch` (exit 3), `sim-stop` (exit 4), `internal-error`, `crash`
(a signal or an unexpected exit code), `timeout`, `unlocated-error` (exit 1 without a location),
`sanitizer` (an ASan/UBSan report), `vendor-error` (nvcc/hipcc rejected the printed code).

`python3 tools/fuzz/oracle.py FILE [--steps interp,gpu-interp,...]` checks one file.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FINDING_KINDS = {"mismatch", "sim-stop", "internal-error", "crash", "timeout", "unlocated-error",
                 "sanitizer", "vendor-error"}
LOCATED = re.compile(r"^\S+:\d+:\d+: error: (.*)$", re.M)
SANITIZER = re.compile(r"(ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|"
                       r"UndefinedBehaviorSanitizer)")


@dataclass
class Step:
    name: str                   # e.g. "tt-sim:grid:2025"
    argv: list                  # the tilec command (without the binary)
    vendor: str = ""            # "nvcc" / "hipcc": compile the emitted file afterwards
    timeout: float = 60.0


@dataclass
class Outcome:
    step: str
    kind: str                   # ok | refusal | one of FINDING_KINDS
    rc: int
    key: str = ""               # refusal construct / finding signature
    output: str = field(default="", repr=False)

    @property
    def finding(self):
        return self.kind in FINDING_KINDS


def normalise(message):
    """A diagnostic's construct: the message without names and numbers."""
    m = re.sub(r"the expression .* has no", "the expression _ has no", message)
    m = re.sub(r"'[^']*'", "'_'", m)
    m = re.sub(r"\"[^\"]*\"", "\"_\"", m)
    m = re.sub(r"\b\d+(\.\d+)?\b", "N", m)
    m = re.sub(r"\bgot [A-Za-z_]\w*", "got _", m)
    return m.strip()[:160]


def steps_for(path, which, tt_api="2025", tt_grid=True, timeout_scale=1.0):
    steps = []
    for w in which:
        if w == "interp":
            steps.append(Step("interp", ["run", path, "--target", "interp"], timeout=30 * timeout_scale))
        elif w == "gpu-interp":
            steps.append(Step("gpu-interp", ["run", path, "--target", "gpu-interp"], timeout=60 * timeout_scale))
        elif w in ("cuda", "hip"):
            steps.append(Step(w, ["compile", path, "--target", w], timeout=30 * timeout_scale))
        elif w in ("nvcc", "hipcc"):
            target = "cuda" if w == "nvcc" else "hip"
            steps.append(Step(target, ["compile", path, "--target", target], vendor=w,
                              timeout=180 * timeout_scale))
        elif w == "tt":
            steps.append(Step("tt", ["compile", path, "--target", "tt"], timeout=30 * timeout_scale))
        elif w.startswith("tt-sim"):
            # tt-sim[:grid|core][:2025|2026]
            parts = w.split(":")
            where = parts[1] if len(parts) > 1 else ("grid" if tt_grid else "core")
            level = parts[2] if len(parts) > 2 else tt_api
            argv = ["run", path, "--target", "tt-sim", "--tt-api", level]
            if where == "core":
                argv += ["--grid", "1x1"]
            steps.append(Step(f"tt-sim:{where}:{level}", argv, timeout=240 * timeout_scale))
        else:
            raise ValueError(f"unknown step {w}")
    return steps


def classify(step, rc, out):
    if rc is None:
        return Outcome(step, "timeout", -1, "timeout", out)
    san = SANITIZER.search(out)
    if san:
        summary = re.search(r"SUMMARY: (.*)", out)
        return Outcome(step, "sanitizer", rc, normalise(summary.group(1) if summary else san.group(1)), out)
    if "internal error" in out:
        line = next((ln for ln in out.splitlines() if "internal error" in ln), "")
        return Outcome(step, "internal-error", rc, normalise(line.split("internal error", 1)[1]), out)
    if rc == 0:
        return Outcome(step, "ok", rc, "", out)
    if rc == 1:
        m = LOCATED.search(out)
        if m:
            return Outcome(step, "refusal", rc, normalise(m.group(1)), out)
        first = next((ln for ln in out.splitlines() if ln.strip()), "")
        return Outcome(step, "unlocated-error", rc, normalise(first), out)
    if rc == 3:
        bad = re.findall(r"^(\S+): max_abs_err=.* MISMATCH", out, re.M)
        return Outcome(step, "mismatch", rc, "mismatch", out)
    if rc == 4:
        m = re.search(r"(deadlock|protocol|stopped|error)[^\n]*", out, re.I)
        return Outcome(step, "sim-stop", rc, normalise(m.group(0)) if m else "sim-stop", out)
    if rc < 0:
        return Outcome(step, "crash", rc, f"signal {-rc}", out)
    return Outcome(step, "crash", rc, f"exit {rc}", out)


def run_cmd(argv, timeout, cwd=None, env=None):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout,
                           cwd=cwd, env=env)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode("utf-8", "replace")


def vendor_compile(tool, directory, timeout):
    src = os.path.join(directory, "kernel.cu" if tool == "nvcc" else "kernel.hip")
    if not os.path.exists(src):
        return Outcome(tool, "vendor-error", 1, "no kernel source written", "")
    exe = shutil.which(tool) or {"nvcc": "/usr/local/cuda/bin/nvcc", "hipcc": "/opt/rocm/bin/hipcc"}[tool]
    if not os.path.exists(exe):
        return Outcome(tool, "ok", 0, "skipped: no " + tool, "")
    if tool == "nvcc":
        argv = [exe, "-arch=sm_80", "-c", src, "-o", src + ".o"]
    else:
        argv = [exe, "--offload-arch=gfx90a", "-x", "hip", "-c", src, "-o", src + ".o"]
    rc, out = run_cmd(argv, timeout)
    if rc == 0:
        warn = re.search(r"warning[^\n]*", out)
        return Outcome(tool, "ok", 0, "warning: " + normalise(warn.group(0)) if warn else "", out)
    first = next((ln for ln in out.splitlines() if "error" in ln), out[:200])
    first = re.sub(r"^\S+?(:\d+(:\d+)?:?|\(\d+\):)\s*", "", first)
    with open(src) as f:
        out += "\n--- the emitted source ---\n" + f.read()
    return Outcome(tool, "vendor-error" if rc is not None else "timeout", rc if rc is not None else -1,
                   normalise(first), out)


def drop_kept_artifacts(out):
    """tt-sim keeps its directory when a run fails; the finding's kernel reproduces it."""
    for d in re.findall(r"artifacts kept in (/\S+)", out):
        if os.path.basename(d).startswith("tilec-tt-"):
            shutil.rmtree(d, ignore_errors=True)


def run_step(step, tilec, workdir=None):
    argv = [tilec] + step.argv
    tmp = None
    if step.argv[0] == "compile":
        tmp = tempfile.mkdtemp(prefix="fuzz-", dir=workdir)
        argv += ["-o", tmp]
    try:
        rc, out = run_cmd(argv, step.timeout)
        drop_kept_artifacts(out)
        o = classify(step.name, rc, out)
        if o.kind == "ok" and step.vendor:
            v = vendor_compile(step.vendor, tmp, step.timeout)
            v.step = f"{step.name}:{step.vendor}"
            return [o, v]
        return [o]
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def check(path, which, tilec, **kw):
    """Runs the steps `which` on `path`; returns the list of Outcomes. A step whose prerequisite
    refused is skipped (tt-sim after a tt refusal)."""
    outcomes = []
    tt_refused = False
    for step in steps_for(path, which, **kw):
        if step.name.startswith("tt-sim") and tt_refused:
            continue
        got = run_step(step, tilec)
        if step.name == "tt" and got[0].kind != "ok":
            tt_refused = True
        outcomes += got
    return outcomes


def default_tilec():
    return os.environ.get("TILEC", os.path.join(ROOT, "build", "tilec"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--steps", default="interp,gpu-interp,tt,cuda")
    ap.add_argument("--tilec", default=default_tilec())
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    outs = check(a.file, a.steps.split(","), a.tilec)
    for o in outs:
        if a.json:
            print(json.dumps(asdict(o)))
        else:
            print(f"{o.step:22} {o.kind:16} rc={o.rc} {o.key}")
            if a.verbose and o.kind != "ok":
                print("    " + o.output.strip().replace("\n", "\n    "))
    sys.exit(1 if any(o.finding for o in outs) else 0)


if __name__ == "__main__":
    main()
