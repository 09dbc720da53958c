// Tensors around a run: deterministic inputs, which parameters are inputs/outputs, comparison.
#include "interp/Interpreter.h"

#include "interp/Scalar.h"
#include "ir/Accesses.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace tilec::interp {

int64_t Tensor::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

namespace {

// splitmix64: tiny, fast and identical on every platform (std::uniform_*_distribution is not).
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1p-53; }
};

double randomValue(SplitMix64 &rng, ir::DType t) {
  if (ir::isFloat(t))
    return ir::roundToDType(2.0 * rng.uniform01() - 1.0, t);
  if (t == ir::DType::Bool)
    return static_cast<double>(rng.next() & 1);
  if (t == ir::DType::UInt32 || t == ir::DType::UInt8)
    return static_cast<double>(rng.next() % 5); // [0, 4]: negatives would wrap to huge values
  return static_cast<double>(static_cast<int64_t>(rng.next() % 9) - 4); // [-4, 4]
}

// The names of the buffers a kernel reads and writes (by name: passes may rebuild nodes).
struct ReadsAndWrites {
  std::set<std::string> written, read;
};

ReadsAndWrites collectAccesses(const ir::PrimFunc &f) {
  ReadsAndWrites out;
  for (const ir::Access &a : ir::accessesOf(f.body))
    (a.write ? out.written : out.read).insert(a.buffer->name);
  return out;
}

std::vector<int> paramsIn(const ir::PrimFunc &f, const std::set<std::string> &names) {
  std::vector<int> out;
  for (size_t i = 0; i < f.params.size(); ++i)
    if (names.count(f.params[i]->name))
      out.push_back(static_cast<int>(i));
  return out;
}

// (rtol, atol) for a dtype; integers and bools compare exactly.
std::pair<double, double> tolerance(ir::DType t) {
  switch (t) {
  case ir::DType::Float32: return {1e-4, 1e-5};
  case ir::DType::BFloat16: return {3e-2, 1e-2};
  case ir::DType::Float16: return {1e-2, 1e-3};
  // One step of the 3- or 2-bit mantissa: a value rounded the other way after a differently
  // ordered sum is one quantum off.
  case ir::DType::Float8E4M3: return {1.3e-1, 2e-2};
  case ir::DType::Float8E5M2: return {2.6e-1, 4e-2};
  default: return {0.0, 0.0};
  }
}

// Pearson correlation over the pairs where both values are finite; nullopt when either side has
// no variance there (the coefficient is undefined).
std::optional<double> pearson(const std::vector<double> &x, const std::vector<double> &y) {
  double mx = 0, my = 0;
  size_t n = 0;
  for (size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      mx += x[i];
      my += y[i];
      ++n;
    }
  if (n == 0)
    return std::nullopt;
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
  if (sxx == 0 || syy == 0)
    return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

} // namespace

std::vector<int> outputParams(const ir::PrimFunc &f) { return paramsIn(f, collectAccesses(f).written); }

std::vector<int> inputParams(const ir::PrimFunc &f) { return paramsIn(f, collectAccesses(f).read); }

std::vector<Tensor> makeInputs(const ir::PrimFunc &f, const SizeBindings &sizes, uint64_t seed) {
  std::vector<std::vector<int64_t>> shapes = concreteParamShapes(f, sizes);
  ReadsAndWrites access = collectAccesses(f);
  std::vector<Tensor> out;
  for (size_t i = 0; i < f.params.size(); ++i) {
    const ir::Buffer &p = f.params[i];
    Tensor t{shapes[i], p->dtype, {}};
    t.data.assign(static_cast<size_t>(t.numel()), 0.0);
    bool zeroed = access.written.count(p->name) && !access.read.count(p->name);
    if (!zeroed) {
      // Each parameter has its own stream, so adding a parameter leaves the others unchanged.
      SplitMix64 rng{seed ^ (0xD1B54A32D192ED03ull * (i + 1))};
      for (double &v : t.data)
        v = randomValue(rng, p->dtype);
    }
    out.push_back(std::move(t));
  }
  return out;
}

