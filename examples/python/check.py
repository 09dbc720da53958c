"""The numeric check the example scripts share: tilec's output against numpy's float64 answer."""
import numpy as np


def check(name, got, want, rel=2e-2):
    """Passes when every element is within rel * max|want| (plus a small floor) of numpy's value."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    err = float(np.abs(got - want).max())
    bound = rel * float(np.abs(want).max()) + 1e-3
    status = "ok" if err <= bound else "MISMATCH"
    print(f"{name}: max_abs_err={err:.3e} (bound {bound:.3e}) {status}")
    if err > bound:
        raise SystemExit(f"{name}: tilec's result differs from numpy's")
