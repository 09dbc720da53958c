#!/usr/bin/env python3
"""Host code against the pinned release's library (ctest `sdk.host_symbols`).

The wheels carry no host headers, so an emitted host.cpp cannot be compiled here. What can be checked:
every non-template host API function an emitted host.cpp calls must be exported by the release's
`libtt_metal.so` with parameters that take the arguments we pass. The exported signatures are read
from the library (`nm -D --demangle --defined-only`); the calls from the emitted host.cpp files; the
types of our arguments are what the host printer passes (CALLS below, one row per call form).

Caught: a function the release does not export (removed, renamed, moved namespace), an argument type
it does not take (a CoreRange where it wants a CoreRangeSet, a global type where it has tt::tt_metal's),
too many arguments. Not caught: header-only templates (EnqueueReadBuffer into a vector,
EnqueueWrite/ReadMeshBuffer: they are not in the library), default arguments (nm shows none, so a call
with too few arguments passes), return types, designated-initializer fields of config structs.

usage: check_host_symbols.py --tilec BIN --work DIR [--level L] KERNEL.py...
Exit 0 pass, 1 fail, 77 skipped (no wheel).
"""

import argparse
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sdk_wheels  # noqa: E402

TT = "tt::tt_metal::"
D = TT + "distributed::"


def calls(level: str) -> list:
    """(regex on host.cpp, exported function, [argument types as we pass them]) per call form.
    A type may list alternatives with '|' (an alias whose target nm shows: CoreCoord is xy_pair)."""
    s = "" if level == "2025" else TT  # scope of CoreRange/CoreCoord (ApiTable::hostTypeScope)
    coord = "tt::umd::xy_pair|tt::xy_pair"
    common = [
        (r"\bCreateProgram\(\)", TT + "CreateProgram", []),
        (r"\bCreateCircularBuffer\(", TT + "CreateCircularBuffer", [TT + "Program&", s + "CoreRange", TT + "CircularBufferConfig"]),
        (r"\bCircularBufferConfig\(", TT + "CircularBufferConfig::CircularBufferConfig",
         ["unsigned int", "std::map<unsigned char, tt::DataFormat>"]),
        (r"\.set_page_size\(", TT + "CircularBufferConfig::set_page_size", ["unsigned char", "unsigned int"]),
        (r"\bCreateKernel\(", TT + "CreateKernel", [TT + "Program&", "std::string", s + "CoreRange"]),
        (r"\bCreateSemaphore\(", TT + "CreateSemaphore", [TT + "Program&", s + "CoreRange", "unsigned int"]),
        (r"\bSetRuntimeArgs\(", TT + "SetRuntimeArgs", [TT + "Program", "unsigned int", coord,
                                                       "std::initializer_list<unsigned int>"]),
    ]
    if level == "2025":
        return common + [
            (r"\bCreateDevice\(", TT + "CreateDevice", ["int"]),
            (r"\bCreateBuffer\(InterleavedBufferConfig", TT + "CreateBuffer", [TT + "BufferConfig|" + TT + "InterleavedBufferConfig"]),
            (r"\bEnqueueWriteBuffer\(", TT + "EnqueueWriteBuffer",
             [TT + "CommandQueue&", "std::shared_ptr<tt::tt_metal::Buffer>", "std::vector<unsigned int>&", "bool"]),
            (r"\bEnqueueProgram\(", TT + "EnqueueProgram", [TT + "CommandQueue&", TT + "Program&", "bool"]),
            (r"\bFinish\(cq\)", TT + "Finish", [TT + "CommandQueue&"]),
            (r"\bCloseDevice\(", TT + "CloseDevice", [TT + "IDevice*"]),
            (r"_buffer->address\(\)", TT + "Buffer::address", []),
            (r"device->worker_core_from_logical_core\(", TT + "Device::worker_core_from_logical_core", [coord]),
        ]
    return common + [
        (r"MeshDevice::create_unit_mesh\(", D + "MeshDevice::create_unit_mesh", ["int"]),
        (r"->mesh_command_queue\(\)", D + "MeshDevice::mesh_command_queue", []),
        (r"MeshBuffer::create\(", D + "MeshBuffer::create",
         [D + "ReplicatedBufferConfig", D + "DeviceLocalBufferConfig", D + "MeshDevice*"]),
        (r"\bTensorAccessorArgs\(\*", TT + "TensorAccessorArgs::TensorAccessorArgs", [D + "MeshBuffer"]),
        (r"\.append_to\(", TT + "TensorAccessorArgs::append_to", ["std::vector<unsigned int>&"]),
        (r"\.add_program\(", D + "MeshWorkload::add_program", [D + "MeshCoordinateRange", TT + "Program&&"]),
        (r"MeshCoordinateRange\(mesh->shape\(\)\)", D + "MeshCoordinateRange::MeshCoordinateRange", [D + "MeshShape"]),
        (r"mesh->shape\(\)", D + "MeshDevice::shape", []),
        (r"EnqueueMeshWorkload\(", D + "EnqueueMeshWorkload", [D + "MeshCommandQueue&", D + "MeshWorkload&", "bool"]),
        (r"distributed::Finish\(", D + "Finish", [D + "MeshCommandQueue&"]),
        (r"mesh->close\(\)", D + "MeshDevice::close", []),
        (r"mesh->worker_core_from_logical_core\(", D + "MeshDevice::worker_core_from_logical_core", [coord]),
    ]


