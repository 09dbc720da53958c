#include "target/gpu/WgmmaTile.h"

namespace tilec::gpu {

std::optional<WgmmaTile> wgmmaTileFor(const std::vector<int64_t> &shape, ir::DType dtype) {
  if (ir::dtypeBytes(dtype) != 2 || shape.size() < 2)
    return std::nullopt;
  WgmmaTile t;
  t.rows = shape[shape.size() - 2];
  t.cols = shape.back();
  int64_t rowBytes = t.cols * 2;
  if (t.rows % 8 != 0)
    return std::nullopt;
  if (rowBytes == 32 || rowBytes == 64)
    t.segmentBytes = rowBytes;
  else if (rowBytes % 128 == 0)
    t.segmentBytes = 128;
  else
    return std::nullopt;
  return t;
}

WgmmaOperandLayout wgmmaOperandLayout(const WgmmaTile &t, bool mnMajor) {
  WgmmaOperandLayout l;
  l.swizzleMode = t.swizzleMode();
  l.mnMajor = mnMajor;
  l.strideBytes = 8 * t.segmentBytes;
  // K-major with a swizzle never steps along K past one segment (16 elements = 32 bytes); the
  // field is then unused and set to one 16-byte unit, as is customary.
  l.leadingBytes = mnMajor ? t.blockBytes() : 16;
  return l;
}

uint64_t encodeWgmmaDescriptor(uint32_t startAddress, const WgmmaOperandLayout &l) {
  uint64_t d = (startAddress & 0x3FFFF) >> 4;
  d |= uint64_t((l.leadingBytes >> 4) & 0x3FFF) << 16;
  d |= uint64_t((l.strideBytes >> 4) & 0x3FFF) << 32;
  d |= uint64_t(l.swizzleMode & 3) << 62;
  return d;
}

} // namespace tilec::gpu
