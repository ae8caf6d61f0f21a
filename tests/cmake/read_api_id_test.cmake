# errspec_generate() reads api.id from the spec when CMake configures: the YAML shapes it must get
# right, and the ones it must refuse with a clear error rather than guess.
# Run as: cmake -DWORK_DIR=<scratch folder> -P read_api_id_test.cmake
set(module "${CMAKE_CURRENT_LIST_DIR}/../../cmake/ErrspecGenerate.cmake")
include("${module}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(spec "${WORK_DIR}/spec.yaml")

function(expect_api_id description expected yaml)
  file(WRITE "${spec}" "${yaml}")
  _errspec_read_api_id("${spec}" api_id)
  if(NOT api_id STREQUAL expected)
    message(FATAL_ERROR "${description}: read '${api_id}', expected '${expected}'")
  endif()
endfunction()

# A refusal is a configure error, so it runs in a CMake of its own. CMake wraps the message: a
# space in the pattern matches any run of spaces and newlines.
function(expect_refusal description error_pattern yaml)
  string(REPLACE " " "[ \n]+" error_pattern "${error_pattern}")
  file(WRITE "${spec}" "${yaml}")
  file(WRITE "${WORK_DIR}/read.cmake" "include(\"${module}\")\n_errspec_read_api_id(\"${spec}\" api_id)\n")
  execute_process(COMMAND "${CMAKE_COMMAND}" -P "${WORK_DIR}/read.cmake" RESULT_VARIABLE status ERROR_VARIABLE error)
  if(status EQUAL 0 OR NOT error MATCHES "${error_pattern}")
    message(FATAL_ERROR "${description}: expected an error matching '${error_pattern}', got:\n${error}")
  endif()
endfunction()

expect_api_id("plain" shop "errspec: 1\napi:\n  id: shop\n  name: Shop\n")
expect_api_id("quoted, commented, CRLF" shop "errspec: 1\r\napi:   # the API\r\n    id: \"shop\"  # stem\r\n")
expect_api_id("single-quoted after other keys" shop "api:\n  name: Shop\n  id: 'shop'\n")
expect_api_id("an anchor on api" shop "api: &the_api\n  id: shop\n")
expect_api_id("id: inside a block string and in other maps is not taken" shop
  "categories:\n  - id: auth\napi:\n  summary: |\n    id: wrong\n\n    [unclosed; text\\\n  id: shop\nerrors:\n  - id: 1\n")

expect_api_id("a one-line flow map" shop "errspec: 1\napi: {id: shop, name: Shop}\n")
expect_api_id("a flow map: id: inside quoted values is not taken" shop
  "api: {name: \"A, id: wrong\", summary: 'x, id: wrong', id: 'shop' }  # ok\n")
expect_api_id("a flow map: plain values with spaces" shop "api: {name: The Shop API, id: shop}\n")

expect_refusal("a flow map over several lines" "found no api.id" "errspec: 1\napi: {name: Shop,\n  id: shop}\n")
expect_refusal("no id in api" "found no api.id" "api:\n  name: Shop\nid: shop\n")
expect_refusal("an id that cannot name files" "spec.yaml:4: api.id '\\.\\./x' is not" "errspec: 1\n\napi:\n  id: ../x\n")
