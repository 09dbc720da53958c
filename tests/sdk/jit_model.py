"""How the real TT-Metalium JIT compiles one kernel, per pinned release, for a host-compiler syntax check.

The JIT never compiles a kernel alone: it compiles a firmware wrapper of the SDK (`brisck.cc`,
`ncrisck.cc`, `trisck.cc`) with the kernel pulled in through files it generates next to it. We do
the same with `g++ -m32 -std=c++17 -fsyntax-only` standing in for Tenstorrent's RISC-V compiler:
the SDK's own wrapper, the JIT's include roots and defines, and stand-ins for the generated files
(written here, from what the JIT's genfiles step emits: kernel_includes.hpp, chlkc_<thread>.cpp,
defines_generated.h and the compute descriptors).

`-m32` matters: the firmware casts pointers to `uint32_t`, which only compiles where pointers are
32 bits wide. What a host compiler cannot check: the MATH thread and everything built on SFPI
(`sfpi.h` comes with Tenstorrent's compiler; the LLK headers of the UNPACK and PACK threads include
it without using it, so an empty stand-in is enough there).
"""

import dataclasses
import pathlib

WORMHOLE_DEFINES = [
    "ARCH_WORMHOLE", "TENSIX_FIRMWARE", "LOCAL_MEM_EN=0", "KERNEL_BUILD", "NUM_DRAM_BANKS=12",
    "IS_NOT_POW2_NUM_DRAM_BANKS=1", "NUM_L1_BANKS=64", "LOG_BASE_2_OF_NUM_L1_BANKS=6", "PCIE_NOC_X=0",
    "PCIE_NOC_Y=3", "DISPATCH_MESSAGE_ADDR=0",
]

# The compute threads a host compiler can check, as (thread, chlkc file, COMPILE_FOR_TRISC, PROCESSOR_INDEX).
CHECKED_TRISC_THREADS = [("UNPACK", "unpack", 0, 2), ("PACK", "pack", 2, 4)]
UNCHECKED_TRISC_THREADS = ["MATH"]

# Data-movement processors as the host's DataMovementConfig names them.
DM_PROCESSORS = {
    "RISCV_0": {"wrapper": "brisck.cc", "define": "COMPILE_FOR_BRISC", "index": 0, "noc": 0},
    "RISCV_1": {"wrapper": "ncrisck.cc", "define": "COMPILE_FOR_NCRISC", "index": 1, "noc": 1},
}


@dataclasses.dataclass
class Release:
    version: str
    include_dirs: list          # relative to the SDK root (`ttnn/`), in the JIT's order
    firmware_dir: str           # where brisck.cc / ncrisck.cc / trisck.cc live
    extra_defines: list
    single_descriptor: bool     # one chlkc_descriptors.h (2026) or one file per descriptor (2025)


_WH = "wormhole_b0"

RELEASES = {
    # tt-metal v0.63.0 (2025-09): the last release with the CommandQueue host API.
    "0.63.0": Release(
        version="0.63.0",
        include_dirs=[
            ".", "ttnn", "ttnn/cpp", "tt_metal", "tt_metal/include", "tt_metal/hw/inc", "tt_metal/hostdevcommon/api",
            "tt_metal/hw/inc/debug", "tt_metal/api", "tt_metal/api/tt-metalium",
            f"tt_metal/hw/ckernels/{_WH}/metal/common", f"tt_metal/hw/ckernels/{_WH}/metal/llk_io",
            f"tt_metal/hw/ckernels/{_WH}/metal/llk_api", f"tt_metal/hw/ckernels/{_WH}/metal/llk_api/llk_sfpu",
            "tt_metal/hw/inc/wormhole", "tt_metal/hw/inc/wormhole/wormhole_b0_defines", "tt_metal/hw/inc/wormhole/noc",
            f"tt_metal/third_party/tt_llk/tt_llk_{_WH}/common/inc", f"tt_metal/third_party/tt_llk/tt_llk_{_WH}/llk_lib",
            "tt_metal/hw/firmware/src/tt-1xx",
        ],
        firmware_dir="tt_metal/hw/firmware/src/tt-1xx",
        extra_defines=[],
        single_descriptor=False,
    ),
    # ttnn 0.81.1 (2026-10): the Mesh host API, device headers under hw/inc/api and hw/inc/internal.
    "0.81.1": Release(
        version="0.81.1",
        include_dirs=[
            ".", "tt_metal", "tt_metal/hw/inc", "tt_metal/hostdevcommon/api", "tt_metal/api", "tt_metal/api/tt-metalium",
            "tt_metal/hw/inc/internal/tt-1xx", "tt_metal/hw/inc/internal/tt-1xx/wormhole",
            "tt_metal/hw/inc/internal/tt-1xx/wormhole/wormhole_b0_defines", "tt_metal/hw/inc/internal/tt-1xx/wormhole/noc",
            f"tt_metal/hw/ckernels/{_WH}/metal/common", f"tt_metal/hw/ckernels/{_WH}/metal/llk_io",
            f"tt_metal/hw/ckernels/{_WH}/metal/llk_api", f"tt_metal/hw/ckernels/{_WH}/metal/llk_api/llk_sfpu",
            f"tt_metal/tt-llk/tt_llk_{_WH}/common/inc", f"tt_metal/tt-llk/tt_llk_{_WH}/llk_lib",
            "tt_metal/tt-llk/common", "tt_metal/tt-llk/tools/include", "tt_metal/hw/firmware/src/tt-1xx",
        ],
        firmware_dir="tt_metal/hw/firmware/src/tt-1xx",
        extra_defines=["PROGRAMMABLE_CORE_TYPE=0"],
        single_descriptor=True,
    ),
}

