// Names a TT-Metalium kernel or host program must never declare (target/Symbols.h): the macros,
// namespaces, types and API functions of the SDK's headers (and of the simulator's, which stand
// in for them), whether or not the printed file spells them. Names a printer writes itself are
// avoided anyway, as literals.
#include "target/tt/TT.h"

namespace tilec::tt {

const target::Reserved &reservedNames() {
  static const target::Reserved reserved = [] {
    target::Reserved r;
    r.words = {
        // namespaces, types, entry points and macros of the device headers
        "tt", "tt_metal", "ckernel", "sfpi", "tensix", "NAMESPACE", "MAIN", "ALWI", "FORCE_INLINE", "APPROX",
        "MATH", "PACK", "UNPACK", "MATH_FIDELITY", "DST_ACCUM_MODE", "DST_SYNC_MODE", "REDUCE_OP", "REDUCE_DIM",
        "KERNEL_COMPILE_TIME_ARGS", "ASSERT", "WAYPOINT", "VALID", "INVALID", "kernel_main", "CoreCoord",
        "CoreRange", "CoreRangeSet", "CBIndex", "DataFormat", "InterleavedAddrGen", "InterleavedAddrGenFast",
        "TensorAccessor", "TensorAccessorArgs", "PoolType", "ReduceDim", "BroadcastType", "EltwiseBinaryType",
        "MathFidelity", "my_x", "my_y",
        // data movement API
        "get_arg_val", "get_common_arg_val", "get_compile_time_arg_val", "get_arg_addr", "get_write_ptr",
        "get_read_ptr", "get_noc_addr", "get_noc_addr_from_bank_id", "get_noc_multicast_addr", "get_semaphore",
        "get_tile_size", "get_dataformat", "get_absolute_logical_x", "get_absolute_logical_y",
        "cb_reserve_back", "cb_push_back", "cb_wait_front", "cb_pop_front", "cb_pages_available_at_front",
        "cb_pages_reservable_at_back",
        // compute API
        "acquire_dst", "release_dst", "tile_regs_acquire", "tile_regs_commit", "tile_regs_wait",
        "tile_regs_release", "copy_tile", "copy_tile_init", "copy_tile_to_dst_init_short", "pack_tile",
        "pack_tile_block", "matmul_tiles", "matmul_block", "mm_init", "mm_init_short", "mm_block_init",
        "mm_block_init_short", "add_tiles", "sub_tiles", "mul_tiles", "add_tiles_init", "sub_tiles_init",
        "mul_tiles_init", "binary_op_init_common", "unary_op_init_common", "reduce_init", "reduce_tile",
        "reduce_uninit", "transpose_wh_tile", "transpose_wh_init", "init_sfpu", "fill_tile", "exp_tile",
        "exp_tile_init", "recip_tile", "recip_tile_init", "sqrt_tile", "rsqrt_tile", "reconfig_data_format",
        "pack_reconfig_data_format", "compute_kernel_hw_startup", "tilize", "untilize",
        // host API the printed host.cpp may reach
        "Program", "CreateProgram", "CreateKernel", "CreateBuffer", "CreateCircularBuffer", "CreateSemaphore",
        "CreateDevice", "CloseDevice", "SetRuntimeArgs", "EnqueueProgram", "EnqueueWriteBuffer",
        "EnqueueReadBuffer", "Finish", "IDevice", "CommandQueue", "KernelHandle", "distributed", "BufferType",
        "CircularBufferConfig", "InterleavedBufferConfig", "DataMovementConfig", "ComputeConfig", "NOC",
        "DataMovementProcessor", "log_info", "log_warning", "log_error", "log_debug",
        // debug print types and manipulators every kernel sees (debug/dprint.h, dprint_tile.h)
        "ENDL", "SETW", "SETPRECISION", "FIXED", "DEFAULTFLOAT", "HEX", "OCT", "DEC", "BF16", "F32", "U32", "U16",
        "U8", "I32", "I16", "I8", "bf16_t", "SliceRange", "TileSlice", "TSLICE"};
    // noc_async_read, noc_semaphore_wait, ...; NOC_XY_ADDR, TT_FATAL, DPRINT_MATH, the simulator's
    // TILEC_* macros, tt_l1_ptr; and what C++ reserves to the implementation
    r.prefixes = {"noc_", "NOC_", "TT_", "tt_", "DPRINT", "DEBUG_", "TILEC_", "__"};
    return r;
  }();
  return reserved;
}

} // namespace tilec::tt
