// The GPU bench (issue 14, item 5): times the kernels tilec emitted (generated/*.cu, written by
// emit.py) on this GPU. GEMMs run next to cuBLAS (cublasGemmEx: same dtypes, fp32 output and
// accumulation) on the same buffers in the same process; the result of each is compared with
// cuBLAS's and, on every 61st row, with a plain fp32 kernel's. FlashAttention forward is checked
// on its first (batch, head) against a plain reference kernel. Prints TFLOP/s, the ratio to cuBLAS, and the check. Built by run_on_gpu.sh.
#include <cublas_v2.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <vector>

enum class Kind { GEMM, FA };
enum class DType { FP16, BF16 };
using Launch = cudaError_t (*)(void **, cudaStream_t);
struct Case {
  const char *name;
  Kind kind;
  DType dtype;
  long long sizes[5]; // GEMM: M N K; FA: batch heads seq dim causal
  Launch launch;
};
#include "generated/cases.inc"

#define CHECK(x)                                                                                   \
  do {                                                                                             \
    auto e_ = (x);                                                                                 \
    if (e_ != 0) {                                                                                 \
      std::fprintf(stderr, "%s:%d: %s failed (%d)\n", __FILE__, __LINE__, #x, int(e_));            \
      std::exit(1);                                                                                \
    }                                                                                              \
  } while (0)

namespace {

constexpr int kWarmup = 3, kIters = 20;

// Deterministic values in [-1, 1) (a hash of the index), so that no host copy is needed.
template <typename T> __global__ void fill(T *p, long long n, unsigned seed) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
    unsigned h = (unsigned)i * 2654435761u ^ seed;
    h ^= h >> 16, h *= 0x7feb352du, h ^= h >> 15;
    p[i] = T(float(h & 0xffff) / 32768.0f - 1.0f);
  }
}

// One thread per query row of (batch 0, head 0): softmax(q k^T / sqrt(d)) v in fp32.
__global__ void attentionReference(const half *Q, const half *K, const half *V, float *O, int seq, int dim,
                                   bool causal) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= seq)
    return;
  float scale = 1.0f / sqrtf(float(dim)), mx = -INFINITY, sum = 0;
  int last = causal ? row + 1 : seq;
  for (int c = 0; c < last; ++c) {
    float s = 0;
    for (int d = 0; d < dim; ++d)
      s += float(Q[(long long)row * dim + d]) * float(K[(long long)c * dim + d]);
    mx = fmaxf(mx, s * scale);
  }
  for (int d = 0; d < dim; ++d)
    O[(long long)row * dim + d] = 0;
  for (int c = 0; c < last; ++c) {
    float s = 0;
    for (int d = 0; d < dim; ++d)
      s += float(Q[(long long)row * dim + d]) * float(K[(long long)c * dim + d]);
    float p = expf(s * scale - mx);
    sum += p;
    for (int d = 0; d < dim; ++d)
      O[(long long)row * dim + d] += p * float(V[(long long)c * dim + d]);
  }
  for (int d = 0; d < dim; ++d)
    O[(long long)row * dim + d] /= sum;
}

// C[row][col] = sum_k A[row][k] B[k][col] in fp32 for the rows row = i * rowStep (C's row i): an
// independent check of the GEMMs, next to the comparison with cuBLAS.
template <typename T>
__global__ void gemmReferenceRows(const T *A, const T *B, float *C, int m, int n, int k, int rowStep) {
  long long at = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  int i = int(at / n), col = int(at % n), row = i * rowStep;
  if (row >= m)
    return;
  float sum = 0;
  for (int kk = 0; kk < k; ++kk)
    sum += float(A[(long long)row * k + kk]) * float(B[(long long)kk * n + col]);
  C[(long long)i * n + col] = sum;
}

template <typename F> float millisPerRun(F run) {
  cudaEvent_t start, stop;
  CHECK(cudaEventCreate(&start));
  CHECK(cudaEventCreate(&stop));
  for (int i = 0; i < kWarmup; ++i)
    run();
  CHECK(cudaEventRecord(start));
  for (int i = 0; i < kIters; ++i)
    run();
  CHECK(cudaEventRecord(stop));
  CHECK(cudaEventSynchronize(stop));
  float ms = 0;
  CHECK(cudaEventElapsedTime(&ms, start, stop));
  CHECK(cudaGetLastError());
  return ms / kIters;
}

