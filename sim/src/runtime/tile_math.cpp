#include "tile_math.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "tilec_sim/kernel/ops.h"

namespace tilec::sim::rt {

using namespace tilec::sim::ops;

// The simulator's hot loop (every matmul_tiles call): a register-blocked 32x32x32 kernel. Four rows of
// C live in eight 16-wide accumulators, so the FMA chains are independent and the loop runs at the
// FMA units' throughput; target_clones picks AVX-512 / AVX2 code at load time.
typedef float Vec16 __attribute__((vector_size(64)));

static inline Vec16 load16(const float* p) {
  Vec16 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
static inline void store16(float* p, Vec16 v) { __builtin_memcpy(p, &v, sizeof v); }

__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
static void matmulKernel(const float* __restrict a, const float* __restrict b, float* __restrict c) {
  for (int i = 0; i < 32; i += 4) {
    Vec16 acc[4][2];
    for (int r = 0; r < 4; ++r) {
      acc[r][0] = load16(c + (i + r) * 32);
      acc[r][1] = load16(c + (i + r) * 32 + 16);
    }
    for (int k = 0; k < 32; ++k) {
      Vec16 b0 = load16(b + k * 32), b1 = load16(b + k * 32 + 16);
      for (int r = 0; r < 4; ++r) {
        float av = a[(i + r) * 32 + k];
        acc[r][0] += av * b0;
        acc[r][1] += av * b1;
      }
    }
    for (int r = 0; r < 4; ++r) {
      store16(c + (i + r) * 32, acc[r][0]);
      store16(c + (i + r) * 32 + 16, acc[r][1]);
    }
  }
}

void matmulAccumulate(const float* a, const float* b, float* c, bool transposeB) {
  if (!transposeB) return matmulKernel(a, b, c);
  float bt[1024];
  transposeTile(b, bt);
  matmulKernel(a, bt, c);
}

void transposeTile(const float* a, float* out) {
  for (int r = 0; r < 32; ++r)
    for (int c = 0; c < 32; ++c) out[c * 32 + r] = a[r * 32 + c];
}

static float applyBinary(int op, float x, float y) {
  switch (op) {
    case kAdd: return x + y;
    case kSub: return x - y;
    case kMul: return x * y;
    case kDiv: return x / y;
    default: return 0.0f;
  }
}

void binaryOp(int op, int bcast, const float* a, const float* b, float* out, bool accumulate) {
  for (int r = 0; r < 32; ++r)
    for (int c = 0; c < 32; ++c) {
      float y;
      switch (bcast) {
        case kRow: y = b[c]; break;           // B's first row replicated down
        case kCol: y = b[r * 32]; break;      // B's first column replicated across
        case kScalar: y = b[0]; break;
        default: y = b[r * 32 + c]; break;
      }
      float v = applyBinary(op, a[r * 32 + c], y);
      out[r * 32 + c] = accumulate ? out[r * 32 + c] + v : v;
    }
}

void reduceOp(int pool, int axis, const float* a, float scaler, float* dst, bool firstTouch) {
  bool isMax = pool == kMax;
  auto combine = [&](float acc, float v) { return isMax ? std::max(acc, v) : acc + v; };
  const float init = isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
  auto merge = [&](float& d, float v) {
    if (isMax) d = firstTouch ? v : std::max(d, v);
    else d += v;
  };
  if (axis == kReduceRow) {
    for (int r = 0; r < 32; ++r) {
      float acc = init;
      for (int c = 0; c < 32; ++c) acc = combine(acc, a[r * 32 + c]);
      merge(dst[r * 32], acc * scaler);
    }
  } else if (axis == kReduceCol) {
    for (int c = 0; c < 32; ++c) {
      float acc = init;
      for (int r = 0; r < 32; ++r) acc = combine(acc, a[r * 32 + c]);
      merge(dst[c], acc * scaler);
    }
  } else {
    float acc = init;
    for (int i = 0; i < 1024; ++i) acc = combine(acc, a[i]);
    // The scalar reduce applies the scaler twice in hardware (row pass then column pass).
    merge(dst[0], isMax ? acc * scaler : acc * scaler * scaler);
  }
}

static float asFloat(uint32_t bits) { return std::bit_cast<float>(bits); }

static float gelu(float x) { return 0.5f * x * (1.0f + std::erf(x / std::sqrt(2.0f))); }

void sfpuUnaryOp(int op, uint32_t param, float* t) {
  for (int i = 0; i < 1024; ++i) {
    float x = t[i], y = x;
    switch (op) {
      case kExp: y = std::exp(x); break;
      case kExp2: y = std::exp2(x); break;
      case kLog: y = std::log(x); break;
      case kSqrt: y = std::sqrt(x); break;
      case kRsqrt: y = 1.0f / std::sqrt(x); break;
      case kRecip: y = 1.0f / x; break;
      case kRelu: y = x > 0 ? x : 0.0f; break;
      case kReluMax: y = std::clamp(x, 0.0f, asFloat(param)); break;
      case kReluMin: y = x < asFloat(param) ? 0.0f : x; break;
      case kLeakyRelu: y = x > 0 ? x : x * asFloat(param); break;
      case kGelu: y = gelu(x); break;
      case kSigmoid: y = 1.0f / (1.0f + std::exp(-x)); break;
      case kSilu: y = x / (1.0f + std::exp(-x)); break;
      case kTanh: y = std::tanh(x); break;
      case kAbs: y = std::fabs(x); break;
      case kSign: y = x > 0 ? 1.0f : (x < 0 ? -1.0f : 0.0f); break;
      case kSquare: y = x * x; break;
      case kPower: y = std::pow(x, float(param)); break;
      case kNegative: y = -x; break;
      case kSin: y = std::sin(x); break;
      case kCos: y = std::cos(x); break;
      case kErf: y = std::erf(x); break;
      case kFloor: y = std::floor(x); break;
      case kCeil: y = std::ceil(x); break;
      case kFill: y = asFloat(param); break;
      case kAddScalar: y = x + asFloat(param); break;
      case kSubScalar: y = x - asFloat(param); break;
      case kMulScalar: y = x * asFloat(param); break;
      case kDivScalar: y = x / asFloat(param); break;
      case kRsubScalar: y = asFloat(param) - x; break;
      case kLogicalNot: y = x == 0 ? 1.0f : 0.0f; break;
      case kGtz: y = x > 0 ? 1.0f : 0.0f; break;
      case kLtz: y = x < 0 ? 1.0f : 0.0f; break;
      case kEqz: y = x == 0 ? 1.0f : 0.0f; break;
      case kNez: y = x != 0 ? 1.0f : 0.0f; break;
      case kGez: y = x >= 0 ? 1.0f : 0.0f; break;
      case kLez: y = x <= 0 ? 1.0f : 0.0f; break;
      default: break;
    }
    t[i] = y;
  }
}

void sfpuBinaryOp(int op, const float* a, const float* b, float* out) {
  for (int i = 0; i < 1024; ++i) {
    float x = a[i], y = b[i], r = 0;
    switch (op) {
      case kBinAdd: r = x + y; break;
      case kBinSub: r = x - y; break;
      case kBinMul: r = x * y; break;
      case kBinDiv: r = x / y; break;
      case kBinRsub: r = y - x; break;
      case kBinPow: r = std::pow(x, y); break;
      case kBinMax: r = std::max(x, y); break;
      case kBinMin: r = std::min(x, y); break;
      default: break;
    }
    out[i] = r;
  }
}

uint64_t sfpuCycles(int op) {
  switch (op) {
    case kRelu: case kReluMax: case kReluMin: case kAbs: case kNegative: case kFill: case kSign:
    case kAddScalar: case kSubScalar: case kMulScalar: case kRsubScalar: case kSquare: case kLeakyRelu:
      return 32;  // a few SFPU instructions per 32-lane row group
    default:
      return 128;  // transcendental: polynomial/LUT sequences
  }
}

}  // namespace tilec::sim::rt
