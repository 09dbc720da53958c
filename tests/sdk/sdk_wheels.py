"""The pinned Tenstorrent SDK releases, fetched from PyPI as `ttnn` wheels and unpacked once.

The wheels are the only public place where Tenstorrent ships a release's device headers
(`ttnn/tt_metal/...`) and its host library (`ttnn/build/lib/libtt_metal.so`). They are cached outside
the build directory (`$TILEC_SDK_CACHE`, default `~/.cache/tilec/sdk`) so that a second CI run and
the sanitizer build download nothing; each version is unpacked once into `<cache>/ttnn-<version>/`.

A wheel that cannot be downloaded raises `SdkUnavailable` with pip's reason: the callers report the
test as SKIPPED (ctest's SKIP_RETURN_CODE), never as passed.
"""

import fcntl
import os
import pathlib
import shutil
import subprocess
import sys
import zipfile

# The API levels of `tilec --tt-api` and the release each one is pinned to (docs/TT_BACKEND.md).
PINNED = {"2025": "0.63.0", "2026": "0.81.1"}

SKIP_RETURN_CODE = 77

# What the checks need from a wheel: the device tree (without the 130 MB of pre-compiled firmware
# in later wheels) and the host library whose exports part 4 reads.
_KEEP_PREFIXES = ("ttnn/tt_metal/", "ttnn/build/lib/libtt_metal.so")
_SKIP_PREFIXES = ("ttnn/tt_metal/pre-compiled/",)


class SdkUnavailable(Exception):
    """The pinned wheel could not be obtained (offline, index error): the check is skipped."""


def cache_dir() -> pathlib.Path:
    root = os.environ.get("TILEC_SDK_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "tilec", "sdk")
    return pathlib.Path(root)


def _wheel_path(version: str) -> pathlib.Path | None:
    wheels = cache_dir() / "wheels"
    found = sorted(wheels.glob(f"ttnn-{version}-*.whl")) if wheels.is_dir() else []
    return found[0] if found else None


def _download(version: str) -> pathlib.Path:
    wheels = cache_dir() / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    # cp310 manylinux wheels: the files we read are the same for every Python tag.
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", f"ttnn=={version}", "-d", str(wheels),
           "--python-version", "3.10", "--only-binary=:all:", "--platform", "manylinux_2_34_x86_64",
           "--no-cache-dir", "-q"]
    print(f"sdk: downloading ttnn {version} (once; cached in {wheels})", flush=True)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SdkUnavailable(f"pip download ttnn=={version} failed: {e}") from e
    wheel = _wheel_path(version)
    if proc.returncode != 0 or wheel is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise SdkUnavailable(f"pip download ttnn=={version} failed (exit {proc.returncode}): " + " | ".join(tail))
    return wheel


def sdk_root(version: str) -> pathlib.Path:
    """`<cache>/ttnn-<version>/ttnn`, downloading and unpacking the wheel the first time."""
    dest = cache_dir() / f"ttnn-{version}"
    done = dest / ".unpacked"
    if done.exists():
        return dest / "ttnn"
    cache_dir().mkdir(parents=True, exist_ok=True)
    # ctest runs the sdk tests in parallel: one process downloads and unpacks, the others wait.
    with open(cache_dir() / f".ttnn-{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            wheel = _wheel_path(version) or _download(version)
            if dest.exists():  # a half-unpacked tree from an interrupted run
                shutil.rmtree(dest)
            with zipfile.ZipFile(wheel) as z:
                for member in z.namelist():
                    if member.startswith(_KEEP_PREFIXES) and not member.startswith(_SKIP_PREFIXES):
                        z.extract(member, dest)
            done.write_text(wheel.name + "\n")
    return dest / "ttnn"


def pinned_roots() -> dict:
    """{level: sdk root} for both levels; raises SdkUnavailable when a wheel cannot be had."""
    return {level: sdk_root(version) for level, version in PINNED.items()}