void *deviceAlloc(size_t bytes) { // cudaMalloc is 256-byte aligned: the kernels' 16-byte accesses hold
  void *p = nullptr;
  CHECK(cudaMalloc(&p, bytes));
  return p;
}

template <typename T> void fillRandom(void *p, long long n, unsigned seed) {
  fill<T><<<1024, 256>>>(static_cast<T *>(p), n, seed);
  CHECK(cudaGetLastError());
}

// max |a - b| / max(1, max |b|) over two fp32 host arrays.
double relativeError(const std::vector<float> &ha, const std::vector<float> &hb) {
  double err = 0, scale = 1;
  long long n = (long long)ha.size();
  for (long long i = 0; i < n; ++i)
    err = std::fmax(err, std::fabs(double(ha[i]) - hb[i])), scale = std::fmax(scale, std::fabs(double(hb[i])));
  return err / scale;
}

bool benchGemm(const Case &c, cublasHandle_t blas) {
  long long m = c.sizes[0], n = c.sizes[1], k = c.sizes[2];
  bool bf16 = c.dtype == DType::BF16;
  void *a = deviceAlloc(m * k * 2), *b = deviceAlloc(k * n * 2);
  float *out = static_cast<float *>(deviceAlloc(m * n * 4)), *ref = static_cast<float *>(deviceAlloc(m * n * 4));
  if (bf16)
    fillRandom<__nv_bfloat16>(a, m * k, 1), fillRandom<__nv_bfloat16>(b, k * n, 2);
  else
    fillRandom<half>(a, m * k, 1), fillRandom<half>(b, k * n, 2);
  void *args[] = {&a, &b, &out};
  float tilecMs = millisPerRun([&] { CHECK(c.launch(args, 0)); });
  cudaDataType_t t = bf16 ? CUDA_R_16BF : CUDA_R_16F;
  float alpha = 1, beta = 0;
  // Row-major C = A B is column-major C^T = B^T A^T.
  float blasMs = millisPerRun([&] {
    CHECK(cublasGemmEx(blas, CUBLAS_OP_N, CUBLAS_OP_N, int(n), int(m), int(k), &alpha, b, t, int(n), a, t, int(k),
                       &beta, ref, CUDA_R_32F, int(n), CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
  });
  std::vector<float> got(m * n), fromBlas(m * n);
  CHECK(cudaMemcpy(got.data(), out, m * n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(fromBlas.data(), ref, m * n * 4, cudaMemcpyDeviceToHost));
  double err = relativeError(got, fromBlas);
  // The independent check: every 61st row against the plain fp32 kernel.
  const int rowStep = 61;
  long long rows = (m + rowStep - 1) / rowStep;
  float *plain = static_cast<float *>(deviceAlloc(rows * n * 4));
  if (bf16)
    gemmReferenceRows<<<(rows * n + 255) / 256, 256>>>(static_cast<const __nv_bfloat16 *>(a),
                                                       static_cast<const __nv_bfloat16 *>(b), plain, int(m), int(n),
                                                       int(k), rowStep);
  else
    gemmReferenceRows<<<(rows * n + 255) / 256, 256>>>(static_cast<const half *>(a), static_cast<const half *>(b), plain,
                                                       int(m), int(n), int(k), rowStep);
  CHECK(cudaDeviceSynchronize());
  std::vector<float> want(rows * n), sampled(rows * n);
  CHECK(cudaMemcpy(want.data(), plain, rows * n * 4, cudaMemcpyDeviceToHost));
  for (long long i = 0; i < rows; ++i)
    std::copy(got.begin() + i * rowStep * n, got.begin() + (i * rowStep + 1) * n, sampled.begin() + i * n);
  double plainErr = relativeError(sampled, want);
  double flops = 2.0 * m * n * k;
  double tt = flops / tilecMs / 1e9, tb = flops / blasMs / 1e9;
  bool ok = err < 1e-2 && plainErr < 1e-2;
  std::printf("%-16s tilec %8.3f ms %7.1f TFLOP/s | cuBLAS %8.3f ms %7.1f TFLOP/s | ratio %.2f | vs cuBLAS %.1e, "
              "vs fp32 (every %dth row) %.1e %s\n",
              c.name, tilecMs, tt, blasMs, tb, tt / tb, err, rowStep, plainErr, ok ? "PASS" : "FAIL");
  for (void *p : {a, b, static_cast<void *>(out), static_cast<void *>(ref), static_cast<void *>(plain)})
    CHECK(cudaFree(p));
  return ok;
}

bool benchAttention(const Case &c) {
  long long batch = c.sizes[0], heads = c.sizes[1], seq = c.sizes[2], dim = c.sizes[3];
  bool causal = c.sizes[4] != 0;
  long long elems = batch * heads * seq * dim;
  void *q = deviceAlloc(elems * 2), *k = deviceAlloc(elems * 2), *v = deviceAlloc(elems * 2),
       *o = deviceAlloc(elems * 2);
  fillRandom<half>(q, elems, 3), fillRandom<half>(k, elems, 4), fillRandom<half>(v, elems, 5);
  void *args[] = {&q, &k, &v, &o};
  float ms = millisPerRun([&] { CHECK(c.launch(args, 0)); });
  // Check (batch 0, head 0), the first seq x dim of every tensor in (batch, heads, seq, dim).
  float *ref = static_cast<float *>(deviceAlloc(seq * dim * 4));
  attentionReference<<<(seq + 127) / 128, 128>>>(static_cast<half *>(q), static_cast<half *>(k),
                                                  static_cast<half *>(v), ref, int(seq), int(dim), causal);
  CHECK(cudaDeviceSynchronize());
  std::vector<half> got(seq * dim);
  std::vector<float> want(seq * dim);
  CHECK(cudaMemcpy(got.data(), o, seq * dim * 2, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(want.data(), ref, seq * dim * 4, cudaMemcpyDeviceToHost));
  double err = 0;
  for (long long i = 0; i < seq * dim; ++i)
    err = std::fmax(err, std::fabs(double(__half2float(got[i])) - want[i]));
  // Two matmuls of seq x seq x dim per head; causal does about half.
  double flops = 4.0 * batch * heads * seq * seq * dim * (causal ? 0.5 : 1.0);
  bool ok = err < 2e-2;
  std::printf("%-16s tilec %8.3f ms %7.1f TFLOP/s | max abs error (batch 0, head 0) %.1e %s\n", c.name, ms,
              flops / ms / 1e9, err, ok ? "PASS" : "FAIL");
  for (void *p : {q, k, v, o, static_cast<void *>(ref)})
    CHECK(cudaFree(p));
  return ok;
}

} // namespace

// bench            runs every case
// bench NAME...    runs the cases named (run_on_gpu.sh runs each in its own process, so that a
//                  kernel that faults or hangs costs only its own line)
// bench --list     prints the case names
int main(int argc, char **argv) {
  std::vector<const Case *> chosen;
  bool list = argc == 2 && std::strcmp(argv[1], "--list") == 0;
  for (const Case &c : kCases) {
    bool named = argc == 1 || list;
    for (int i = 1; i < argc; ++i)
      named |= std::strcmp(argv[i], c.name) == 0;
    if (named)
      chosen.push_back(&c);
  }
  if (list) {
    for (const Case *c : chosen)
      std::printf("%s\n", c->name);
    return 0;
  }
  if (chosen.size() != size_t(argc == 1 ? std::size(kCases) : argc - 1)) {
    std::fprintf(stderr, "bench: unknown case name (bench --list prints them)\n");
    return 2;
  }
  cudaDeviceProp prop{};
  CHECK(cudaGetDeviceProperties(&prop, 0));
  if (argc == 1)
    std::printf("GPU: %s (sm_%d%d), %d SMs\n", prop.name, prop.major, prop.minor, prop.multiProcessorCount);
  cublasHandle_t blas;
  CHECK(cublasCreate(&blas));
  bool ok = true;
  for (const Case *c : chosen)
    ok &= c->kind == Kind::GEMM ? benchGemm(*c, blas) : benchAttention(*c);
  CHECK(cublasDestroy(blas));
  return ok ? 0 : 3;
}
