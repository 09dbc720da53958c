"""tilec.compile / @tilec.jit: a compiled kernel called on numpy arrays (TileLang's JIT workflow).

A call converts its arrays to the kernel's parameter dtypes' values (float64 carries every
supported dtype exactly), allocates the `out_idx` outputs, runs the kernel on its target through
the C++ core (the same run code as `tilec run`), and returns the outputs as numpy arrays of the
parameters' dtypes (bfloat16 through ml_dtypes).
"""
from __future__ import annotations

import json
import os

import numpy as np

from ._primfunc import PrimFunc

RUN_TARGETS = ("interp", "gpu-interp", "tt-sim", "cuda")


def resolve_target(target) -> str:
    """None or TileLang's "auto": $TILEC_TARGET (python -m tilec run --target), else interp."""
    if target in (None, "auto"):
        return os.environ.get("TILEC_TARGET") or "interp"
    return target


def numpy_dtype(name: str):
    if name == "bfloat16":
        try:
            import ml_dtypes
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("bfloat16 arrays need ml_dtypes (pip install ml_dtypes)") from e
        return np.dtype(ml_dtypes.bfloat16)
    return np.dtype({"bool": np.bool_}.get(name, name))


def _as_numpy(a):
    if isinstance(a, np.ndarray):
        return a
    if type(a).__module__.startswith("torch"):  # a CPU torch tensor
        t = a.detach().cpu()
        if str(t.dtype) == "torch.bfloat16":
            import ml_dtypes
            return t.view(__import__("torch").int16).numpy().view(ml_dtypes.bfloat16)
        return t.numpy()
    return np.asarray(a)


TT_OPTIONS = ("tt_api", "arch", "grid", "policy", "order", "chunk_k_tiles", "math_fidelity", "seed", "trace",
              "tt_sim_build")
# TileLang's jit/compile keywords with no meaning here (tilec has no pass configs or backends).
TILELANG_ONLY = ("pass_configs", "execution_backend", "verbose", "debug_root_path", "compile_flags", "target_host")


def _options(tt):
    opts = {}
    for k, v in (tt or {}).items():
        if k in TILELANG_ONLY or v is None:
            continue
        if k not in TT_OPTIONS:
            raise TypeError(f"tilec: unknown option '{k}' (options: {', '.join(TT_OPTIONS)})")
        opts[k] = "x".join(map(str, v)) if k == "grid" and isinstance(v, (tuple, list)) else v
    if "tt_api" in opts:
        opts["tt_api"] = str(opts["tt_api"])
    return opts


def summarize_report(report: dict) -> dict:
    """The simulator's report in short: cycles, time, utilisation and each core's busy share."""
    out = {"arch": report.get("arch"), "cycles": report.get("total_cycles"), "us": report.get("total_us"),
           "programs": []}
    for prog in report.get("programs", []):
        cycles = prog.get("cycles") or 0
        cores = {}
        for k in prog.get("kernels", []):
            core = tuple(k.get("core", ()))
            busy = k.get("busy_cycles", 0)
            entry = cores.setdefault(core, {})
            entry[k.get("kernel", "?")] = busy / cycles if cycles else 0.0
        out["programs"].append({"cycles": cycles, "matmul_utilization": prog.get("matmul_utilization"),
                                "compute_cores": prog.get("compute_cores"), "core_busy": cores})
    first = out["programs"][0] if out["programs"] else {}
    out["utilization"] = first.get("matmul_utilization")
    out["core_busy"] = first.get("core_busy", {})
    out["raw"] = report
    return out


