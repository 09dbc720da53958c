// `tilec run --target cuda`: the emitted kernel on a real GPU, checked against the reference
// interpreter and timed with CUDA events.
#include "target/gpu/CudaDriver.h"
#include "target/gpu/GpuTargets.h"
#include "target/gpu/Lower.h"

#include "ir/DType.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <iostream>

namespace tilec::gpu {

namespace {

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
    case ir::BinaryOp::FloorDiv: return x / y;
    case ir::BinaryOp::FloorMod: return x % y;
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

} // namespace

int runCuda(const ir::PrimFunc &, const ir::PrimFunc &tiled, const driver::Options &opts) {
  interp::SizeBindings sizes = driver::sizeBindingsFor(tiled, opts);
  Kernel k = lowerForGpu(tiled, GpuOptions::forDialect(Dialect::Cuda));
  std::string source = printKernel(k, Dialect::Cuda, opts.file).source;
  CudaDriver cuda;
  if (!cuda.ok()) {
    std::cerr << "tilec: --target cuda needs an NVIDIA GPU: " << cuda.error()
              << ".\n  (use --target gpu-interp to check the GPU lowering on the CPU, or `tilec compile --target "
                 "cuda` to get the source)\n";
    return driver::kInputError;
  }
  std::string arch = fmt::format("sm_{}{}", cuda.computeCapability(), cuda.computeCapability() == 90 ? "a" : "");
  std::string cubin = cuda.compile(source, arch);
  int64_t smem = k.sharedBytes();
  int dynamicShared = smem > 48 * 1024 ? int(smem) : 0;
  void *kernel = cuda.loadKernel(cubin, k.name, dynamicShared);

  std::vector<interp::Tensor> reference = interp::makeInputs(tiled, sizes, opts.seed), got = reference;
  std::vector<CudaDriver::Ptr> buffers;
  std::vector<int> sizeArgs;
  std::vector<void *> args;
  for (const interp::Tensor &t : got) {
    std::vector<uint8_t> bytes = pack(t);
    buffers.push_back(cuda.alloc(std::max<size_t>(bytes.size(), 1)));
    cuda.upload(buffers.back(), bytes.data(), bytes.size());
  }
  for (CudaDriver::Ptr &p : buffers)
    args.push_back(&p);
  for (const Var &v : k.sizeVars)
    sizeArgs.push_back(int(sizes.at(v->name)));
  for (int &s : sizeArgs)
    args.push_back(&s);
  int64_t grid[3] = {1, 1, 1};
  for (size_t d = 0; d < k.grid.size(); ++d)
    grid[d] = evalIndex(k.grid[d], sizes);

  cuda.launch(kernel, grid, k.threads, dynamicShared, args, 0);
  for (int i : interp::outputParams(tiled)) {
    std::vector<uint8_t> bytes(pack(got[i]).size());
    cuda.download(bytes.data(), buffers[i], bytes.size());
    unpack(got[i], bytes);
  }
  interp::run(tiled, reference, sizes);
  bool pass = driver::reportComparison(tiled, reference, got);
  double ms = cuda.launch(kernel, grid, k.threads, dynamicShared, args, 20);
  std::cout << fmt::format("device: {} ({}), time: {:.3f} us per launch (CUDA events, 20 launches)\n",
                           cuda.deviceName(), arch, ms * 1000.0);
  for (CudaDriver::Ptr p : buffers)
    cuda.free(p);
  return pass ? driver::kOk : driver::kMismatch;
}

} // namespace tilec::gpu
