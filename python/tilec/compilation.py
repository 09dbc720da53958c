"""tilec.compilation: the seed's GPU flow (tl.compilation).

    mod = tilec.IRModule.from_expr(matmul)
    mod = compilation.apply_default_schedule(mod, target="cuda")
    cuda_code, runtime = compilation.lower_and_build(mod, target="cuda")
    c = runtime(a, b)  # out_idx: the last parameter by default

The runtime runs the kernel on the GPU (`cuda`) where one is present; elsewhere on the CUDA
lowering's simulated threads (`gpu-interp`); `runtime.target` says which.
"""
from __future__ import annotations

from ._kernel import JITKernel
from ._module import IRModule

GPU_TARGETS = ("cuda", "hip")


def apply_default_schedule(mod, target: str = "cuda") -> IRModule:
    """The GPU backend schedules by itself (fragment layouts, thread mapping, barriers); this
    records the target."""
    if target not in GPU_TARGETS:
        raise ValueError(f"apply_default_schedule: target must be one of {GPU_TARGETS}, got '{target}'")
    mod = mod if isinstance(mod, IRModule) else IRModule.from_expr(mod)
    return mod.with_attrs(target=target)


def lower_and_build(mod, target: str = "cuda", out_idx=-1, runtime_target=None):
    """(kernel source, runtime): the CUDA (or HIP) text, and a kernel to call on arrays."""
    from . import _core
    if target not in GPU_TARGETS:
        raise ValueError(f"lower_and_build: target must be one of {GPU_TARGETS}, got '{target}'")
    mod = mod if isinstance(mod, IRModule) else IRModule.from_expr(mod)
    files = mod.func.core().artifacts(target, {})
    source = files["kernel.cu" if target == "cuda" else "kernel.hip"]
    if runtime_target is None:
        runtime_target = "cuda" if target == "cuda" and _core.cuda_available() else "gpu-interp"
    return source, JITKernel(mod.func, out_idx=out_idx, target=runtime_target)