class JITKernel:
    """A kernel compiled for `target`; call it on arrays. `out_idx`: the parameters it allocates
    and returns (an int or a list, negative from the end), as in TileLang."""

    def __init__(self, func: PrimFunc, out_idx=None, target: str | None = None, **tt_options):
        target = resolve_target(target)
        if target not in RUN_TARGETS:
            raise ValueError(f"tilec: cannot run on target '{target}' (targets: {', '.join(RUN_TARGETS)})")
        self.func = func
        self.target = target
        self.options = _options(tt_options)
        self.core = func.core()  # builds now: a CompileError surfaces at compile time
        self.params_info = self.core.params()
        n = len(self.params_info)
        if out_idx is None:
            out_idx = []
        elif isinstance(out_idx, int):
            out_idx = [out_idx]
        self.out_idx = sorted({i % n for i in out_idx}) if n else []
        self.report = None
        self._artifacts = None

    # ---- what was compiled ------------------------------------------------------------------
    @property
    def artifacts(self) -> dict:
        """The files `tilec compile` writes for this target: tt (tt-sim), cuda (gpu-interp, cuda),
        the Tile IR (interp)."""
        if self._artifacts is None:
            if self.target == "tt-sim":
                self._artifacts = self.core.artifacts("tt", self.options)
            elif self.target in ("gpu-interp", "cuda"):
                self._artifacts = self.core.artifacts("cuda", self.options)
            else:
                self._artifacts = {"kernel.tir": self.core.ir(False)}
        return self._artifacts

    def get_kernel_source(self) -> str:
        a = self.artifacts
        if "kernel.cu" in a:
            return a["kernel.cu"]
        if "kernels/compute.cpp" in a:
            return "\n".join(f"// ---- {n} ----\n{a[n]}" for n in
                             ("kernels/reader.cpp", "kernels/compute.cpp", "kernels/writer.cpp") if n in a)
        return a["kernel.tir"]

    # ---- running ---------------------------------------------------------------------------
    def __call__(self, *args):
        n = len(self.params_info)
        given = [_as_numpy(a) for a in args]
        if len(given) == n:
            slots = list(range(n))
            out_slots = []
        elif len(given) == n - len(self.out_idx):
            slots = [i for i in range(n) if i not in self.out_idx]
            out_slots = self.out_idx
        else:
            raise TypeError(f"tilec: kernel '{self.func.name}' takes {n} arrays, or {n - len(self.out_idx)} "
                            f"with out_idx={self.out_idx}; got {len(given)}")
        arrays = [None] * n
        for slot, a in zip(slots, given):
            p = self.params_info[slot]
            want = numpy_dtype(p["dtype"])
            if a.dtype != want:
                raise TypeError(f"tilec: argument '{p['name']}' is {a.dtype}, the kernel takes {p['dtype']}")
            arrays[slot] = np.ascontiguousarray(a.astype(np.float64))
        sizes = self.core.sizes_for(self.options, [a for a in arrays if a is not None]) if out_slots and \
            self.core.size_names else {}
        for slot in out_slots:
            p = self.params_info[slot]
            shape = self.core.params(sizes)[slot]["shape"]
            if any(not isinstance(d, int) for d in shape):
                raise TypeError(f"tilec: cannot allocate '{p['name']}' of shape {shape}: its sizes are not known")
            arrays[slot] = np.zeros(shape, dtype=np.float64)
        values, report = self.core.run(self.target, self.options, arrays)
        self.report = summarize_report(json.loads(report)) if report else None
        results = []
        for i, v in enumerate(values):
            if i in out_slots:
                results.append(np.asarray(v).astype(numpy_dtype(self.params_info[i]["dtype"])))
            elif self.params_info[i]["output"] and len(given) == n:  # in place, as TileLang does
                np.copyto(given[i], np.asarray(v).astype(given[i].dtype))
        if not out_slots:
            return None
        return results[0] if len(results) == 1 else results

    def __repr__(self):
        return f"<tilec.JITKernel {self.func.name} target={self.target}>"


def compile(func, out_idx=None, target: str | None = None, **tt_options) -> JITKernel:  # noqa: A001
    """TileLang's tilelang.compile: a @T.prim_func compiled for `target` (interp, gpu-interp,
    tt-sim, cuda); TT options: tt_api, arch, grid, policy, order, chunk_k_tiles, math_fidelity."""
    if not isinstance(func, PrimFunc):
        raise TypeError(f"tilec.compile takes a @T.prim_func, got {type(func).__name__}")
    return JITKernel(func, out_idx=out_idx, target=target, **tt_options)


class JITFactory:
    """@tilec.jit on a factory: calling it runs the factory as Python, compiles the @T.prim_func it
    returns, and caches the kernel per arguments."""

    def __init__(self, fn, out_idx=None, target=None, **options):
        self.fn = fn
        self.out_idx = out_idx
        self.target = target
        self.options = options
        self.cache = {}
        self.__name__ = getattr(fn, "__name__", "kernel")
        self.__doc__ = getattr(fn, "__doc__", None)
        self.__wrapped__ = fn

    def __call__(self, *args, **kwargs):
        if isinstance(self.fn, PrimFunc):
            return self.compile()(*args, **kwargs)
        key = (args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:
            key = None
        if key is not None and key in self.cache:
            return self.cache[key]
        func = self.fn(*args, **kwargs)
        if not isinstance(func, PrimFunc):
            raise TypeError(f"tilec.jit: '{self.__name__}' returned {type(func).__name__}, not a @T.prim_func")
        kernel = JITKernel(func, out_idx=self.out_idx, target=self.target, **self.options)
        if key is not None:
            self.cache[key] = kernel
        return kernel

    def compile(self, *args, **kwargs) -> JITKernel:
        """matmul.compile(M=..., ...): the kernel for these arguments."""
        if isinstance(self.fn, PrimFunc):
            return JITKernel(self.fn, out_idx=self.out_idx, target=self.target, **self.options)
        return self(*args, **kwargs)


def jit(fn=None, *, out_idx=None, target=None, **options):
    """@tilec.jit(out_idx=..., target=...) on a factory (or a bare @T.prim_func)."""
    if fn is None:
        return lambda f: JITFactory(f, out_idx=out_idx, target=target, **options)
    return JITFactory(fn, out_idx=out_idx, target=target, **options)


jit.__tilec_name__ = "tilelang.jit"
