#!/usr/bin/env python3
"""Fails when a file under src/ includes a header of a layer it must not depend on.

The layers, lowest first (docs/ARCHITECTURE.md): support ← ir ← {frontend, transform, interp} ←
target ← driver. A layer may include its own headers and those of the layers below it; frontend,
transform and interp are siblings and include none of each other. Each layer is one CMake library
linking only downward; this check makes the include graph say the same, so a reversed include
fails the build instead of quietly coupling two layers.

Usage: check_layers.py SRC [SIM]. The simulator (SIM, sim/) stands alone: of the compiler it may include only support/FloatBits.h, the
header-only fp32 <-> bf16/fp16 conversions it shares with the compiler and the emitted host code.
"""
import os
import re
import sys

BELOW = {
    "support": set(),
    "ir": {"support"},
    "frontend": {"support", "ir"},
    "transform": {"support", "ir"},
    "interp": {"support", "ir"},
    "target": {"support", "ir", "transform", "interp"},
    "driver": {"support", "ir", "frontend", "transform", "interp", "target"},
    # The Python bindings (tilec._core) sit on top: the driver's library API and the types it uses.
    "python": {"support", "ir", "interp", "driver"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([a-z]+)/')
SIM_INCLUDE = re.compile(r'^\s*#\s*include\s*"((support|ir|frontend|transform|interp|target|driver)/[^"]*)"')
SIM_ALLOWED = {"support/FloatBits.h"}


def simErrors(sim):
    errors = []
    for root, _, files in os.walk(sim):
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.endswith((".cpp", ".hpp", ".h", ".cc", ".inc")):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    m = SIM_INCLUDE.match(line)
                    if m and m.group(1) not in SIM_ALLOWED:
                        errors.append(f"{path}:{lineno}: error: the simulator includes {m.group(1)}; "
                                      f"of the compiler it may use only {', '.join(sorted(SIM_ALLOWED))}")
    return errors


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    errors = []
    for layer in BELOW:
        for root, _, files in os.walk(os.path.join(src, layer)):
            for name in sorted(files):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m or m.group(1) not in BELOW:
                            continue
                        used = m.group(1)
                        if used != layer and used not in BELOW[layer]:
                            errors.append(f"{path}:{lineno}: error: the {layer} layer includes "
                                          f"{line.strip()[len('#include '):]} from the {used} layer; "
                                          f"{layer} may use only {', '.join(sorted(BELOW[layer])) or 'nothing'}")
    if len(sys.argv) > 2:  # the simulator's folder
        errors += simErrors(sys.argv[2])
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
