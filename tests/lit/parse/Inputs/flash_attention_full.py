# Flash attention forward, written the way TileLang's own examples are.
# tilec: --call "flashattn(1, 4, 256, 64, False)"
import argparse
import itertools
from functools import partial

import torch
import torch.nn.functional as F
import tilelang
import tilelang.language as T
from tilelang.autotuner import *  # noqa: F403


def get_configs():
    iter_params = dict(block_M=[64, 128], block_N=[32, 64], num_stages=[1, 2], threads=[128, 256])
    return [dict(zip(iter_params, values)) for values in itertools.product(*iter_params.values())]


@tilelang.jit(out_idx=[3], pass_configs={"tl.disable_tma_lower": True,})
def flashattn(batch, heads, seq_len, dim, is_causal, block_M=64, block_N=64, num_stages=1,
              threads=128):
    scale = (1.0 / dim)**0.5 * 1.44269504  # log2(e)
    shape = [batch, seq_len, heads, dim]
    dtype = "float16"
    accum_dtype = "float"

    @T.macro
    def MMA0(
        K: T.Tensor(shape, dtype),
        Q_shared: T.SharedBuffer([block_M, dim], dtype),
        K_shared: T.SharedBuffer([block_N, dim], dtype),
        acc_s: T.FragmentBuffer([block_M, block_N], accum_dtype),
        k: T.int32,
        bx: T.int32,
        by: T.int32,
        bz: T.int32,
    ):
        T.copy(K[bz, k * block_N:(k + 1) * block_N, by, :], K_shared)
        if is_causal:
            for i, j in T.Parallel(block_M, block_N):
                acc_s[i, j] = T.if_then_else(bx * block_M + i >= k * block_N + j, 0,
                                             -T.infinity(acc_s.dtype))
        else:
            T.clear(acc_s)
        T.gemm(Q_shared, K_shared, acc_s, transpose_B=True, policy=T.GemmWarpPolicy.FullRow)

    @T.prim_func
    def main(
            Q: T.Tensor(shape, dtype),
            K: T.Tensor(shape, dtype),
            V: T.Tensor(shape, dtype),
            Output: T.Tensor(shape, dtype),
    ):
        with T.Kernel(
                T.ceildiv(seq_len, block_M), heads, batch, threads=threads) as (bx, by, bz):
            Q_shared = T.alloc_shared([block_M, dim], dtype)
            acc_s = T.alloc_fragment([block_M, block_N], accum_dtype)
            scores_max = T.alloc_fragment([block_M], accum_dtype)
            logsum = T.alloc_fragment([block_M], accum_dtype)

            T.annotate_layout({O_shared: tilelang.layout.make_swizzled_layout(O_shared)})
            T.copy(Q[bz, bx * block_M:(bx + 1) * block_M, by, :], Q_shared)
            T.fill(acc_o, 0)
            T.fill(logsum, 0)
            T.fill(scores_max, -T.infinity(accum_dtype))

            loop_range = (
                T.min(T.ceildiv(seq_len, block_N), T.ceildiv(
                    (bx + 1) * block_M, block_N)) if is_causal else T.ceildiv(seq_len, block_N))

            for k in T.Pipelined(loop_range, num_stages=num_stages):
                MMA0(K, Q_shared, K_shared, acc_s, k, bx, by, bz)
                T.reduce_max(acc_s, scores_max, dim=1, clear=False)
                for i in T.Parallel(block_M):
                    scores_scale[i] = T.exp2(scores_max_prev[i] * scale - scores_max[i] * scale)
                for i, j in T.Parallel(block_M, dim):
                    acc_o[i, j] *= scores_scale[i]
                T.reduce_sum(acc_s, scores_sum, dim=1)
                for i in T.Parallel(block_M):
                    logsum[i] = logsum[i] * scores_scale[i] + scores_sum[i]
            for i, j in T.Parallel(block_M, dim):
                acc_o[i, j] /= logsum[i]
            T.copy(acc_o, O_shared)
            T.copy(O_shared, Output[bz, bx * block_M:(bx + 1) * block_M, by, :])

    return main


