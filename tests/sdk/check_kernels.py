#!/usr/bin/env python3
"""Real-SDK conformance of tilec's TT kernels (ctest label `sdk`).

Emits every given TileLang kernel with `tilec compile --target tt` at both API levels and compiles
each emitted kernel against the pinned release of that level (tests/sdk/sdk_wheels.py) the way the
JIT does (tests/sdk/jit_model.py): reader and writer through `ncrisck.cc` / `brisck.cc`, compute
through `trisck.cc` for the UNPACK and PACK threads. Pass: no error in our files, no use of a name
the release marks deprecated, and no error elsewhere that is not a known artifact of compiling the
SDK with a host compiler (an unexplained one means the stand-ins or flags are wrong).

usage: check_kernels.py --tilec BIN --work DIR [--jobs N] [--level 2025] [--level 2026] KERNEL.py...
Exit 0 pass, 1 fail, 77 skipped (the wheel could not be downloaded; the reason is printed).
"""

import argparse
import concurrent.futures
import json
import pathlib
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import diagnostics  # noqa: E402
import jit_model  # noqa: E402
import sdk_wheels  # noqa: E402


def host_compiler_ok() -> str | None:
    probe = subprocess.run(["g++", "-m32", "-std=c++17", "-fsyntax-only", "-x", "c++", "-"],
                           input="#include <cstdint>\n#include <array>\n", capture_output=True, text=True)
    if probe.returncode != 0:
        return "g++ -m32 cannot compile <cstdint> (install g++-multilib: scripts/setup.sh)\n" + probe.stderr[-400:]
    return None


def emit(tilec: str, source: pathlib.Path, level: str, out: pathlib.Path) -> str | None:
    if out.exists():
        shutil.rmtree(out)
    proc = subprocess.run([tilec, "compile", str(source), "--target", "tt", "--tt-api", level, "-o", str(out)],
                          capture_output=True, text=True)
    return None if proc.returncode == 0 else (proc.stderr or proc.stdout).strip()


def compute_defines(host_text: str) -> dict:
    """The defines the host passes in ComputeConfig::defines (the JIT writes them to defines_generated.h)."""
    m = re.search(r"\.defines = \{(.*?)\}\}", host_text, re.S)
    return dict(re.findall(r'\{"(\w+)", "([^"]*)"\}', m.group(1) + "}")) if m else {}


def accessor_compile_args(kernel_text: str) -> list:
    """The compile-time args the 2026 host appends per TensorAccessorArgs(*buffer): an interleaved DRAM
    buffer contributes its ArgsConfig word (IsDram = 2) and its aligned page size, in accessor order."""
    args = []
    for page in re.findall(r"TensorAccessor\(\w+_args, \w+, (\d+)\)", kernel_text):
        args += [2, int(page)]
    return args


class Job:
    def __init__(self, level, example, kernel, what, sdk, release, cmd):
        self.level, self.example, self.kernel, self.what = level, example, kernel, what
        self.sdk, self.release, self.cmd = sdk, release, cmd
        self.output = ""

    def run(self):
        proc = subprocess.run(self.cmd, cwd=self.sdk, capture_output=True, text=True)
        self.output = proc.stdout + proc.stderr
        return self


