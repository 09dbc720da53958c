#!/usr/bin/env python3
"""Random but valid TileLang kernels for differential testing of tilec (docs/FUZZING.md).

`python3 tools/fuzz/gen.py SEED [--enable CLASS,...] [-o FILE]` prints (or writes) one kernel.
The same seed and switches always give the same text. Each file is self-contained: its
`# tilec:` line carries the sizes (`--call` / `-D`), and `# fuzz:` lines say which family made it,
the features it uses (for triage) and whether it is meant to run on the Tenstorrent backend.

Kernels come from a few families shaped like real ones (element-wise, GEMM with epilogue,
reductions / softmax-like, seed-style scalar loops), each randomised in its geometry (1-3 grid
dims, sizes constant or symbolic, dividing the blocks or not), its buffers (shared / fragment /
local), its copies (start or slice regions, scalar nests) and its expressions (exprs.py).
"""

import argparse
import random
import sys

if __package__ in (None, ""):
    sys.path.insert(0, __import__("os").path.dirname(__file__))
from exprs import ExprGen, Operand  # noqa: E402
from names import (C_KEYWORDS, LOOP_NAMES, ORDINARY_TENSORS, ORDINARY_TILES,  # noqa: E402
                   ORDINARY_VECTORS, SDK_NAMES, NameAllocator)

# Classes of known, open bugs. A generator switch turns each on; off by default so that the CI
# campaign passes on main. Once a class is fixed its entry goes, and the generator makes the
# construct by default (docs/FUZZING.md). Fixed and now always generated: hygiene (colliding and
# reserved names), tt_partial (sizes that do not divide the blocks on TT), frag_shapes, reduce_1d,
# raise_acc (issue 8), int_floor (finding F1) and tt_rounding (finding F4: TT-meant kernels mixing
# float dtypes, casts inside expressions).
KNOWN_OPEN = {}
FLOAT_DTYPES = ["float16", "bfloat16", "float32"]


