# The simulator's TT-Metalium package used the way a user uses the SDK's: configure an example
# directory with plain cmake (-DCMAKE_PREFIX_PATH=PREFIX, level pinned with -DTILEC_SIM_API), build it,
# start the executable directly (no tilec), kernels found under TT_METAL_KERNEL_PATH.
# Inputs: SRC, PREFIX, WORK, KERNEL_PATH.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC} -B ${WORK} -DCMAKE_PREFIX_PATH=${PREFIX} -DTILEC_SIM_API=2026
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure failed:\n${out}${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build failed:\n${out}${err}")
endif()
set(ENV{TT_METAL_KERNEL_PATH} ${KERNEL_PATH})
unset(ENV{TT_METAL_HOME})
unset(ENV{TILEC_SIM_API})  # the level compiled into the host reaches the kernel JIT by itself
execute_process(COMMAND ${WORK}/sim_example_vector_add 2026 WORKING_DIRECTORY ${WORK}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "PASS: vector add of 12 tiles at level 2026")
  message(FATAL_ERROR "the directly started program failed (${rc})")
endif()
# The host was built pinned to 2026, so the kernel JIT holds kernels to 2026's names: the compute
# kernel spelled for 2025 (add_tiles_init) must not compile (exit 4), which shows the level arrived.
execute_process(COMMAND ${WORK}/sim_example_vector_add 2025 WORKING_DIRECTORY ${WORK}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 4 OR NOT err MATCHES "add_tiles_init")
  message(FATAL_ERROR "a 2025 kernel under a 2026-pinned host: expected exit 4 naming add_tiles_init, got ${rc}:\n${err}")
endif()
