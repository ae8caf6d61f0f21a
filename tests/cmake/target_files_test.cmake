# errspec_generate() names the files of every target before the generator runs: check those names
# against what the generator writes, for every target it has.
# Run as: cmake -DERRSPEC=<errspec binary> -DSPEC=<a valid spec> -DWORK_DIR=<scratch> -P target_files_test.cmake
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/ErrspecGenerate.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")

# The generator's own list of targets, from its answer to an unknown one.
execute_process(COMMAND "${ERRSPEC}" generate "${SPEC}" -o "${WORK_DIR}" --target no-such-target
                ERROR_VARIABLE error)
if(NOT error MATCHES "the targets are ([a-z, -]+)")
  message(FATAL_ERROR "errspec did not list its targets:\n${error}")
endif()
string(REPLACE ", " ";" targets "${CMAKE_MATCH_1}")

execute_process(COMMAND "${ERRSPEC}" generate "${SPEC}" -o "${WORK_DIR}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "errspec generate ${SPEC} failed")
endif()
file(GLOB written RELATIVE "${WORK_DIR}" "${WORK_DIR}/*")

_errspec_read_api_id("${SPEC}" api_id)
_errspec_outputs("${targets}" "${api_id}" "." sources headers others)
set(expected ${sources} ${headers} ${others})
list(TRANSFORM expected REPLACE "^\\./" "")
list(SORT written)
list(SORT expected)
if(NOT written STREQUAL expected)
  message(FATAL_ERROR "for targets ${targets}, errspec wrote\n  ${written}\nbut errspec_generate() "
                      "expects\n  ${expected}\n(cmake/ErrspecGenerate.cmake lists each target's files)")
endif()
