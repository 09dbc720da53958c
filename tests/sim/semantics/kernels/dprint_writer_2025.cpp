// BRISC (NoC 0): starts a line, blocks until compute pushes (other cores print meanwhile), then ends
// it with a TSLICE of the tile at the CB's read pointer.
#include <cstdint>
#include "debug/dprint.h"

void kernel_main() {
  uint32_t id = get_arg_val<uint32_t>(0);
  DPRINT << "writer " << id << ": waiting";
  cb_wait_front(tt::CBIndex::c_16, 1);
  DPRINT << ", got " << TSLICE(tt::CBIndex::c_16, 0, SliceRange::hw041(), TSLICE_INPUT_CB, TSLICE_RD_PTR) << ENDL();
  DPRINT_DATA0(DPRINT << "noc 0 only" << ENDL());
  cb_pop_front(tt::CBIndex::c_16, 1);
}
