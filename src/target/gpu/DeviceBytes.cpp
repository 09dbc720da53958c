#include "target/gpu/DeviceBytes.h"
#include "ir/IntArith.h"

#include "ir/DType.h"
#include "support/Diagnostics.h"
#include "support/FloatBits.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace tilec::gpu {

using ir::Expr;

// Host bytes of a tensor in the kernel's element format.
std::vector<uint8_t> pack(const interp::Tensor &t) {
  size_t n = t.data.size(), bytes = ir::dtypeBytes(t.dtype);
  std::vector<uint8_t> out(n * bytes);
  for (size_t i = 0; i < n; ++i) {
    double v = t.data[i];
    uint8_t *p = &out[i * bytes];
    switch (t.dtype) {
    case ir::DType::Float32: {
      float f = float(v);
      std::memcpy(p, &f, 4);
      break;
    }
    case ir::DType::Float16:
    case ir::DType::BFloat16: {
      // Values are already representable: the upper bits of the fp32 pattern (bf16), or an exact
      // fp16 encoding computed from the float.
      float f = float(v);
      uint32_t bits = std::bit_cast<uint32_t>(f);
      uint16_t h;
      if (t.dtype == ir::DType::BFloat16) {
        h = uint16_t(bits >> 16);
      } else {
        uint32_t sign = (bits >> 16) & 0x8000u;
        float a = std::fabs(f);
        if (a == 0) h = uint16_t(sign);
        else if (std::isinf(a) || a >= 65520.0f) h = uint16_t(sign | 0x7c00u);
        else if (a < 6.103515625e-05f) h = uint16_t(sign | uint32_t(std::lround(a / 5.960464477539063e-08f)));
        else {
          int e;
          float m = std::frexp(a, &e); // a = m * 2^e, m in [0.5, 1)
          h = uint16_t(sign | uint32_t(e + 14) << 10 | (uint32_t(std::lround(m * 2048.0f)) & 0x3ffu));
        }
      }
      std::memcpy(p, &h, 2);
      break;
    }
    case ir::DType::Int8: p[0] = uint8_t(int8_t(v)); break;
    case ir::DType::UInt8: p[0] = uint8_t(int64_t(v)); break;
    case ir::DType::Float8E4M3: p[0] = floatbits::floatToE4M3Bits(float(v)); break;
    case ir::DType::Float8E5M2: p[0] = floatbits::floatToE5M2Bits(float(v)); break;
    case ir::DType::Bool: p[0] = v != 0; break;
    case ir::DType::Int64: {
      int64_t x = int64_t(v);
      std::memcpy(p, &x, 8);
      break;
    }
    default: {
      int32_t x = int32_t(int64_t(v));
      std::memcpy(p, &x, 4);
      break;
    }
    }
  }
  return out;
}

void unpack(interp::Tensor &t, const std::vector<uint8_t> &bytes) {
  size_t size = ir::dtypeBytes(t.dtype);
  for (size_t i = 0; i < t.data.size(); ++i) {
    const uint8_t *p = &bytes[i * size];
    switch (t.dtype) {
    case ir::DType::Float32: {
      float f;
      std::memcpy(&f, p, 4);
      t.data[i] = f;
      break;
    }
    case ir::DType::BFloat16: {
      uint16_t h;
      std::memcpy(&h, p, 2);
      t.data[i] = std::bit_cast<float>(uint32_t(h) << 16);
      break;
    }
    case ir::DType::Float16: {
      uint16_t h;
      std::memcpy(&h, p, 2);
      int e = (h >> 10) & 0x1f, m = h & 0x3ff;
      double v = e == 0 ? std::ldexp(m, -24) : e == 31 ? INFINITY : std::ldexp(m + 1024, e - 25);
      t.data[i] = (h & 0x8000) ? -v : v;
      break;
    }
    case ir::DType::Int8: t.data[i] = int8_t(p[0]); break;
    case ir::DType::UInt8: t.data[i] = p[0]; break;
    case ir::DType::Float8E4M3: t.data[i] = floatbits::e4m3BitsToFloat(p[0]); break;
    case ir::DType::Float8E5M2: t.data[i] = floatbits::e5m2BitsToFloat(p[0]); break;
    case ir::DType::Bool: t.data[i] = p[0] != 0; break;
    case ir::DType::Int64: {
      int64_t x;
      std::memcpy(&x, p, 8);
      t.data[i] = double(x);
      break;
    }
    default: {
      int32_t x;
      std::memcpy(&x, p, 4);
      t.data[i] = x;
      break;
    }
    }
  }
}

// Integer value of a grid expression with the sizes bound.
int64_t evalIndex(const Expr &e, const interp::SizeBindings &sizes) {
  if (auto v = ir::asConstInt(e))
    return *v;
  if (auto *var = e->as<ir::VarNode>())
    return sizes.at(var->name);
  if (auto *b = e->as<ir::Binary>()) {
    int64_t x = evalIndex(b->a, sizes), y = evalIndex(b->b, sizes);
    switch (b->op) {
    case ir::BinaryOp::Add: return x + y;
    case ir::BinaryOp::Sub: return x - y;
    case ir::BinaryOp::Mul: return x * y;
    case ir::BinaryOp::FloorDiv: return ir::floorDiv(x, y);
    case ir::BinaryOp::FloorMod: return ir::floorMod(x, y);
    case ir::BinaryOp::Min: return std::min(x, y);
    case ir::BinaryOp::Max: return std::max(x, y);
    default: break;
    }
  }
  if (auto *c = e->as<ir::Call>(); c && c->name == "ceildiv") {
    int64_t x = evalIndex(c->args[0], sizes), y = evalIndex(c->args[1], sizes);
    return (x + y - 1) / y;
  }
  fail({}, "cannot evaluate the grid expression on the host");
}


TensorMapGeometry tensorMapGeometry(const Kernel &k, const TensorMap &m, const interp::SizeBindings &sizes) {
  TensorMapGeometry g;
  while (k.params[g.param].get() != m.tensor.get())
    ++g.param;
  for (const Expr &e : m.tensor->shape)
    g.dims.push_back(evalIndex(e, sizes));
  g.strideBytes.resize(g.dims.size());
  int64_t stride = ir::dtypeBytes(m.tensor->dtype);
  for (size_t d = g.dims.size(); d-- > 0;)
    g.strideBytes[d] = stride, stride *= g.dims[d];
  return g;
}

} // namespace tilec::gpu
