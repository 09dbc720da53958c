# `tilec run --target tt-sim` builds the emitted host program directly by default (no CMake configure
# per run), and through the emitted CMakeLists.txt with --tt-sim-build cmake. Both must pass their
# numeric check; which path ran shows in the cache: direct builds land in host/, CMake builds in cmake/.
# Inputs: TILEC, PY, WORK.
set(cache ${WORK}/tilec_run_build_paths_cache)
file(REMOVE_RECURSE ${cache})
set(ENV{TILEC_SIM_CACHE} ${cache})

function(tilec_run)
  execute_process(COMMAND ${TILEC} run ${PY} --target tt-sim --tt-api 2026 ${ARGN} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tilec run ${PY} ${ARGN} failed (${rc}):\n${out}${err}")
  endif()
endfunction()

function(programs_in sub out_var)
  file(GLOB_RECURSE found ${cache}/${sub}/*/program)
  list(LENGTH found n)
  set(${out_var} ${n} PARENT_SCOPE)
endfunction()

tilec_run()
programs_in(host direct)
programs_in(cmake via_cmake)
if(NOT direct EQUAL 1 OR NOT via_cmake EQUAL 0)
  message(FATAL_ERROR "default tilec run: expected 1 direct build and no CMake build, got ${direct} and ${via_cmake}")
endif()

tilec_run(--tt-sim-build cmake)
programs_in(host direct)
programs_in(cmake via_cmake)
if(NOT direct EQUAL 1 OR NOT via_cmake EQUAL 1)
  message(FATAL_ERROR "--tt-sim-build cmake: expected the emitted CMakeLists.txt to be built, got ${direct} direct and ${via_cmake} CMake builds")
endif()
