#!/usr/bin/env python3
"""The simulator's kernel API at each level against the pinned release's own headers (ctest `sdk.sim_headers`).

Lists every API function the simulator declares to a kernel at one level (sim/include/device, compiled
with -DTILEC_SIM_API=<level>: the preprocessed force-included API plus every header forwarder, API
functions being the ones declared ALWI / FORCE_INLINE) and checks each against the release the level
is pinned to: the name must be declared by the release's device headers, and every argument count
a simulator overload accepts (required .. total parameters, its trailing call-site parameter not
counted) must be accepted by one of the release's overloads of that name. (The release may accept
more: the simulator implements a subset, e.g. without the trailing `noc` parameters.) The include paths the simulator offers at the
level must exist in the release too. Anything the simulator declares that the release does not fails.

usage: check_sim_headers.py --sim-include DIR [--level 2025] [--level 2026]
Exit 0 pass, 1 fail, 77 skipped (no wheel).
"""

import argparse
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sdk_wheels  # noqa: E402

# Where each release keeps the headers a kernel can reach (relative to the SDK root `ttnn/`).
RELEASE_HEADER_ROOTS = {
    "0.63.0": ["tt_metal/include", "tt_metal/hw/inc"],
    "0.81.1": ["tt_metal/hw/inc"],
}
# Include roots of the JIT (for "does this path exist"), a subset of tests/sdk/jit_model.py's.
RELEASE_INCLUDE_ROOTS = {
    "0.63.0": ["tt_metal/include", "tt_metal/hw/inc", "tt_metal/hostdevcommon/api", "tt_metal", "tt_metal/api"],
    "0.81.1": ["tt_metal/hw/inc", "tt_metal/hostdevcommon/api", "tt_metal", "tt_metal/api"],
}

_FUNC = re.compile(r"(?:\bALWI|\bFORCE_INLINE|\binline|\bvoid|\buint32_t|\bbool|\buint64_t|\bauto|\bconstexpr)"
                   r"[\w\s:<>*&,]*?\b(?P<name>[A-Za-z_]\w*)\s*\(", re.S)


_SIM_API = re.compile(r"inline __attribute__\(\(always_inline\)\)\s*[\w\s:<>*&,]*?\b(?P<name>[A-Za-z_]\w*)\s*\(")


def _split_params(text: str) -> list:
    params, depth, cur = [], 0, ""
    for ch in text:
        if ch in "(<[{":
            depth += 1
        elif ch in ")>]}":
            depth -= 1
        if ch == "," and depth == 0:
            params.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip() and cur.strip() != "void":
        params.append(cur)
    return [p.strip() for p in params]


def _balanced(text: str, open_at: int) -> int:
    """Index just past the parenthesis closing the one at open_at (-1 when unbalanced)."""
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def declarations(text: str) -> dict:
    """{name: {(required, total), ...}} of the function definitions/declarations in C++ text."""
    text = _strip_comments(text)
    found = {}
    for m in _FUNC.finditer(text):
        name = m.group("name")
        if name in {"if", "for", "while", "switch", "return", "sizeof", "static_assert", "decltype", "alignof",
                    "__attribute__", "always_inline", "defined"}:
            continue
        open_at = m.end() - 1
        close = _balanced(text, open_at)
        if close < 0:
            continue
        after = text[close:close + 200].lstrip()
        # a definition or a declaration, not a call: followed by a body, ';', const, noexcept, or ->
        if not re.match(r"(\{|;|const\b|noexcept\b|->|override\b|=\s*(default|delete))", after):
            continue
        params = [p for p in _split_params(text[open_at + 1:close - 1]) if "CallSite" not in p]
        if any(re.search(r"\.\.\.", p) for p in params):
            continue
        required = sum(1 for p in params if "=" not in re.sub(r"<[^<>]*>", "", p))
        found.setdefault(name, set()).add((required, len(params)))
    return found


def release_api(sdk: pathlib.Path, version: str) -> dict:
    api = {}
    for root in RELEASE_HEADER_ROOTS[version]:
        for header in sorted((sdk / root).rglob("*.h*")):
            for name, arities in declarations(header.read_text(errors="replace")).items():
                api.setdefault(name, set()).update(arities)
    return api


def sim_api(sim_include: pathlib.Path, level: str) -> tuple:
    """The functions the simulator's kernel headers declare at a level, and the forwarder paths it offers."""
    device = sim_include / "device"
    forwarders = sorted(str(p.relative_to(device)) for p in device.rglob("*.h*")
                        if not str(p.relative_to(device)).startswith("tilec_sim/"))
    offered, api = [], {}
    for rel in forwarders:
        probe = subprocess.run(["g++", "-std=c++20", "-E", "-P", f"-DTILEC_SIM_API={level}", f"-I{device}",
                                "-x", "c++", "-"], input=f'#include "{rel}"\n', capture_output=True, text=True)
        if probe.returncode == 0:
            offered.append(rel)
    for entry in ["tilec_sim/kernel/compute.h", "tilec_sim/kernel/dataflow.h"]:
        pre = subprocess.run(["g++", "-std=c++20", "-E", "-P", f"-DTILEC_SIM_API={level}", f"-I{device}",
                              "-x", "c++", "-"], input=f'#include "{entry}"\n', capture_output=True, text=True,
                             check=True).stdout
        # API functions are the always-inline ones (ALWI / FORCE_INLINE); the simulator's own helpers
        # (namespace tilec::sim) are plain inline.
        for m in _SIM_API.finditer(pre):
            open_at = m.end() - 1
            close = _balanced(pre, open_at)
            params = [p for p in _split_params(pre[open_at + 1:close - 1]) if "CallSite" not in p]
            required = sum(1 for p in params if "=" not in re.sub(r"<[^<>]*>", "", p))
            api.setdefault(m.group("name"), set()).add((required, len(params)))
    return api, offered


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sim-include", required=True)
    ap.add_argument("--level", action="append", choices=sorted(sdk_wheels.PINNED))
    args = ap.parse_args()
    levels = args.level or sorted(sdk_wheels.PINNED)
    try:
        roots = {level: sdk_wheels.sdk_root(sdk_wheels.PINNED[level]) for level in levels}
    except sdk_wheels.SdkUnavailable as e:
        print(f"SKIPPED: the pinned TT-Metalium SDK is not available here: {e}")
        return sdk_wheels.SKIP_RETURN_CODE
    failures = 0
    for level in levels:
        version = sdk_wheels.PINNED[level]
        real = release_api(roots[level], version)
        sim, offered = sim_api(pathlib.Path(args.sim_include), level)
        bad = []
        for name in sorted(sim):
            if name not in real:
                bad.append(f"{name}: not declared by ttnn {version}")
                continue
            accepted = {n for lo, hi in real[name] for n in range(lo, hi + 1)}
            for lo, hi in sorted(sim[name]):
                extra = [n for n in range(lo, hi + 1) if n not in accepted]
                if extra:
                    bad.append(f"{name}: the simulator accepts {', '.join(map(str, extra))} arguments, ttnn {version} "
                               f"takes {', '.join(f'{a}..{b}' for a, b in sorted(real[name]))}")
        for rel in offered:
            if not any((roots[level] / r / rel).is_file() for r in RELEASE_INCLUDE_ROOTS[version]):
                bad.append(f'#include "{rel}": no such header in ttnn {version}')
        for line in bad:
            print(f"[{level}] {line}")
        print(f"[{level}] ttnn {version}: simulator functions checked: {len(sim)}, include paths: {len(offered)}, "
              f"not in the release: {len(bad)}")
        failures += len(bad)
    print("PASS" if not failures else "FAIL")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
