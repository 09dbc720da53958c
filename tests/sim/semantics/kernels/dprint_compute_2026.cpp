// Compute: a plain DPRINT prints from all three TRISCs; DPRINT_UNPACK/MATH/PACK from one each. The
// unpacker samples c_0 at its read pointer, the packer c_16 at its write pointer; the math thread has
// no CB access.
#include <cstdint>
#include "hostdevcommon/dprint_common.h"  // kernels may name it directly, as reduce kernels do
#include "api/compute/tile_move_copy.h"
#include "api/debug/dprint.h"

void kernel_main() {
  copy_tile_init(tt::CBIndex::c_0);
  cb_wait_front(tt::CBIndex::c_0, 1);
  DPRINT("compute\n");
  DPRINT_UNPACK("unpack {}\n", TSLICE(tt::CBIndex::c_0, 0, SliceRange::hw041(), false));
  DPRINT_MATH("math {}\n", TSLICE(tt::CBIndex::c_0, 0, SliceRange::hw041()));
  tile_regs_acquire();
  copy_tile(tt::CBIndex::c_0, 0, 0);
  tile_regs_commit();
  tile_regs_wait();
  cb_reserve_back(tt::CBIndex::c_16, 1);
  pack_tile(0, tt::CBIndex::c_16);
  DPRINT_PACK("pack {}\n", TSLICE(tt::CBIndex::c_16, 0, SliceRange::h0_w0_32(), false));
  cb_push_back(tt::CBIndex::c_16, 1);
  tile_regs_release();
  cb_pop_front(tt::CBIndex::c_0, 1);
}