def ceildiv(a, b):
    return -(-a // b)


class Sizes:
    """Problem and block sizes: each has a value (for the generator's reasoning) and the text the
    kernel spells it with (a factory parameter, a free name bound by -D, a T.symbolic, a literal)."""

    def __init__(self):
        self.value = {}
        self.text = {}
        self.symbolic = set()

    def set(self, key, value, text):
        self.value[key] = value
        self.text[key] = text

    def __getitem__(self, key):
        return self.text[key]

    def static(self, key):
        return key not in self.symbolic


class Kernel:
    def __init__(self, seed, switches):
        self.seed = seed
        self.rng = random.Random(seed)
        self.switches = set(switches)
        self.features = set()
        self.lines = []          # the prim_func body, indented relative to `with T.Kernel`
        self.params = []         # (name, shape texts, dtype)
        self.flags = []
        self.tt = False
        self.family = ""
        self.sizes = Sizes()
        self.preamble = []       # factory-body or module-level lines before the prim_func
        pools = [C_KEYWORDS, SDK_NAMES, LOOP_NAMES]
        # Names that collide with C/C++ keywords, SDK identifiers and printer loop variables
        # belong to the known-open hygiene class (issue 8).
        self.names = NameAllocator(self.rng, pools, rate=0.15 if self.on("hygiene") else 0.0)
        # Loop variables come from the same allocator: a name is never both a buffer and a loop
        # variable, and each nest gets its own (the printers must keep them apart).
        self.loop_names = self.names
        self.used_intrinsics = set()   # "fn:" features; int_floor is also a known-open class

    # -- helpers ------------------------------------------------------------------------------
    def chance(self, p):
        return self.rng.random() < p

    def pick(self, *weighted):
        """pick((value, weight), ...)"""
        total = sum(w for _, w in weighted)
        r = self.rng.random() * total
        for v, w in weighted:
            r -= w
            if r < 0:
                return v
        return weighted[-1][0]

    def on(self, switch):
        """A construct is generated unless it belongs to a known-open class left switched off."""
        return switch not in KNOWN_OPEN or switch in self.switches

    def emit(self, line, depth=0):
        self.lines.append("    " * depth + line)

    def param(self, ordinary, shape, dtype):
        name = self.names.fresh(ordinary)
        self.params.append((name, shape, dtype))
        return name

    def loopvars(self, n):
        base = [["i"], ["i", "j"], ["i", "j", "k"]][n - 1]
        out = []
        for b in base:
            out.append(self.loop_names.fresh([b, b + "i", b + "0", b * 2, b + "1", b + "2", b + "3"],
                                             short_ok=True))
        return out

    def alloc(self, ordinary, shape, dtype, scope):
        name = self.names.fresh(ordinary)
        fn = {"shared": "alloc_shared", "fragment": "alloc_fragment", "local": "alloc_local"}[scope]
        self.emit(f"{name} = T.{fn}(({', '.join(shape)}{',' if len(shape) == 1 else ''}), \"{dtype}\")", 1)
        self.features.add(f"scope:{scope}")
        return name

    def tile_scope(self):
        return self.pick(("fragment", 5), ("shared", 4), ("local", 1))

    # -- sizes --------------------------------------------------------------------------------
    def choose_block(self, key, text_name, choices):
        v = self.pick(*choices)
        if self.style == "factory" and self.chance(0.7):
            self.sizes.set(key, v, text_name)
            self.factory_params.append((text_name, v, self.chance(0.5)))
        else:
            self.sizes.set(key, v, str(v))
        return v

    def choose_extent(self, key, block, divides, symbolic_ok, max_blocks=3, text_name=None):
        text_name = text_name or key
        nb = self.rng.randint(1, max_blocks)
        v = nb * block if divides else max(1, (nb - 1) * block + self.rng.randint(1, block - 1)) \
            if block > 1 else nb
        if v % block == 0 and not divides and block > 1:
            v += 1
        symbolic = symbolic_ok and self.chance(0.25)
        if symbolic:
            sym = self.names.fresh([key.lower(), key.lower() + "_dyn", "n_" + key.lower()])
            if self.on("hygiene") and self.chance(0.5):
                sym = self.rng.choice(["i", "j", "k", "tx", "bx", "i0", "idx", "tid", "kt", "n"])
                self.features.add("hygiene")
            self.preamble.append(f"{text_name} = T.symbolic(\"{sym}\")")
            self.flags.append(f"-D {sym}={v}")
            self.sizes.symbolic.add(key)
            self.features.add("size:symbolic")
        elif self.style == "factory":
            self.factory_params.append((text_name, v, False))
        elif self.chance(0.5):
            self.flags.append(f"-D {text_name}={v}")
            self.features.add("size:define")
        else:
            text_name = str(v)
        self.sizes.set(key, v, text_name)
        self.features.add("size:divides" if v % block == 0 else "size:partial")
        return v

    # -- top level ----------------------------------------------------------------------------
    def generate(self):
        r = self.rng.random()
        self.family = self.pick(("eltwise", 3), ("gemm", 3), ("reduce", 3), ("scalar", 1.5))
        self.style = "seed" if self.family == "scalar" else self.pick(("factory", 6), ("seed", 4))
        self.tt = self.family != "scalar" and self.chance(0.5)
        self.factory_params = []   # (name, value, passed explicitly in --call)
        self.threads = self.pick((128, 5), (256, 1), (64, 1), (32, 1), (None, 2))
        getattr(self, "fam_" + self.family)()
        del r
        return self.render()

    def kernel_header(self, grid):
        names = [self.names.fresh([n], short_ok=True) for n in ["bx", "by", "bz"][:len(grid)]]
        threads = f", threads={self.threads}" if self.threads else ""
        bind = names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"
        self.header = f"with T.Kernel({', '.join(grid)}{threads}) as {bind}:"
        self.features.add(f"grid:{len(grid)}d")
        return names

    def dtype(self, allow_int=True):
        if not self.tt and allow_int and self.chance(0.12):
            return self.rng.choice(["int32", "int8"])
        return self.pick(("float16", 4), ("bfloat16", 2), ("float32", 3))

    # -- geometry shared by the element-wise and reduction families ---------------------------
    def block_choices(self):
        if self.tt:
            return ((32, 6), (64, 3), (128, 1))
        frag1 = ((1, 1),) if self.on("frag_shapes") else ()
        return ((32, 5), (64, 3), (16, 3), (8, 1), (128, 1), (4, 1)) + frag1

    def divides_choice(self):
        if self.tt and not self.on("tt_partial"):
            return True
        return self.chance(0.6)

    # -- families -----------------------------------------------------------------------------
    def fam_eltwise(self):
        dt = self.dtype()
        geom = self.pick(("1d", 2), ("rows", 2), ("2d", 5), ("3d", 2))
        divides = self.divides_choice()
        bm = self.choose_block("bm", "block_M", self.block_choices())
        g = Geometry(self, geom, bm, divides)
        n_in = self.pick((1, 3), (2, 4), (3, 2))
        ins = [self.param(ORDINARY_TENSORS, g.tensor_shape(), dt) for _ in range(n_in)]
        vecs = []
        if geom != "1d" and dt.startswith("float") and self.chance(0.35):
            vecs.append(("row", self.param(["bias", "gamma", "beta", "scale"], (self.sizes["N"],), dt)))
        if geom != "1d" and dt.startswith("float") and self.chance(0.2):
            vecs.append(("col", self.param(["rscale", "colv", "shift"], (self.sizes["M"],), dt)))
        outs = [self.param(["Out", "Y", "C", "Res"], g.tensor_shape(), self.out_dtype(dt))
                for _ in range(self.pick((1, 4), (2, 1)))]
        self.kernel_header(g.grid())
        g.bind()
        operands = []
        direct = self.style == "seed" and divides and self.chance(0.4)
        tiles = []
        for x in ins:
            if direct:
                operands.append(("global", x))
            else:
                t = self.alloc(ORDINARY_TILES, g.tile_shape(), self.tile_dtype(dt), self.tile_scope())
                g.load(x, t, dt)
                tiles.append(t)
                operands.append(("tile", t))
        for kind, v in vecs:
            if self.chance(0.5) and g.vector_tileable(kind):
                t = self.alloc(ORDINARY_VECTORS, (g.vector_extent_text(kind),), dt,
                               self.pick(("fragment", 2), ("shared", 2)))
                g.load_vector(v, t, kind)
                operands.append((kind + "tile", t))
            else:
                operands.append((kind + "global", v))
        # A chain of maps, each writing a fresh fragment or updating a tile in place.
        cur = None
        for step in range(self.pick((1, 3), (2, 3), (3, 1))):
            if self.chance(0.15) and not direct:
                self.fill_step(g, dt)
            dst_dtype = self.tile_dtype(dt)
            in_place = tiles and self.chance(0.3)
            if in_place:
                dst = self.rng.choice(tiles)
            else:
                dst = self.alloc(ORDINARY_TILES, g.tile_shape(), dst_dtype,
                                 self.pick(("fragment", 6), ("local", 1), ("shared", 2)))
            g.map(dst, operands, dt)
            if not in_place:
                tiles.append(dst)
                operands.append(("tile", dst))
            cur = dst
        if cur is None:
            cur = tiles[0]
        for k, out in enumerate(outs):
            src = cur if k == 0 else self.rng.choice(tiles)
            g.store(src, out)

    def out_dtype(self, dt):
        if dt.startswith("int"):
            return dt
        if self.chance(0.25):
            return self.rng.choice(FLOAT_DTYPES)
        return dt

    def tile_dtype(self, dt):
        if dt.startswith("int"):
            return dt
        return self.pick((dt, 3), ("float32", 2))

    def fill_step(self, g, dt):
        t = self.alloc(ORDINARY_TILES, g.tile_shape(), self.tile_dtype(dt), "fragment")
        if self.chance(0.5):
            self.emit(f"T.clear({t})", 1)
        else:
            self.emit(f"T.fill({t}, {self.rng.choice(['0.5', '1.0', '-2.0', '0'])})", 1)
        self.features.add("op:fill")

    def fam_gemm(self):
        in_dt, acc_dt = self.pick((("float16", "float32"), 5), (("bfloat16", "float32"), 3),
                                  (("float32", "float32"), 2), (("float16", "float16"), 1),
                                  (("int8", "int32"), 0 if self.tt else 1))
        ta = self.chance(0.25)
        tb = self.chance(0.3)
        divides = self.divides_choice()
        if self.tt:
            blocks = ((32, 4), (64, 3), (128, 1))
            kblocks = ((32, 4), (64, 2))
        else:
            blocks = ((32, 4), (64, 4), (16, 2), (128, 1))
            kblocks = ((32, 4), (16, 2), (64, 2))
        bm = self.choose_block("bm", "block_M", blocks)
        bn = self.choose_block("bn", "block_N", blocks)
        bk = self.choose_block("bk", "block_K", kblocks)
        batched = self.chance(0.2)
        M = self.choose_extent("M", bm, divides, True)
        N = self.choose_extent("N", bn, divides, self.chance(0.3))
        K = self.choose_extent("K", bk, divides or self.chance(0.3), self.chance(0.3), max_blocks=4)
        del M, N
        S = self.sizes
        if batched:
            bt = self.rng.randint(2, 3)
            if self.style == "factory":
                self.factory_params.append(("Bt", bt, False))
                S.set("Bt", bt, "Bt")
            else:
                S.set("Bt", bt, str(bt))
        a_shape = (S["K"], S["M"]) if ta else (S["M"], S["K"])
        b_shape = (S["N"], S["K"]) if tb else (S["K"], S["N"])
        c_shape = (S["M"], S["N"])
        if batched:
            a_shape, b_shape, c_shape = ((S["Bt"],) + s for s in (a_shape, b_shape, c_shape))
        A = self.param(["A", "X", "Q", "inp"], a_shape, in_dt)
        B = self.param(["B", "W", "Kmat", "weight"], b_shape, in_dt)
        bias = None
        if self.chance(0.3) and not in_dt.startswith("int"):
            bias = self.param(["bias", "b0"], (S["N"],), in_dt)
        out_dt = self.pick((acc_dt, 2), (in_dt, 2))
        C = self.param(["C", "Out", "Y"], c_shape, out_dt)
        grid = [f"T.ceildiv({S['N']}, {S['bn']})", f"T.ceildiv({S['M']}, {S['bm']})"]
        if batched:
            grid.append(S["Bt"])
        bx, by, *rest = self.kernel_header(grid)
        bz = rest[0] if rest else None
        a_tile_shape = (S["bk"], S["bm"]) if ta else (S["bm"], S["bk"])
        b_tile_shape = (S["bn"], S["bk"]) if tb else (S["bk"], S["bn"])
        a_scope = "shared" if self.tt or self.chance(0.85) else "fragment"
        As = self.alloc(["A_shared", "As", "a_s"], a_tile_shape, in_dt, a_scope)
        Bs = self.alloc(["B_shared", "Bs", "b_s"], b_tile_shape, in_dt, "shared")
        Cl = self.alloc(["C_local", "acc", "Cl"], (S["bm"], S["bn"]), acc_dt,
                        "fragment" if self.tt or self.chance(0.9) else "local")
        seed_style = self.style == "seed" and divides and K % bk == 0 and not batched and self.chance(0.5)
        if seed_style:
            i, j = self.loopvars(2)
            self.emit(f"for {i}, {j} in T.Parallel({S['bm']}, {S['bn']}):", 1)
            self.emit(f"{Cl}[{i}, {j}] = 0.0", 2)
        else:
            if self.chance(0.8):
                self.emit(f"T.clear({Cl})", 1)
            else:
                self.emit(f"T.fill({Cl}, 0)", 1)
        ko = self.loop_names.fresh(["ko", "k", "kk", "kb"], short_ok=True)
        nk = f"T.ceildiv({S['K']}, {S['bk']})" if K % bk or self.chance(0.5) else f"{S['K']} // {S['bk']}"
        loop = self.pick(("pipelined", 5), ("serial", 2), ("range", 1))
        if loop == "pipelined":
            stages = self.pick((2, 3), (3, 2), (1, 1), (4, 1), (0, 0.5), (None, 1))
            st = f", num_stages={stages}" if stages is not None else ""
            self.emit(f"for {ko} in T.Pipelined({nk}{st}):", 1)
            self.features.add(f"pipelined:{stages}")
        elif loop == "serial":
            self.emit(f"for {ko} in T.serial({nk}):", 1)
        else:
            self.emit(f"for {ko} in range({nk}):", 1)
        pre = f"{bz}, " if batched else ""
        arow = (f"{ko} * {S['bk']}", f"{by} * {S['bm']}") if ta else (f"{by} * {S['bm']}", f"{ko} * {S['bk']}")
        brow = (f"{bx} * {S['bn']}", f"{ko} * {S['bk']}") if tb else (f"{ko} * {S['bk']}", f"{bx} * {S['bn']}")
        a_ext = a_tile_shape
        b_ext = b_tile_shape
        if seed_style:
            for src, dst, start, ext in ((A, As, arow, a_ext), (B, Bs, brow, b_ext)):
                i, j = self.loopvars(2)
                self.emit(f"for {i}, {j} in T.Parallel({ext[0]}, {ext[1]}):", 2)
                self.emit(f"{dst}[{i}, {j}] = {src}[{start[0]} + {i}, {start[1]} + {j}]", 3)
            i, j, kk = self.loopvars(3)
            ai = f"{As}[{kk}, {i}]" if ta else f"{As}[{i}, {kk}]"
            bi = f"{Bs}[{j}, {kk}]" if tb else f"{Bs}[{kk}, {j}]"
            if acc_dt != in_dt:
                ai, bi = f"T.cast({ai}, \"{acc_dt}\")", f"T.cast({bi}, \"{acc_dt}\")"
            self.emit(f"for {i}, {j}, {kk} in T.Parallel({S['bm']}, {S['bn']}, {S['bk']}):", 2)
            self.emit(f"{Cl}[{i}, {j}] += {ai} * {bi}", 3)
            self.features.add("gemm:raised")
        else:
            for src, dst, start, ext in ((A, As, arow, a_ext), (B, Bs, brow, b_ext)):
                if self.chance(0.6) and not batched:
                    self.emit(f"T.copy({src}[{start[0]}, {start[1]}], {dst})", 2)
                    self.features.add("copy:start")
                else:
                    sl = ", ".join(f"{s}:{s.split(' * ')[0]} * {e} + {e}" if self.chance(0.3) else
                                   f"{s}:({s.split(' * ')[0]} + 1) * {e}" for s, e in zip(start, ext))
                    self.emit(f"T.copy({src}[{pre}{sl}], {dst})", 2)
                    self.features.add("copy:slice")
            kw = []
            if ta:
                kw.append("transpose_A=True")
            if tb:
                kw.append("transpose_B=True")
            elif self.chance(0.1):
                kw.append("transpose_B=False")
            if self.chance(0.1):
                kw.append("policy=T.GemmWarpPolicy.FullRow")
            self.emit(f"T.gemm({As}, {Bs}, {Cl}{''.join(', ' + k for k in kw)})", 2)
            self.features.add(f"gemm:{in_dt}->{acc_dt}:{'T' if ta else 'N'}{'T' if tb else 'N'}")
        # Epilogue
        if self.chance(0.5) and acc_dt.startswith("float"):
            bias_elem = None
            if bias and (self.sizes.value["N"] % bn or self.chance(0.5)):
                # T.copy bounds-checks the global side: the tail of a partial block reads as 0.
                bt = self.alloc(["bias_shared", "bias_s"], (S["bn"],), in_dt, self.pick(("shared", 2), ("fragment", 1)))
                self.emit(f"T.copy({bias}[{bx} * {S['bn']}], {bt})", 1)
                bias_elem = lambda j: f"{bt}[{j}]"  # noqa: E731
            elif bias:
                bias_elem = lambda j: f"{bias}[{bx} * {S['bn']} + {j}]"  # noqa: E731
            i, j = self.loopvars(2)
            ops = [Operand(f"{Cl}[{i}, {j}]", 4.0 * K)]
            if bias:
                ops.append(Operand(bias_elem(j), 1.0))
            # No narrowing casts of the accumulator: its last bit depends on the order of the K
            # sum, which the executions legitimately choose differently, and a cast to 16 bits turns
            # that bit into a 16-bit ulp the float32 comparison rightly flags (not a tilec bug).
            eg = ExprGen(self.rng, ops, acc_dt, (i, j), tt=self.tt, casts=False,
                         value_conditions=False)
            e, _ = eg.gen(self.rng.randint(1, 2))
            if bias and bias_elem(j) not in e:
                e = f"{e} + {bias_elem(j)}"
            if Cl not in e:
                e = f"{e} + {Cl}[{i}, {j}]"
            self.used_intrinsics |= eg.used
            self.emit(f"for {i}, {j} in T.Parallel({S['bm']}, {S['bn']}):", 1)
            self.emit(f"{Cl}[{i}, {j}] = {e}", 2)
            self.features.add("gemm:epilogue")
        store = self.pick(("copy", 5), ("via_shared", 1), ("scalar", 1 if not self.tt else 0))
        if batched:
            dst = f"{C}[{bz}, {by} * {S['bm']}:({by} + 1) * {S['bm']}, {bx} * {S['bn']}:({bx} + 1) * {S['bn']}]"
        else:
            dst = f"{C}[{by} * {S['bm']}, {bx} * {S['bn']}]"
        if store == "copy":
            self.emit(f"T.copy({Cl}, {dst})", 1)
        elif store == "via_shared":
            Cs = self.alloc(["C_shared", "Cs"], (S["bm"], S["bn"]), out_dt, "shared")
            self.emit(f"T.copy({Cl}, {Cs})", 1)
            self.emit(f"T.copy({Cs}, {dst})", 1)
        else:
            i, j = self.loopvars(2)
            self.emit(f"for {i}, {j} in T.Parallel({S['bm']}, {S['bn']}):", 1)
            idx = f"{pre}{by} * {S['bm']} + {i}, {bx} * {S['bn']} + {j}"
            val = f"T.cast({Cl}[{i}, {j}], \"{out_dt}\")" if out_dt != acc_dt else f"{Cl}[{i}, {j}]"
            if self.sizes.value["M"] % bm or self.sizes.value["N"] % bn:
                self.emit(f"if {by} * {S['bm']} + {i} < {S['M']} and {bx} * {S['bn']} + {j} < {S['N']}:", 2)
                self.emit(f"{C}[{idx}] = {val}", 3)
            else:
                self.emit(f"{C}[{idx}] = {val}", 2)

    def fam_reduce(self):
        dt = self.pick(("float16", 3), ("bfloat16", 2), ("float32", 4))
        dim = self.pick((1, 3), (0, 2))
        op = self.pick(("sum", 4), ("max", 3), ("min", 1), ("abssum", 1), ("absmax", 1))
        # Sums in a 16-bit accumulator depend on the order of the additions, which the
        # executions legitimately choose differently (sequential vs. per-thread + shuffles);
        # real kernels accumulate in float32. max / min are exact in any order.
        acc = "float32" if op in ("sum", "abssum") else self.pick(("float32", 3), (dt, 1))
        divides = self.divides_choice()
        bm = self.choose_block("bm", "block_M", self.block_choices())
        # Rows reduced (dim=1): the grid walks row blocks, each tile spans a chunk of N.
        # Columns reduced (dim=0): the grid walks column blocks, each tile spans a chunk of M.
        chunked = self.chance(0.4)
        bn = self.choose_block("bn", "block_N", ((32, 4), (64, 2), (128, 1)) if self.tt else
                               ((32, 4), (64, 2), (16, 2), (128, 1)))
        if dim == 1:
            M = self.choose_extent("M", bm, divides, True)
            N = self.choose_extent("N", bn, True, False, max_blocks=3 if chunked else 2)
            par, red = ("M", "bm"), ("N", "bn")
        else:
            M = self.choose_extent("M", bn, True, False, max_blocks=3 if chunked else 2)
            N = self.choose_extent("N", bm, divides, True)
            par, red = ("N", "bm"), ("M", "bn")
        del M, N
        S = self.sizes
        X = self.param(["X", "A", "inp"], (S["M"], S["N"]), dt)
        write_tile = self.chance(0.5)
        Y = self.param(["Y", "Out"], (S["M"], S["N"]), dt) if write_tile else None
        R = self.param(["R", "S", "stat_out"], (S[par[0]],), self.pick((acc, 1), (dt, 1)))
        bx, = self.kernel_header([f"T.ceildiv({S[par[0]]}, {S[par[1]]})"])
        red_ext = S[red[1]] if chunked else S[red[0]]
        tshape = (S["bm"], red_ext) if dim == 1 else (red_ext, S["bm"])
        x = self.alloc(["x", "tile", "a"], tshape, acc if self.chance(0.6) else dt,
                       self.pick(("fragment", 3), ("shared", 2)))
        v = self.alloc(ORDINARY_VECTORS, (S["bm"],), acc, "fragment")
        loc = lambda kb: (f"{bx} * {S['bm']}, {kb}" if dim == 1 else f"{kb}, {bx} * {S['bm']}")  # noqa: E731
        fn = f"T.reduce_{op}"
        order_dependent = op in ("sum", "abssum")
        self.features.add(f"reduce:{op}:dim{dim}")
        if chunked:
            init = {"sum": "0", "abssum": "0", "absmax": "0", "max": f"-T.infinity(\"{acc}\")",
                    "min": f"T.infinity(\"{acc}\")"}[op]
            if init == "0" and self.chance(0.5):
                self.emit(f"T.clear({v})", 1)
            else:
                self.emit(f"T.fill({v}, {init})", 1)
            kb = self.loop_names.fresh(["kb", "ko", "k"], short_ok=True)
            nchunks = f"T.ceildiv({S[red[0]]}, {S[red[1]]})"
            if self.chance(0.5):
                self.emit(f"for {kb} in T.Pipelined({nchunks}, num_stages={self.rng.randint(1, 3)}):", 1)
            else:
                self.emit(f"for {kb} in T.serial({nchunks}):", 1)
            self.emit(f"T.copy({X}[{loc(f'{kb} * {red_ext}')}], {x})", 2)
            self.emit(f"{fn}({x}, {v}, dim={dim}, clear=False)", 2)
            if write_tile:
                self.emit(f"T.copy({x}, {Y}[{loc(f'{kb} * {red_ext}')}])", 2)
            self.features.add("reduce:clear_false")
        else:
            self.emit(f"T.copy({X}[{loc('0')}], {x})", 1)
            clear = "" if self.chance(0.6) else ", clear=True"
            self.emit(f"{fn}({x}, {v}, dim={dim}{clear})", 1)
            if self.chance(0.3):  # a second reduction over the same tile
                op2 = self.rng.choice(["sum", "max", "min", "abssum", "absmax"])
                v2 = self.alloc(ORDINARY_VECTORS, (S["bm"],), "float32", "fragment")
                self.emit(f"T.reduce_{op2}({x}, {v2}, dim={dim})", 1)
                order_dependent |= op2 in ("sum", "abssum")
                self.features.add(f"reduce:{op2}:dim{dim}")
                i, = self.loopvars(1)
                self.emit(f"for {i} in T.Parallel({S['bm']}):", 1)
                self.emit(f"{v}[{i}] = {v}[{i}] {self.rng.choice(['+', '-', '*'])} {v2}[{i}]", 2)
        # Post-processing of the vector (normalise, rsqrt, scale...)
        # Sums depend on the order of the additions: no narrowing casts of them (see the GEMM epilogue).
        casts = not order_dependent
        if self.chance(0.5):
            i, = self.loopvars(1)
            eg = ExprGen(self.rng, [Operand(f"{v}[{i}]", 4.0 * self.sizes.value[red[0]])], acc,
                         (i,), tt=self.tt, casts=casts, value_conditions=False)
            e, _ = eg.gen(self.rng.randint(1, 2))
            self.used_intrinsics |= eg.used
            self.emit(f"for {i} in T.Parallel({S['bm']}):", 1)
            self.emit(f"{v}[{i}] = {e}", 2)
            self.features.add("reduce:vector_map")
        # Broadcast the statistic back over the tile (softmax / layer-norm shape)
        if write_tile and not chunked:
            i, j = self.loopvars(2)
            vi = i if dim == 1 else j
            ops = [Operand(f"{x}[{i}, {j}]", 1.0), Operand(f"{v}[{vi}]", 4.0 * self.sizes.value[red[0]])]
            eg = ExprGen(self.rng, ops, acc, (i, j), tt=self.tt, casts=casts,
                         value_conditions=False)
            e, _ = eg.gen(self.rng.randint(1, 3))
            if f"{v}[" not in e:
                e = f"({e}) - {v}[{vi}]"
            self.used_intrinsics |= eg.used
            y = self.alloc(["y", "out_t", "o"], tshape, dt, self.pick(("fragment", 3), ("shared", 1)))
            ext = (S["bm"], red_ext) if dim == 1 else (red_ext, S["bm"])
            self.emit(f"for {i}, {j} in T.Parallel({ext[0]}, {ext[1]}):", 1)
            self.emit(f"{y}[{i}, {j}] = {e}", 2)
            self.emit(f"T.copy({y}, {Y}[{loc('0')}])", 1)
            self.features.add("reduce:broadcast")
        elif write_tile and not chunked:
            self.emit(f"T.copy({x}, {Y}[{loc('0')}])", 1)
        self.emit(f"T.copy({v}, {R}[{bx} * {S['bm']}])", 1)
        if self.on("reduce_1d") and self.chance(0.3):
            one = self.alloc(["total", "one"], ("1",), acc, "fragment")
            self.emit(f"T.reduce_sum({v}, {one}, dim=0)", 1)
            self.features.add("reduce_1d")

    def fam_scalar(self):
        """Seed style with scalar state: column sums into a local accumulator, guarded stores."""
        dt = self.pick(("float32", 3), ("float16", 2), ("int32", 1))
        acc_dt = "int32" if dt == "int32" else "float32"
        bn = self.choose_block("bn", "block_N", ((32, 4), (16, 2), (64, 2), (8, 1)))
        divides = self.chance(0.5)
        M = self.choose_extent("M", 1, True, True, max_blocks=40)
        N = self.choose_extent("N", bn, divides, True)
        S = self.sizes
        A = self.param(["A", "X"], (S["M"], S["N"]), dt)
        Sout = self.param(["S", "colsum", "Out"], (S["N"],), acc_dt if self.chance(0.5) else dt)
        bx, = self.kernel_header([f"T.ceildiv({S['N']}, {S['bn']})"])
        accn = self.alloc(["acc", "partial", "s"], (S["bn"],), acc_dt, "local")
        j, = self.loopvars(1)
        guard = f"{bx} * {S['bn']} + {j} < {S['N']}"
        self.emit(f"for {j} in T.Parallel({S['bn']}):", 1)
        self.emit(f"{accn}[{j}] = {'0' if acc_dt == 'int32' else '0.0'}", 2)
        i = self.loop_names.fresh(["i", "r", "row"], short_ok=True)
        loop = self.pick(("T.serial", 3), ("range", 1), ("T.unroll", 1 if N * M < 4096 else 0))
        self.emit(f"for {i} in {loop}({S['M']}):", 1)
        self.emit(f"for {j} in T.Parallel({S['bn']}):", 2)
        load = f"{A}[{i}, {bx} * {S['bn']} + {j}]"
        if self.on("raise_acc") and self.chance(0.6):
            eg = ExprGen(self.rng, [Operand(load, 4.0)], dt, (j,), casts=False)
            e, _ = eg.gen(self.rng.randint(1, 2))
            self.used_intrinsics |= eg.used
            self.features.add("raise_acc")
        else:
            e = load
        if dt != acc_dt:
            e = f"T.cast({e}, \"{acc_dt}\")"
        if divides:
            self.emit(f"{accn}[{j}] += {e}", 3)
        else:
            self.emit(f"if {guard}:", 3)
            self.emit(f"{accn}[{j}] += {e}", 4)
        self.emit(f"for {j} in T.Parallel({S['bn']}):", 1)
        val = f"{accn}[{j}]"
        if self.chance(0.5) and acc_dt != "int32":
            val = f"{val} / {S['M']}"
        if divides and self.chance(0.7):
            self.emit(f"{Sout}[{bx} * {S['bn']} + {j}] = {val}", 2)
        else:
            self.emit(f"if {guard}:", 2)
            self.emit(f"{Sout}[{bx} * {S['bn']} + {j}] = {val}", 3)
            self.features.add("guard:if")

    # -- rendering ----------------------------------------------------------------------------
    def render(self):
        kname = self.names.fresh(["main", "kernel", "fused", "func"])
        if self.style == "factory":
            fname = self.names.fresh(["matmul", "fused_op", "kernel_factory", "build", "make"])
        if self.names.collided:
            self.features.add("hygiene")
        if "int_floor" in self.used_intrinsics:
            self.features.add("int_floor")
        out = ["# Generated by tools/fuzz/gen.py (issue 15): a random, valid TileLang kernel.",
               f"# fuzz: seed={self.seed} family={self.family} style={self.style} "
               f"tt={'yes' if self.tt else 'no'} switches={','.join(sorted(self.switches)) or '-'}",
               f"# fuzz-features: {' '.join(sorted(self.features | {'fn:' + u for u in self.used_intrinsics}))}"]
        params = ",\n".join(f"        {n}: T.{'Tensor' if self.style == 'factory' else 'Buffer'}"
                            f"{self.shape_text(s)}, \"{d}\")" if self.style == "factory" else
                            f"        {n}: T.Buffer[({', '.join(s)}{',' if len(s) == 1 else ''}), \"{d}\"]"
                            for n, s, d in self.params)
        body = ["    " + self.header] + ["    " + ln for ln in self.lines]
        if self.style == "factory":
            call_args = ", ".join(str(v) for n, v, explicit in self.factory_params if not self.is_default(n))
            kw = ", ".join(f"{n}={v}" for n, v, explicit in self.factory_params if self.is_default(n) and explicit)
            call = ", ".join(x for x in (call_args, kw) if x)
            flags = [f"--call \"{fname}({call})\""] + self.flags
            out.append(f"# tilec: {' '.join(flags)}")
            out += ["import tilelang", "import tilelang.language as T", "", ""]
            sig = ", ".join([n for n, v, e in self.factory_params if not self.is_default(n)] +
                            [f"{n}={v}" for n, v, e in self.factory_params if self.is_default(n)])
            out.append(f"@tilelang.jit(out_idx=[-1])" if self.chance(0.5) else "@tilelang.jit")
            out.append(f"def {fname}({sig}):")
            for p in self.preamble:
                out.append("    " + p)
            out.append("")
            out.append("    @T.prim_func")
            out.append(f"    def {kname}(")
            out.append("\n".join("    " + ln for ln in params.split("\n")))
            out.append("    ):")
            out += ["    " + ln for ln in body]
            out.append("")
            out.append(f"    return {kname}")
        else:
            if self.flags:
                out.append(f"# tilec: {' '.join(self.flags)}")
            out += ["import tilelang.language as T", ""]
            out += self.preamble
            out += ["", "@T.prim_func", f"def {kname}(", params, "):"] + body
        return "\n".join(out) + "\n"

    def is_default(self, name):
        return name.startswith("block_")

    @staticmethod
    def shape_text(shape):
        return f"(({', '.join(shape)}{',' if len(shape) == 1 else ''})"


class Geometry:
    """Where a block's tile sits in the tensors, for the element-wise family.

    1d: tensors (M,), tiles (bm,); rows: tensors (M, N) with N static, tiles (bm, N);
    2d: tiles (bm, bn) on a (N/bn, M/bm) grid; 3d: tensors (Bt, M, N), grid (N/bn, M/bm, Bt)."""

    def __init__(self, k, kind, bm, divides):
        self.k, self.kind = k, kind
        S = k.sizes
        if kind == "1d":
            k.choose_extent("M", bm, divides, True, max_blocks=4)
        else:
            bn = k.choose_block("bn", "block_N", k.block_choices() if not k.tt else ((32, 3), (64, 1)))
            if bn == 1:
                bn = 32
                S.set("bn", 32, "32")
            k.choose_extent("M", bm, divides, True)
            if kind == "rows":
                n = k.rng.choice([32, 64, 96, 128]) if k.tt else k.rng.choice([8, 16, 32, 48, 64, 100])
                if k.style == "factory":
                    k.factory_params.append(("N", n, False))
                    S.set("N", n, "N")
                else:
                    S.set("N", n, str(n))
            else:
                k.choose_extent("N", bn, divides, True)
            if kind == "3d":
                bt = k.rng.randint(2, 3)
                if k.style == "factory":
                    k.factory_params.append(("Bt", bt, False))
                    S.set("Bt", bt, "Bt")
                else:
                    S.set("Bt", bt, str(bt))
        self.divides = all(S.value[a] % S.value[b] == 0 for a, b in self.axes())

    def axes(self):
        if self.kind == "1d":
            return [("M", "bm")]
        if self.kind == "rows":
            return [("M", "bm")]
        return [("M", "bm"), ("N", "bn")]

    def grid(self):
        S = self.k.sizes
        if self.kind in ("1d", "rows"):
            return [f"T.ceildiv({S['M']}, {S['bm']})"]
        g = [f"T.ceildiv({S['N']}, {S['bn']})", f"T.ceildiv({S['M']}, {S['bm']})"]
        if self.kind == "3d":
            g.append(S["Bt"])
        return g

    def bind(self):
        # Block variable names are the kernel header's, in order bx, by, bz.
        import re
        m = re.search(r"as \(?([^)]*)\)?:$", self.k.header)
        self.bvars = [s.strip() for s in m.group(1).split(",")]

    def tensor_shape(self):
        S = self.k.sizes
        if self.kind == "1d":
            return (S["M"],)
        if self.kind == "3d":
            return (S["Bt"], S["M"], S["N"])
        return (S["M"], S["N"])

    def tile_shape(self):
        S = self.k.sizes
        if self.kind == "1d":
            return (S["bm"],)
        if self.kind == "rows":
            return (S["bm"], S["N"])
        return (S["bm"], S["bn"])

    def rows_start(self):
        S = self.k.sizes
        b = self.bvars[0] if self.kind in ("1d", "rows") else self.bvars[1]
        return f"{b} * {S['bm']}"

    def cols_start(self):
        S = self.k.sizes
        if self.kind == "rows":
            return "0"
        return f"{self.bvars[0]} * {S['bn']}"

    def start_region(self, t):
        if self.kind == "1d":
            return f"{t}[{self.rows_start()}]"
        if self.kind == "3d":
            return self.slice_region(t)
        return f"{t}[{self.rows_start()}, {self.cols_start()}]"

    def slice_region(self, t):
        S = self.k.sizes
        r = f"{self.rows_start()}:{self.rows_start()} + {S['bm']}"
        if self.kind == "1d":
            return f"{t}[{r}]"
        c = ":" if self.kind == "rows" and self.k.chance(0.5) else \
            (f"0:{S['N']}" if self.kind == "rows" else f"{self.cols_start()}:{self.cols_start()} + {S['bn']}")
        if self.kind == "3d":
            return f"{t}[{self.bvars[2]}, {r}, {c}]"
        return f"{t}[{r}, {c}]"

    def elem(self, t, iv):
        if self.kind == "1d":
            return f"{t}[{self.rows_start()} + {iv[0]}]"
        rc = f"{self.rows_start()} + {iv[0]}, {self.cols_start()} + {iv[1]}"
        if self.kind == "rows":
            rc = f"{self.rows_start()} + {iv[0]}, {iv[1]}"
        if self.kind == "3d":
            return f"{t}[{self.bvars[2]}, {rc}]"
        return f"{t}[{rc}]"

    def guard(self, iv):
        S = self.k.sizes
        conds = [f"{self.rows_start()} + {iv[0]} < {S['M']}"]
        if self.kind in ("2d", "3d"):
            conds.append(f"{self.cols_start()} + {iv[1]} < {S['N']}")
        return " and ".join(conds)

    def nest(self):
        n = 1 if self.kind == "1d" else 2
        iv = self.k.loopvars(n)
        ext = ", ".join(self.tile_shape())
        if n == 2 and self.k.on("frag_shapes") and self.k.chance(0.15):
            # The same tile walked by a nest of another shape: columns outer.
            self.k.features.add("frag_shapes")
            return f"for {iv[1]}, {iv[0]} in T.Parallel({self.tile_shape()[1]}, {self.tile_shape()[0]}):", iv
        return f"for {', '.join(iv)} in T.Parallel({ext}):", iv

    def load(self, src, tile, dt):
        k = self.k
        how = k.pick(("start", 4), ("slice", 3), ("scalar", 2 if self.divides else 0))
        if how == "start":
            k.emit(f"T.copy({self.start_region(src)}, {tile})", 1)
        elif how == "slice":
            k.emit(f"T.copy({self.slice_region(src)}, {tile})", 1)
        else:
            head, iv = self.nest()
            k.emit(head, 1)
            lhs = f"{tile}[{', '.join(iv)}]"
            k.emit(f"{lhs} = {self.elem(src, iv)}", 2)
        k.features.add(f"copy:{how}")

    def vector_tileable(self, kind):
        return self.kind in ("2d", "rows") or (self.kind == "3d")

    def vector_extent_text(self, kind):
        S = self.k.sizes
        if kind == "row":
            return S["N"] if self.kind == "rows" else S["bn"]
        return S["bm"]

    def load_vector(self, v, tile, kind):
        start = self.cols_start() if kind == "row" else self.rows_start()
        self.k.emit(f"T.copy({v}[{start}], {tile})", 1)
        self.k.features.add(f"vector:{kind}")

    def map(self, dst, operands, dt):
        k = self.k
        head, iv = self.nest()
        ops = []
        for kind, name in operands:
            if kind == "tile":
                ops.append(Operand(f"{name}[{', '.join(iv)}]", 8.0))
            elif kind == "global":
                ops.append(Operand(self.elem(name, iv), 1.0))
            elif kind == "rowtile":
                ops.append(Operand(f"{name}[{iv[1]}]", 1.0))
            elif kind == "coltile":
                ops.append(Operand(f"{name}[{iv[0]}]", 1.0))
            elif kind == "rowglobal":
                ops.append(Operand(f"{name}[{self.cols_start()} + {iv[1]}]" if self.kind != "rows"
                                   else f"{name}[{iv[1]}]", 1.0))
            elif kind == "colglobal":
                ops.append(Operand(f"{name}[{self.rows_start()} + {iv[0]}]", 1.0))
        direct = any(kd.endswith("global") for kd, _ in operands)
        eg = ExprGen(k.rng, ops, dt, iv, tt=k.tt, casts=not dt.startswith("int"),
                     index_conditions=not k.tt, signed_floor=k.on("int_floor"))
        e, b = eg.gen(k.rng.randint(1, 4))
        if b > 60000 and dt.startswith("float"):
            e = f"T.tanh({e})"
        if dt == "int8":
            e = f"T.clamp({e}, -100, 100)"
        k.used_intrinsics |= eg.used
        k.emit(head, 1)
        if direct and not self.divides:
            k.emit(f"if {self.guard(iv)}:", 2)
            k.emit(f"{dst}[{', '.join(iv)}] = {e}", 3)
        else:
            k.emit(f"{dst}[{', '.join(iv)}] = {e}", 2)
        k.features.add("op:map")

    def store(self, tile, out):
        k = self.k
        how = k.pick(("start", 4), ("slice", 2), ("scalar", 2))
        if how == "start":
            k.emit(f"T.copy({tile}, {self.start_region(out)})", 1)
        elif how == "slice":
            k.emit(f"T.copy({tile}, {self.slice_region(out)})", 1)
        else:
            head, iv = self.nest()
            k.emit(head, 1)
            val = f"{tile}[{', '.join(iv)}]"
            if self.divides:
                k.emit(f"{self.elem(out, iv)} = {val}", 2)
            else:
                k.emit(f"if {self.guard(iv)}:", 2)
                k.emit(f"{self.elem(out, iv)} = {val}", 3)
                k.features.add("guard:if")
        k.features.add(f"store:{how}")


def generate(seed, switches=()):
    return Kernel(seed, switches).generate()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seed", type=int)
    ap.add_argument("--enable", default="", help="known-open classes to generate: " + ", ".join(KNOWN_OPEN)
                    + " (or 'all')")
    ap.add_argument("-o", "--output")
    a = ap.parse_args()
    switches = set(KNOWN_OPEN) if a.enable == "all" else {s for s in a.enable.split(",") if s}
    unknown = switches - set(KNOWN_OPEN)
    if unknown:
        ap.error(f"unknown classes: {', '.join(sorted(unknown))}")
    text = generate(a.seed, switches)
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