def _split(params: str) -> list:
    out, depth, cur = [], 0, ""
    for ch in params:
        depth += ch in "<(["
        depth -= ch in ">)]"
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return out + [cur.strip()] if cur.strip() else out


def _normalise(t: str) -> str:
    t = re.sub(r"std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >", "std::string", t)
    t = re.sub(r", std::allocator<[^<>]*(<[^<>]*>)?[^<>]*> ?>", ">", t)           # vector<T, allocator<T> >
    t = re.sub(r", std::less<unsigned char>, std::allocator<std::pair<unsigned char const, ([\w:]+)> > >",
               r", \1>", t)                                                            # map<K, V, less, allocator>
    t = re.sub(r", std::less<[^<>]*>", "", t)                                       # map<K, V, less<K>>
    return t.replace(" >", ">").strip()


def accepts(param: str, ours: str) -> bool:
    p = _normalise(param)
    for t in ours.split("|"):
        base = t.rstrip("&*") if t.endswith("&&") is False else t
        if p in (t, t + " const&", base + " const&", base, t + "&"):
            return True
        if t.endswith("&&") and p == t:
            return True
        m = re.fullmatch(r"std::variant<(.*)> const&", p)
        if m and base in _split(m.group(1)):
            return True
    return False


def exported(lib: pathlib.Path) -> dict:
    out = subprocess.run(["nm", "-D", "--demangle", "--defined-only", str(lib)], capture_output=True, text=True,
                         check=True).stdout
    table = {}
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ [TW] ((?:[\w:~]+::)?[\w~]+)\((.*)\)( const)?$", line)
        if m:
            table.setdefault(m.group(1), []).append(_split(m.group(2)))
    return table


def emit(tilec: str, source: pathlib.Path, level: str, out: pathlib.Path) -> str:
    subprocess.run([tilec, "compile", str(source), "--target", "tt", "--tt-api", level, "-o", str(out)], check=True,
                   capture_output=True)
    return (out / "host.cpp").read_text()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tilec", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--level", action="append", choices=sorted(sdk_wheels.PINNED))
    ap.add_argument("kernels", nargs="+")
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
        table = exported(roots[level] / "build" / "lib" / "libtt_metal.so")
        hosts = [emit(args.tilec, pathlib.Path(k), level, pathlib.Path(args.work) / level / pathlib.Path(k).stem)
                 for k in args.kernels]
        used = [(pattern, fn, types) for pattern, fn, types in calls(level) if any(re.search(pattern, h) for h in hosts)]
        bad = []
        for _, fn, types in used:
            overloads = table.get(fn, [])
            if not overloads:
                bad.append(f"{fn}: not exported by ttnn {version}'s libtt_metal.so")
                continue
            if not any(len(params) >= len(types) and all(accepts(p, t) for p, t in zip(params, types))
                       for params in overloads):
                shown = "; ".join("(" + ", ".join(_normalise(p) for p in params) + ")" for params in overloads[:4])
                bad.append(f"{fn}({', '.join(types)}): no exported overload takes these; ttnn {version} has {shown}")
        for line in bad:
            print(f"[{level}] {line}")
        print(f"[{level}] ttnn {version}: host API functions called: {len(used)}, exported with our parameter types: "
              f"{len(used) - len(bad)}")
        failures += len(bad)
    print("note: not checked: header-only templates (EnqueueReadBuffer into a vector, EnqueueWrite/ReadMeshBuffer), "
          "default arguments, config struct fields: the wheels carry no host headers")
    print("PASS" if not failures else "FAIL")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
