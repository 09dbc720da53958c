#!/usr/bin/env python3
"""scripts/check_layers.py rejects an include that points up a layer, and accepts downward ones."""
import os
import subprocess
import sys
import tempfile

script = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    def put(path, text):
        full = os.path.join(tmp, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    put("ir/IR.h", '#pragma once\n#include "support/Diagnostics.h"\n')
    put("driver/Commands.cpp", '#include "target/tt/TT.h"\n#include "ir/IR.h"\n')
    ok = subprocess.run([sys.executable, script, tmp], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    put("interp/Tensor.cpp", '#include "ir/IR.h"\n#include "frontend/Lexer.h"\n')
    put("ir/Bad.cpp", '\n#include "driver/Commands.h"\n')
    bad = subprocess.run([sys.executable, script, tmp], capture_output=True, text=True)
    assert bad.returncode == 1, bad
    for expected in ["interp/Tensor.cpp:2: error: the interp layer includes \"frontend/Lexer.h\" from the frontend layer",
                     "ir/Bad.cpp:2: error: the ir layer includes \"driver/Commands.h\" from the driver layer; ir may use only support"]:
        assert expected in bad.stderr, bad.stderr
# The simulator may include support/FloatBits.h of the compiler and nothing else.
with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as sim:
    with open(os.path.join(sim, "tile_format.cpp"), "w") as f:
        f.write('#include "support/FloatBits.h"\n#include "tile_format.hpp"\n')
    ok = subprocess.run([sys.executable, script, src, sim], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    with open(os.path.join(sim, "bad.cpp"), "w") as f:
        f.write('#include "ir/IR.h"\n')
    bad = subprocess.run([sys.executable, script, src, sim], capture_output=True, text=True)
    assert bad.returncode == 1 and "bad.cpp:1: error: the simulator includes ir/IR.h" in bad.stderr, bad
print("ok")
