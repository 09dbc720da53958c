// Compute: a plain DPRINT prints from all three TRISCs; DPRINT_UNPACK/MATH/PACK from one each. The
// unpacker samples c_0 at its read pointer, the packer c_16 at its write pointer; the math thread has
// no CB access.
#include <cstdint>
#include "hostdevcommon/dprint_common.h"  // kernels may name it directly, as reduce kernels do
#include "compute_kernel_api/tile_move_copy.h"
#include "debug/dprint.h"

namespace NAMESPACE {
void MAIN {
  copy_tile_init(tt::CBIndex::c_0);
  cb_wait_front(tt::CBIndex::c_0, 1);
  DPRINT << "compute" << ENDL();
  DPRINT_UNPACK(DPRINT << "unpack " << TSLICE(tt::CBIndex::c_0, 0, SliceRange::hw041(), false) << ENDL());
  DPRINT_MATH(DPRINT << "math " << TSLICE(tt::CBIndex::c_0, 0, SliceRange::hw041()) << ENDL());
  tile_regs_acquire();
  copy_tile(tt::CBIndex::c_0, 0, 0);
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(tt::CBIndex::c_16, 1);
  pack_tile(0, tt::CBIndex::c_16);
  DPRINT_PACK({ DPRINT << "pack " << TSLICE(tt::CBIndex::c_16, 0, SliceRange::h0_w0_32(), false) << ENDL(); });
  cb_push_back(tt::CBIndex::c_16, 1);
  tile_regs_release();
  cb_pop_front(tt::CBIndex::c_0, 1);
}
}  // namespace NAMESPACE
