// The arithmetic of the compute engine on row-major fp32 32x32 tiles: matmul, element-wise binary
// with broadcast, reduce, transpose, SFPU unary/binary ops.
#pragma once
#include <cstdint>

namespace tilec::sim::rt {

// c += a x b (b transposed first when transposeB).
void matmulAccumulate(const float* a, const float* b, float* c, bool transposeB);
// out = a op bcast(b)  (op: ops::Binary, bcast: ops::Bcast); accumulate adds to out.
void binaryOp(int op, int bcast, const float* a, const float* b, float* out, bool accumulate);
// Reduce `a` scaled by `scaler` into dst (ops::Pool, ops::ReduceAxis); firstTouch: dst not yet written.
void reduceOp(int pool, int axis, const float* a, float scaler, float* dst, bool firstTouch);
void transposeTile(const float* a, float* out);
void sfpuUnaryOp(int op, uint32_t param, float* tile);
void sfpuBinaryOp(int op, const float* a, const float* b, float* out);
// Modeled cycles of an SFPU op on one tile.
uint64_t sfpuCycles(int op);

}  // namespace tilec::sim::rt
