"""python -m tilec run [--target T] SCRIPT.py [ARGS...]: runs a script written for TileLang.

Under this runner only, `import tilelang`, `tilelang.language`, `tilelang.tt`, `tilelang.jit`
and `tvm` are served by tilec (installing tilec never shadows a real tilelang or tvm). --target
sets the target of the script's @tilelang.jit / tilelang.compile calls that name none (default:
interp).
"""
from __future__ import annotations

import argparse
import os
import runpy
import sys


def serve_tilelang_names():
    """Makes `tilelang*` and `tvm` imports resolve to tilec's modules (this process only)."""
    import tilec
    from tilec import _tvm, compilation, language, tt
    sys.modules.update({
        "tilelang": tilec,
        "tilelang.language": language,
        "tilelang.tt": tt,
        "tilelang.compilation": compilation,
        "tvm": _tvm,
    })


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tilec")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a TileLang script with tilelang/tvm served by tilec")
    run.add_argument("--target", default=None, help="default target of jit/compile (interp, gpu-interp, tt-sim, cuda)")
    run.add_argument("script")
    run.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    if ns.target:
        os.environ["TILEC_TARGET"] = ns.target
    serve_tilelang_names()
    sys.argv = [ns.script] + ns.args
    sys.path.insert(0, os.path.dirname(os.path.abspath(ns.script)))
    import tilec
    try:
        runpy.run_path(ns.script, run_name="__main__")
    except tilec.CompileError as e:
        sys.stderr.write(str(e))
        return 1
    except tilec.SimulatorStop as e:
        sys.stderr.write(str(e))
        return 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