# ---- stand-ins for what the JIT generates -------------------------------------------------------------

# tt::DataFormat values (tt_backend_api_types.hpp) of the formats tilec emits.
DATA_FORMAT_CODES = {"Float32": 0, "Float16": 1, "Float16_b": 5, "Int32": 8, "Int8": 14, "UInt32": 24, "UInt8": 30}
MAX_CBS = 32
# MathFidelity as ComputeConfig names it -> the value the JIT writes into the descriptor.
FIDELITY_CODES = {"LoFi": 0, "HiFi2": 2, "HiFi3": 3, "HiFi4": 4}


def _array(ctype: str, name: str, values) -> str:
    return f"constexpr {ctype} {name}[{MAX_CBS}] = {{{', '.join(str(v) for v in values)}}};\n"


def _cb_formats(plan: dict) -> list:
    """Per CB index: the data format code of the CB (255 = unused), as the JIT derives it from the program's CBs."""
    formats = [255] * MAX_CBS
    for cb in plan.get("circular_buffers", []):
        formats[int(cb["index"])] = DATA_FORMAT_CODES[cb["data_format"]]
    return formats


def _tile_dims(prefix: str, formats: list) -> str:
    used = [f != 255 for f in formats]
    tile_bytes = {0: 4096, 1: 2048, 5: 2048, 8: 4096, 14: 1024, 24: 4096, 30: 1024, 255: 0}
    text = ""
    for name, ctype, value in [("tile_num_faces", "uint8_t", 4), ("partial_face", "uint8_t", 0),
                               ("tile_face_r_dim", "uint8_t", 16), ("narrow_tile", "uint8_t", 0),
                               ("tile_r_dim", "uint8_t", 32), ("tile_c_dim", "uint8_t", 32)]:
        text += _array(ctype, f"{prefix}_{name}", [value] * MAX_CBS)
    text += _array("uint16_t", f"{prefix}_tile_size", [tile_bytes[f] if u else 0 for f, u in zip(formats, used)])
    text += _array("uint8_t", f"{prefix}_num_faces_r_dim", [2] * MAX_CBS)
    text += _array("uint8_t", f"{prefix}_num_faces_c_dim", [2] * MAX_CBS)
    return text


