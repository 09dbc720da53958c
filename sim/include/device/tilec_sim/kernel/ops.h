// Operation codes shared by the compute API headers and the runtime's tile math.
#pragma once

namespace tilec::sim::ops {

enum Binary : int { kMul = 0, kDiv = 1, kAdd = 2, kSub = 3 };                 // = ckernel::EltwiseBinaryType
enum Bcast : int { kNone = 0, kCol = 1, kRow = 2, kScalar = 3 };               // = ckernel::BroadcastType
enum Pool : int { kSum = 0, kAvg = 1, kMax = 2 };                              // = ckernel::PoolType
enum ReduceAxis : int { kReduceRow = 0, kReduceCol = 1, kReduceScalar = 2 };   // = ckernel::ReduceDim
enum DestReuse : int { kReuseNone = 0, kDestToSrcA = 1, kDestToSrcB = 2 };

enum Sfpu : int {
  kExp, kLog, kSqrt, kRsqrt, kRecip, kRelu, kReluMax, kReluMin, kLeakyRelu, kGelu, kSigmoid, kTanh, kAbs,
  kSign, kSquare, kPower, kNegative, kSin, kCos, kFill, kAddScalar, kSubScalar, kMulScalar, kDivScalar,
  kRsubScalar, kSilu, kExp2, kLogicalNot, kGtz, kLtz, kEqz, kNez, kGez, kLez, kErf, kFloor, kCeil
};
enum SfpuBinary : int { kBinAdd, kBinSub, kBinMul, kBinDiv, kBinMax, kBinMin, kBinPow, kBinRsub };

// Init families: recorded for checks and the timing model (inits reprogram the engines).
enum InitFamily : int { kInitHw, kInitBinary, kInitMatmul, kInitMatmulTranspose, kInitCopy, kInitReduce, kInitSfpu,
                        kInitTilize, kInitUntilize, kInitTranspose, kInitPack, kInitBcast };

}  // namespace tilec::sim::ops
