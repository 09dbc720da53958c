"""tilec.tt: the seed's Tenstorrent API (tilelang.tt) over the C++ TT backend.

    mod = tilec.IRModule.from_expr(matmul)
    mod = tt.apply_tt_defaults(mod)          # records the defaults (and any options given)
    mod = tt.apply_tt_metadata_passes(mod)   # runs the TT passes once: errors surface here
    artifacts = tt.emit_tt_artifacts(mod)    # {"kernels/compute.cpp": ..., "tt.plan.json": ..., ...}

Options (keywords of apply_tt_defaults and emit_tt_artifacts): tt_api ("2025" | "2026"), arch
("wormhole_b0" | "blackhole"), grid ((cols, rows) or "CxR"), policy, order, chunk_k_tiles,
math_fidelity. Options override the kernel's @annotate_tt_schedule, as `tilec compile` flags do.
"""
from __future__ import annotations

import os

from ._module import IRModule
from ._primfunc import PrimFunc

OPTION_NAMES = ("tt_api", "arch", "grid", "policy", "order", "chunk_k_tiles", "math_fidelity")


def _tt_options(mod: IRModule, overrides: dict) -> dict:
    opts = {k: mod.attrs[k] for k in OPTION_NAMES if mod.attrs.get(k) is not None}
    for k, v in overrides.items():
        if k not in OPTION_NAMES:
            raise TypeError(f"tilec.tt: unknown option '{k}' (options: {', '.join(OPTION_NAMES)})")
        if v is not None:
            opts[k] = v
    if isinstance(opts.get("grid"), (tuple, list)):
        opts["grid"] = "x".join(map(str, opts["grid"]))
    if "tt_api" in opts:
        opts["tt_api"] = str(opts["tt_api"])
    return opts


def _module(mod) -> IRModule:
    return mod if isinstance(mod, IRModule) else IRModule.from_expr(mod)


def apply_tt_defaults(mod, **options) -> IRModule:
    """Default schedule (contiguous, row-major) and DRAM-interleaved sharding for what the kernel's
    annotations leave open; the C++ pass apply-tt-defaults applies them first in the TT pipeline."""
    mod = _module(mod)
    _tt_options(mod, options)  # checks the names
    return mod.with_attrs(tt_defaults=True, **options)


def apply_tt_metadata_passes(mod, **options) -> IRModule:
    """The TT passes (work split, CB plan, kernel split, host plan): run once here so that an
    unsupported construct raises tilec.CompileError at this stage."""
    mod = _module(mod)
    mod = mod.with_attrs(**options)
    emit_tt_artifacts(mod)
    return mod.with_attrs(tt_lowered=True)


def emit_tt_artifacts(mod, out_dir=None, **options) -> dict:
    """{file name: text} of the TT-Metalium program (kernels/reader.cpp, kernels/compute.cpp,
    kernels/writer.cpp, host.cpp, main.cpp, CMakeLists.txt, tt.plan.json); written under out_dir
    when given."""
    mod = _module(mod)
    files = dict(mod.func.core().artifacts("tt", _tt_options(mod, options)))
    if out_dir is not None:
        for name, text in files.items():
            path = os.path.join(out_dir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
    return files


def _annotation(decorator_name: str, text: str):
    def apply(func):
        if not isinstance(func, PrimFunc):
            raise TypeError(f"@{decorator_name} goes above @T.prim_func (got {type(func).__name__})")
        if decorator_name in func.source_decorators():
            return func  # written in the file: the front end reads it there
        return func.with_decorator(text)
    return apply


def _kwargs_text(kwargs: dict) -> str:
    from ._capture import literal
    parts = []
    for k, v in kwargs.items():
        lit = literal(v)
        if lit is None:
            raise TypeError(f"annotate_tt_schedule: {k}={v!r} is not a plain value")
        parts.append(f"{k}={lit}")
    return ", ".join(parts)


def annotate_tt_schedule(**kwargs):
    """@annotate_tt_schedule(policy="contiguous", order="row_major", chunk_k_tiles=4) above
    @T.prim_func: how output tiles are split over cores and in which order."""
    return _annotation("annotate_tt_schedule", f"@annotate_tt_schedule({_kwargs_text(kwargs)})")


def annotate_tt_sharding(spec: dict):
    """@annotate_tt_sharding({"A": {"layout": "row_major"}, ...}) above @T.prim_func: each
    tensor's DRAM layout."""
    from ._capture import literal
    lit = literal(spec)
    if lit is None:
        raise TypeError("annotate_tt_sharding takes a dict of plain values")
    return _annotation("annotate_tt_sharding", f"@annotate_tt_sharding({lit})")


annotate_tt_schedule.__tilec_name__ = "tilelang.tt.annotate_tt_schedule"
annotate_tt_sharding.__tilec_name__ = "tilelang.tt.annotate_tt_sharding"
