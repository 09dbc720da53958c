#!/usr/bin/env python3
"""Fails when a file under src/ includes a header of a layer it must not depend on.

The layers, lowest first (docs/ARCHITECTURE.md): support ← ir ← {frontend, transform, interp} ←
target ← driver. A layer may include its own headers and those of the layers below it; frontend,
transform and interp are siblings and include none of each other. Each layer is one CMake library
linking only downward; this check makes the include graph say the same, so a reversed include
fails the build instead of quietly coupling two layers.
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
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([a-z]+)/')


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
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