def ref_program(Q, K, V, is_causal):
    dim = Q.size(-1)
    scores = torch.einsum('bqhd,bkhd->bhqk', Q, K)
    scores = scores / torch.sqrt(torch.tensor(dim, dtype=scores.dtype))
    if is_causal:
        seq_len = Q.size(1)
        mask = torch.tril(torch.ones(seq_len, seq_len, device=scores.device))
        mask = mask.unsqueeze(0).unsqueeze(0)
        scores = scores.masked_fill(mask == 0, float('-inf'))
    attention_weights = F.softmax(scores, dim=-1)
    output = torch.einsum('bhqk,bkhd->bqhd', attention_weights, V)
    return output


class Timer:
    """Times a block.

    Used as `with Timer("name"):`.
    """
    count: int = 0

    def __init__(self, name: str = "", *, verbose=True, **kwargs) -> None:
        self.name, self.verbose = name, verbose
        Timer.count += 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def main(batch: int = 1, heads: int = 1, seq_len: int = 256, dim: int = 64,
         is_causal: bool = False, tune: bool = False):
    flops_per_matmul = 2.0 * batch * heads * seq_len * seq_len * dim
    total_flops = 2 * flops_per_matmul
    if is_causal:
        total_flops *= 0.5
    elif tune:
        pass
    else:
        total_flops = total_flops

    if (not tune):
        kernel = flashattn(batch, heads, seq_len, dim, is_causal, block_M=128, block_N=128,
                           num_stages=1, threads=128)
        ref_program_processed = partial(ref_program, is_causal=is_causal)
        profiler = kernel.get_profiler(tensor_supply_type=tilelang.TensorSupplyType.Normal)
        profiler.assert_allclose(ref_program_processed, rtol=0.01, atol=0.01)
        print("All checks pass.")
        latency = profiler.do_bench(ref_program_processed, warmup=500)
        print("Ref: {:.2f} ms".format(latency))
        print(f"Ref: {total_flops / latency * 1e-9:.2f} TFlops")
        print(f'{"tilelang":>12}: {latency!r} ms, {batch=}')
    else:
        best_result = flashattn(batch, heads, seq_len, dim, is_causal)
        best_latency, best_config = best_result.latency, best_result.config
        print(f"Best latency: {best_latency}", f"Best config: {best_config}")
    a = torch.randn(1024, 1024, device="cuda", dtype=torch.float16)
    b = a.clone(); c = a @ b.T
    err = (c - a @ b.T).abs().max().item()
    assert torch.allclose(c, a @ b.T, rtol=1e-2, atol=1e-3), f"max err {err:.3e}"
    try:
        import triton
    except ImportError as e:
        triton = None
    except (RuntimeError, ValueError):
        raise
    else:
        pass
    finally:
        del a, b
    total = sum(x * x for x in range(10) if x % 2 == 0)
    squares = {i: i ** 2 for i in range(4)}
    uniq = {v for v in squares.values()}
    pairs = [(i, j) for i in range(3) for j in range(3) if i != j]
    f = lambda x, y=2, *r, **k: x + y
    first, *rest = [1, 2, 3]
    while total > 0:
        total -= 1
        if total == 5:
            break
        continue
    x = 0x_ff + 0o17 + 0b1010 + 1_000_000 + 3.14e-2 + .5 + 1. + 2j
    mask = ~x & 0xF | 1 << 3 ^ 2 >> 1
    ok = 1 < x <= 10 and not x is None or x not in (1, 2)
    raw = b"bytes" rb"\x00"
    path = r"C:\temp\new" "more" if False else "a" "b" \
        'c' """triple
quoted""" '''single triple'''
    return total, squares, uniq, pairs, f, first, rest, path


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument('--batch', type=int, default=1, help='batch size')
    parser.add_argument('--is_causal', action='store_true', help='causal')
    args = parser.parse_args()
    main(args.batch, **vars(args))