def jobs_for(level: str, example: str, emitted: pathlib.Path, sdk: pathlib.Path, shims: pathlib.Path) -> list:
    release = jit_model.RELEASES[sdk_wheels.PINNED[level]]
    plan = json.loads((emitted / "tt.plan.json").read_text())
    defines = compute_defines((emitted / "host.cpp").read_text())
    jobs = []
    for role, info in sorted(plan["kernels"].items()):
        kernel = (emitted / info["file"]).resolve()
        generated = emitted / "jit" / role
        compute = role == "compute"
        if compute:
            jit_model.write_generated(generated, kernel, True, release, plan, defines)
            for thread, name, trisc, index in jit_model.CHECKED_TRISC_THREADS:
                flags = [f"UCK_CHLKC_{thread}", f"NAMESPACE=chlkc_{name}", f"COMPILE_FOR_TRISC={trisc}",
                         f"PROCESSOR_INDEX={index}"]
                cmd = jit_model.compile_command(sdk, release, generated, shims, "trisck.cc", flags)
                jobs.append(Job(level, example, kernel, f"trisck.cc {thread}", sdk, release, cmd))
        else:
            proc = jit_model.DM_PROCESSORS[info["processor"]]
            jit_model.write_generated(generated, kernel, False, release, plan, {})
            cta = accessor_compile_args(kernel.read_text())
            flags = [proc["define"], f"PROCESSOR_INDEX={proc['index']}", f"NOC_INDEX={proc['noc']}", "NOC_MODE=0"]
            if cta:
                flags.append("KERNEL_COMPILE_TIME_ARGS=" + ",".join(str(a) for a in cta))
            cmd = jit_model.compile_command(sdk, release, generated, shims, proc["wrapper"], flags)
            jobs.append(Job(level, example, kernel, proc["wrapper"], sdk, release, cmd))
    return jobs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tilec", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--level", action="append", choices=sorted(sdk_wheels.PINNED))
    ap.add_argument("kernels", nargs="+")
    args = ap.parse_args()
    levels = args.level or sorted(sdk_wheels.PINNED)

    problem = host_compiler_ok()
    if problem:
        print("FAIL: " + problem)
        return 1
    try:
        roots = {level: sdk_wheels.sdk_root(sdk_wheels.PINNED[level]) for level in levels}
    except sdk_wheels.SdkUnavailable as e:
        print(f"SKIPPED: the pinned TT-Metalium SDK is not available here: {e}")
        return sdk_wheels.SKIP_RETURN_CODE

    start = time.monotonic()
    work = pathlib.Path(args.work).resolve()
    shims = work / "toolchain-shims"
    jit_model.write_shims(shims)
    jobs, failures = [], 0
    for level in levels:
        for source in map(pathlib.Path, args.kernels):
            example = f"{source.parent.name}/{source.stem}"
            emitted = work / level / source.parent.name / source.stem
            err = emit(args.tilec, source, level, emitted)
            if err:
                print(f"FAIL [{level}] {example}: tilec compile failed:\n{err}")
                failures += 1
                continue
            jobs += jobs_for(level, example, emitted, roots[level], shims)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        done = list(pool.map(Job.run, jobs))

    ours_total, deprecated_total, artifacts, unexplained = 0, 0, {}, 0
    for level in levels:
        level_jobs = [j for j in done if j.level == level]
        kernels = {j.kernel for j in level_jobs}
        ours_level = deprecated_level = 0
        for job in level_jobs:
            for d in diagnostics.parse(job.output):
                if d.kind != "error" and not (d.file == str(job.kernel) and "deprecated" in d.message):
                    continue
                why = diagnostics.known_artifact(d) if d.file != str(job.kernel) else None
                if why:
                    artifacts[why] = artifacts.get(why, 0) + 1
                elif d.kind == "warning":
                    deprecated_level += 1
                    print(f"[{level}] {job.example}: {job.kernel.name} via {job.what}: {d.where()}")
                elif d.mentions(str(job.kernel)):
                    ours_level += 1
                    print(f"[{level}] {job.example}: {job.kernel.name} via {job.what}: {d.where()}")
                else:
                    unexplained += 1
                    print(f"[{level}] {job.example}: {job.kernel.name} via {job.what}: error outside our files "
                          f"(stand-ins or flags wrong?): {d.where()}")
        ours_total += ours_level
        deprecated_total += deprecated_level
        print(f"[{level}] ttnn {sdk_wheels.PINNED[level]}: kernels compiled: {len(kernels)} "
              f"({len(level_jobs)} compiles), errors in our files: {ours_level}, deprecated names used: {deprecated_level}")

    for why, count in artifacts.items():
        print(f"note: {count} SDK errors outside our files ignored (host-compiler artifact: {why})")
    print("note: not checked here: the MATH thread of compute kernels and SFPI code (they need Tenstorrent's "
          "RISC-V SFPI compiler, which no wheel ships)")
    total_kernels = len({(j.level, j.kernel) for j in done})
    print(f"kernels compiled: {total_kernels}, errors in our files: {ours_total}, deprecated names used: "
          f"{deprecated_total} ({len(done)} compiles in {time.monotonic() - start:.0f} s)")
    if failures or ours_total or deprecated_total or unexplained:
        print("FAIL")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
