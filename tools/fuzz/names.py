"""Name pools for generated kernels.

Ordinary names are what users write; the colliding pools are names that mean something to a
printer or to the code it emits (C/C++ keywords, CUDA/HIP and TT-Metalium SDK identifiers, the
loop and block variables printers invent). A printer that does not rename them hygienically emits
code that does not compile or, worse, compiles and computes something else.
"""

import keyword

ORDINARY_TENSORS = ["A", "B", "X", "Y", "Z", "W", "Out", "Res", "inp", "src", "dst_t", "Q", "V",
                    "bias", "scale", "gamma", "beta", "P", "S", "G"]
ORDINARY_TILES = ["a", "b", "c", "x", "y", "t", "acc", "tile", "frag", "buf", "sh", "tmp", "cur",
                  "x_shared", "A_shared", "B_shared", "C_local", "acc_s", "work", "u", "v"]
ORDINARY_VECTORS = ["row_max", "row_sum", "col_sum", "vmax", "vsum", "part", "stat", "m", "s"]

C_KEYWORDS = ["int", "float", "double", "char", "short", "long", "auto", "register", "volatile",
              "signed", "unsigned", "union", "struct", "static", "extern", "typedef", "switch",
              "case", "default", "goto", "sizeof", "const", "inline", "restrict", "template",
              "typename", "namespace", "new", "delete", "this", "operator", "private", "public",
              "virtual", "explicit", "friend", "using", "mutable", "enum", "do", "bool", "true",
              "false", "NULL", "nullptr", "half", "constexpr", "decltype", "export", "asm"]
SDK_NAMES = ["threadIdx", "blockIdx", "blockDim", "gridDim", "__syncthreads", "half2",
             "nv_bfloat16", "__half", "uint32_t", "int32_t", "size_t", "uint16_t", "cb_wait_front",
             "cb_pop_front", "cb_push_back", "noc_async_read", "get_arg_val", "get_read_ptr",
             "kernel_main", "MAIN", "NAMESPACE", "tile_regs_acquire", "pack_tile", "copy_tile",
             "CoreCoord", "Program", "device", "program", "tt", "ckernel", "std", "fmt", "run",
             "tensors", "sizes", "cq", "core", "cores", "buffer", "in0", "cb_in0", "tilec", "mma",
             "ldmatrix", "float4", "make_float2", "expf", "exp2f", "fmaxf", "sqrtf", "rsqrtf",
             "hexp", "__float2half", "bfloat16", "float16", "float32", "int8", "uint8_t",
             "tt_metal", "distributed", "mesh", "args", "argv", "argc", "inputs", "outputs", "max",
             "min", "abs", "exp", "log", "sqrt", "tanh", "fabs", "floor"]
LOOP_NAMES = ["a", "c", "m", "s", "u", "v", "x", "y", "i", "j", "k", "i0", "i1", "j0", "j1", "k0", "tx", "ty", "tz", "tid", "t", "idx",
              "lane", "warp", "bx", "by", "bz", "blk", "b", "n", "r", "kt", "ko", "ki", "it",
              "block", "num_blocks", "first_block", "block_stride", "v0", "v1", "e", "l", "p"]

# Names the generated Python itself relies on; never reused for anything else.
RESERVED = {"T", "tilelang", "range", "M", "N", "K", "Bt", "block_M", "block_N", "block_K",
            "dtype", "accum_dtype", "num_stages", "threads", "print", "len", "self"}


def is_python_identifier(name):
    return name.isidentifier() and not keyword.iskeyword(name)


class NameAllocator:
    """Hands out distinct names; with `colliding` pools enabled, some are drawn from them."""

    def __init__(self, rng, pools, rate):
        self.rng = rng
        self.pools = [[n for n in p if is_python_identifier(n) and n not in RESERVED] for p in pools]
        self.rate = rate if self.pools else 0.0
        self.used = set(RESERVED)
        self.collided = False   # a colliding name was handed out

    def reserve(self, name):
        self.used.add(name)

    def fresh(self, ordinary, short_ok=False):
        """A new name: from a colliding pool (at `rate`), else from `ordinary`. One-letter
        lowercase buffer names are colliding ones too (the GPU printer's own loop variables are
        single letters): with colliding names off they are skipped unless `short_ok` (loop
        variables, which users spell i, j, k)."""
        if not self.rate and not short_ok:
            longer = [n for n in ordinary if not (len(n) == 1 and n.islower())]
            ordinary = longer or ordinary
        if self.rate and self.rng.random() < self.rate:
            pool = self.rng.choice(self.pools)
            choices = [n for n in pool if n not in self.used]
            if choices:
                self.collided = True
                return self._take(self.rng.choice(choices))
        choices = [n for n in ordinary if n not in self.used]
        if choices:
            return self._take(self.rng.choice(choices))
        base = ordinary[0]
        k = 1
        while f"{base}{k}" in self.used:
            k += 1
        return self._take(f"{base}{k}")

    def _take(self, name):
        self.used.add(name)
        return name