double unwrittenPoison(ir::DType t) {
  switch (t) {
  case ir::DType::Bool: return 1;
  case ir::DType::UInt8: return 77;
  case ir::DType::Int8: return -77;
  case ir::DType::UInt32: return 7777;
  case ir::DType::Float8E4M3:
  case ir::DType::Float8E5M2: return -224;
  default: return -7777;
  }
}

// The parameters the framework allocates rather than the caller: an eager kernel's T.empty
// outputs, and `@tilelang.jit(out_idx=...)`'s (an int or a list, negative from the end).
std::set<size_t> allocatedOutputs(const ir::PrimFunc &f) {
  std::set<size_t> out;
  size_t n = f.params.size();
  for (size_t i = n - std::min(n, f.emptyOutputs); i < n; ++i)
    out.insert(i);
  auto jit = f.annotations.find("jit");
  auto idx = jit == f.annotations.end() ? nullptr : &jit->second;
  auto given = idx ? idx->find("out_idx") : std::map<std::string, ir::AnnotationValue>::const_iterator{};
  if (!idx || given == idx->end())
    return out;
  std::vector<int64_t> indices;
  if (const auto *one = std::get_if<int64_t>(&given->second.value))
    indices.push_back(*one);
  else if (const auto *list = std::get_if<ir::AnnotationValue::List>(&given->second.value))
    for (const ir::AnnotationValue &v : *list)
      if (const auto *i = std::get_if<int64_t>(&v.value))
        indices.push_back(*i);
  for (int64_t i : indices)
    if (i < 0 ? size_t(-i) <= n : size_t(i) < n)
      out.insert(i < 0 ? n - size_t(-i) : size_t(i));
  return out;
}

void poisonWriteOnlyOutputs(const ir::PrimFunc &f, std::vector<Tensor> &args) {
  ReadsAndWrites access = collectAccesses(f);
  std::set<size_t> allocated = allocatedOutputs(f);
  for (size_t i = 0; i < f.params.size() && i < args.size(); ++i) {
    const ir::Buffer &p = f.params[i];
    if (allocated.count(i) && access.written.count(p->name) && !access.read.count(p->name))
      std::fill(args[i].data.begin(), args[i].data.end(), unwrittenPoison(p->dtype));
  }
}

Comparison compare(const Tensor &expected, const Tensor &got) {
  Comparison c;
  if (expected.shape != got.shape || expected.data.size() != got.data.size()) {
    c.maxAbsError = INFINITY;
    c.pcc = 0;
    return c;
  }
  bool nanMismatch = false;
  double maxExpected = 0;
  for (size_t i = 0; i < got.data.size(); ++i) {
    double e = expected.data[i], g = got.data[i];
    if (std::isnan(e) || std::isnan(g)) {
      nanMismatch |= std::isnan(e) != std::isnan(g);
      continue;
    }
    if (std::isfinite(e))
      maxExpected = std::max(maxExpected, std::fabs(e));
    double err = e == g ? 0.0 : std::fabs(e - g); // equal infinities are no error
    c.maxAbsError = std::max(c.maxAbsError, err);
  }
  auto [rtol, atol] = tolerance(expected.dtype);
  bool withinTolerance = c.maxAbsError <= atol + rtol * maxExpected;
  std::optional<double> r = pearson(expected.data, got.data);
  c.pcc = r ? *r : (withinTolerance ? 1.0 : 0.0);
  if (nanMismatch) { // a NaN where the reference has a number (or the reverse) is never close
    c.maxAbsError = INFINITY;
    c.pcc = 0;
  }
  c.pass = !nanMismatch && withinTolerance && c.pcc >= 0.999;
  return c;
}

} // namespace tilec::interp
