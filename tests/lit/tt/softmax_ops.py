# Softmax: reduce with a scaler tile, broadcast subtract of the row max, SFPU exp, division.
# RUN: %tilec compile %S/../../../examples/tenstorrent/softmax.py --target tt -o %t
# RUN: FileCheck %s < %t/kernels/compute.cpp
# RUN: FileCheck %s --check-prefix=READER < %t/kernels/reader.cpp
# CHECK: fill_tile({{.*}}, -INFINITY);
# CHECK: reduce_init<PoolType::MAX, ReduceDim::REDUCE_ROW>(cb_x, cb_scaler, cb_row_max);
# CHECK: reduce_tile<PoolType::MAX, ReduceDim::REDUCE_ROW>(cb_x, cb_scaler,
# CHECK: reduce_uninit();
# CHECK: sub_bcast_cols_init_short(cb_x, cb_row_max);
# CHECK: sub_tiles_bcast_cols(cb_x, cb_row_max,
# CHECK: exp_tile(
# CHECK: div_binary_tile(
# READER: the reduce scaler: one tile of 1.0