def descriptor_files(release: Release, plan: dict) -> dict:
    """{file name: text} of the compute descriptors the JIT writes for this kernel's program."""
    compute = plan.get("compute", {})
    fp32_dest = bool(compute.get("fp32_dest_acc_en", False))
    approx = bool(compute.get("math_approx_mode", False))
    fidelity = FIDELITY_CODES.get(compute.get("math_fidelity", "HiFi4"), 4)
    formats = _cb_formats(plan)
    # In DST (unpack destination / pack source) a 16-bit CB stays 16-bit; fp32 DST holds Float32.
    in_dst = [(0 if fp32_dest else f) if f != 255 else 255 for f in formats]
    unpack = _array("std::int32_t", "unpack_src_format", formats) + _array("std::int32_t", "unpack_dst_format", in_dst)
    pack = _array("unsigned char", "pack_src_format", in_dst) + _array("unsigned char", "pack_dst_format", formats)
    accum = f"constexpr bool DST_ACCUM_MODE = {'true' if fp32_dest else 'false'};\n"
    sync = "#define DST_SYNC_MODE DstSync::SyncHalf\n"
    math_fidelity = f"constexpr std::int32_t MATH_FIDELITY = {fidelity};\n"
    math_approx = f"constexpr bool APPROX = {'true' if approx else 'false'};\n"
    if release.single_descriptor:
        text = "#pragma once\n\n#if defined(UCK_CHLKC_MATH)\n#include \"llk_defs.h\"\n"
        text += f"constexpr ckernel::MathFidelity MATH_FIDELITY = static_cast<ckernel::MathFidelity>({fidelity});\n"
        text += math_approx + "#endif\n\n#if !defined(UCK_CHLKC_PACK)\n" + unpack + _tile_dims("unpack", formats)
        text += "#endif\n\n#if !defined(UCK_CHLKC_MATH) && !defined(UCK_CHLKC_UNPACK)\n" + pack + _tile_dims("pack", formats)
        text += "#if defined(UCK_CHLKC_PACK)\n" + _array("std::int32_t", "unpack_src_format", formats) + "#endif\n#endif\n\n"
        text += accum + sync
        return {"chlkc_descriptors.h": text}
    once = "#pragma once\n"
    return {
        "chlkc_unpack_data_format.h": once + unpack,
        "chlkc_pack_data_format.h": once + pack,
        "chlkc_unpack_tile_dims.h": once + _tile_dims("unpack", formats),
        "chlkc_pack_tile_dims.h": once + _tile_dims("pack", formats),
        "chlkc_dst_accum_mode.h": once + accum,
        "chlkc_dst_sync_mode.h": once + sync,
        "chlkc_math_fidelity.h": once + math_fidelity,
        "chlkc_math_approx_mode.h": once + math_approx,
    }


def write_generated(out: pathlib.Path, kernel: pathlib.Path, compute: bool, release: Release, plan: dict,
                    defines: dict) -> None:
    """The JIT's generated files for one kernel, in `out` (which joins the include path first)."""
    out.mkdir(parents=True, exist_ok=True)
    include = f'#include "{kernel}"\n'
    if not compute:
        (out / "kernel_includes.hpp").write_text(include)
        return
    for thread, name, _, _ in CHECKED_TRISC_THREADS:
        (out / f"chlkc_{name}.cpp").write_text(f"#define TRISC_{thread}\n#include \"defines_generated.h\"\n" + include)
    (out / "defines_generated.h").write_text("".join(f"#define {k} {v}\n" for k, v in defines.items()))
    for name, text in descriptor_files(release, plan).items():
        (out / name).write_text(text)


# Stand-ins for two headers of Tenstorrent's compiler package (not in the wheels): `lltt.h` (replay
# buffer intrinsics; the LLK only records and replays instruction sequences through it) and `sfpi.h`
# (included, not used, by the UNPACK and PACK LLK headers).
TOOLCHAIN_SHIMS = {
    "lltt.h": """#pragma once
// Stand-in (tilec tests/sdk): the replay-buffer helpers of Tenstorrent's compiler package.
#include <cstdint>
namespace lltt {
enum ExecMode { NoExec, Exec };
template <ExecMode = NoExec>
inline void record(std::uint32_t, std::uint32_t) {}
inline void replay(std::uint32_t, std::uint32_t) {}
constexpr std::uint32_t replay_insn(std::uint32_t start, std::uint32_t len) { return start << 16 | len; }
}  // namespace lltt
""",
    "sfpi.h": "#pragma once\n// Stand-in (tilec tests/sdk): SFPI needs Tenstorrent's compiler; the checked threads do not use it.\n",
}


def write_shims(out: pathlib.Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in TOOLCHAIN_SHIMS.items():
        (out / name).write_text(text)


def compile_command(sdk: pathlib.Path, release: Release, generated: pathlib.Path, shims: pathlib.Path,
                    wrapper: str, defines: list) -> list:
    """g++ standing in for the JIT's compiler on one firmware wrapper (run with cwd = sdk)."""
    cmd = ["g++", "-m32", "-std=c++17", "-fsyntax-only", "-fmax-errors=50", f"-I{generated}"]
    cmd += [f"-I{d}" for d in release.include_dirs]
    cmd += [f"-I{shims}"]  # last: the SDK's own headers win wherever it has them
    cmd += [f"-D{d}" for d in WORMHOLE_DEFINES + release.extra_defines + defines]
    cmd += [f"{release.firmware_dir}/{wrapper}"]
    return cmd
