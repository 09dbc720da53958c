// TSLICE: print a strided slice of one tile of a CB (debug/dprint_tile.h, api/debug/dprint_tile.h).
// The kernel side only records the request; the runtime samples the tile when the slice is printed,
// from the CB's read pointer (TRISC0, or a data-movement kernel asking for TSLICE_RD_PTR) or write
// pointer (TRISC2, TSLICE_WR_PTR), limited to MAX_BYTES of data as on hardware.
#pragma once
#include <cstdint>

#include "tilec_sim/kernel/abi.h"
#include "tilec_sim/kernel/level.h"
#include "hostdevcommon/dprint_common.h"


using dprint_tslice_ptr_t = bool;
#define TSLICE_RD_PTR true
#define TSLICE_WR_PTR false
using dprint_tslice_cb_t = bool;
#define TSLICE_INPUT_CB true
#define TSLICE_OUTPUT_CB false

template <int MAX_BYTES = 32 * 2>
struct TileSlice {
  ::tilec::sim::abi::DprintSlice request;
  TileSlice(uint8_t cb, int tile_idx, const SliceRange& slice_range,
#if defined(COMPILE_FOR_NCRISC)
            dprint_tslice_cb_t cb_type TILEC_OLD_DEFAULT(TSLICE_INPUT_CB), dprint_tslice_ptr_t ptr_type = TSLICE_WR_PTR,
#elif defined(COMPILE_FOR_BRISC)
            dprint_tslice_cb_t cb_type TILEC_OLD_DEFAULT(TSLICE_INPUT_CB), dprint_tslice_ptr_t ptr_type = TSLICE_RD_PTR,
#endif
            bool endl_rows = true, bool print_untilized = true) {
    request.cb = cb;
    request.tile = tile_idx;
    request.h0 = slice_range.h0, request.h1 = slice_range.h1, request.hs = slice_range.hs;
    request.w0 = slice_range.w0, request.w1 = slice_range.w1, request.ws = slice_range.ws;
#if defined(COMPILE_FOR_NCRISC) || defined(COMPILE_FOR_BRISC)
    (void)cb_type;  // the simulator knows every CB's format
    request.readPtr = ptr_type == TSLICE_RD_PTR;
    request.ptrGiven = true;
#else
    request.readPtr = true;
    request.ptrGiven = false;  // the thread decides: TRISC0 reads, TRISC2 writes, TRISC1 has no CB access
#endif
    request.endlRows = endl_rows;
    request.untilized = print_untilized;
    request.maxBytes = MAX_BYTES;
  }
};
using TSLICE = TileSlice<64>;
