# A second identical run compiles nothing: the caches are keyed on content, not on where the program's
# directory is (tilec run writes a fresh directory per process). Checked two ways on a fresh cache:
#  1. `SIM run DIR --verbose` twice (the CMake path): the second reports a cache hit for the host
#     program and for every kernel, and nothing compiled or built;
#  2. `TILEC run PY --target tt-sim` twice: no file in the cache is added or rewritten (names and
#     modification times, with a pause longer than their resolution in between).
# Inputs: SIM, TILEC, DIR, KERNEL_PATH, PY, WORK.
set(cache ${WORK}/cached_rerun_cache)
file(REMOVE_RECURSE ${cache})
set(ENV{TILEC_SIM_CACHE} ${cache})
set(ENV{TT_METAL_KERNEL_PATH} ${KERNEL_PATH})

function(sim_run out_var)
  execute_process(COMMAND ${SIM} run ${DIR} --verbose -- 2026 RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tilec-sim run ${DIR} failed (${rc}):\n${err}")
  endif()
  set(${out_var} "${err}" PARENT_SCOPE)
endfunction()

sim_run(first)
if(NOT first MATCHES "host program \\(CMake\\): built" OR NOT first MATCHES "compiling")
  message(FATAL_ERROR "the first run on an empty cache should build and compile:\n${first}")
endif()
sim_run(second)
message("${second}")
if(second MATCHES "compiling|: built")
  message(FATAL_ERROR "the second identical run compiled something")
endif()
string(REGEX MATCHALL "kernel [^\n]*: cache hit" hits "${second}")
list(LENGTH hits n_hits)
if(NOT second MATCHES "host program \\(CMake\\): cache hit" OR NOT n_hits EQUAL 3)
  message(FATAL_ERROR "expected a cache hit for the host program and its 3 kernels")
endif()

function(cache_listing out_var)
  file(GLOB_RECURSE files ${cache}/*)
  set(listing "")
  foreach(f ${files})
    file(TIMESTAMP ${f} t "%s")
    string(APPEND listing "${f} ${t}\n")
  endforeach()
  set(${out_var} "${listing}" PARENT_SCOPE)
endfunction()

function(tilec_run)
  execute_process(COMMAND ${TILEC} run ${PY} --target tt-sim --tt-api 2026 RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tilec run ${PY} failed (${rc}):\n${out}${err}")
  endif()
endfunction()

tilec_run()
cache_listing(before)
execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1.2)
tilec_run()
cache_listing(after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "the second tilec run changed the cache:\nbefore:\n${before}\nafter:\n${after}")
endif()
