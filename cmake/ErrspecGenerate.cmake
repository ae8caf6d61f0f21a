# errspec_generate(): errspec as a build step. Included by errspec's own CMakeLists.txt (so it is
# there after add_subdirectory) and by the installed errspecConfig.cmake (after find_package).
#
#   errspec_generate(<name> SPEC <file> TARGETS <target>... [OUTPUT_DIR <dir>] [TEMPLATES <dir>]
#                    [FRONT_MATTER])
#
# Generates the files of every listed errspec target from SPEC into OUTPUT_DIR (default
# ${CMAKE_CURRENT_BINARY_DIR}/<name>). When `cpp` or `cpp-client` is listed, <name> is a static
# library of the generated C++ code with OUTPUT_DIR as its include directory; otherwise <name> is
# a custom target, part of `all`. docs/cmake.md is the full reference.
include_guard(GLOBAL)
# The function keeps these policies wherever it is called from: CMP0116 (3.20) makes Ninja read the
# depfile's absolute paths correctly, and Make supports DEPFILE from 3.20 on.
cmake_policy(VERSION 3.20...3.25)

# Output file names start with the spec's api.id, and CMake must know them when it configures,
# before anything is built. Asking the generator would be exact, but with add_subdirectory (and in
# errspec's own build) the generator is built by this very build and cannot run yet. So the id is
# read here, from the spec's top-level `api:` map in the two shapes specs use: a block map, where
# `id:` counts only at the indentation of the map's first entry (never inside a multi-line string
# or another map), or a one-line flow map `api: {id: shop, name: Shop}`, read pair by pair (never
# inside a quoted value). Anything else is a configure error that says so, never a guess. The
# generator still checks the id itself when it runs.
function(_errspec_read_api_id spec out_var)
  file(READ "${spec}" text)
  # Only keys and the id matter here; neutralise what CMake lists treat specially, then split.
  string(REGEX REPLACE "[][;\\\r]" "_" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(quoted "\"[^\"]*\"|'[^']*'")
  set(in_api FALSE)
  set(entry_indent "")
  set(line_number 0)
  set(api_id "")
  foreach(line IN LISTS lines)
    math(EXPR line_number "${line_number} + 1")
    if(NOT in_api)
      if(line MATCHES "^api:[ \t]*(&[^ \t]+[ \t]*)?{(.*)}[ \t]*(#.*)?$")
        set(pairs "${CMAKE_MATCH_2}")
        while(pairs MATCHES "^[ \t]*([A-Za-z_]+)[ \t]*:[ \t]*(${quoted}|[^,]*),?(.*)$")
          if(CMAKE_MATCH_1 STREQUAL "id")
            set(api_id "${CMAKE_MATCH_2}")
            break()
          endif()
          set(pairs "${CMAKE_MATCH_3}")
        endwhile()
        break()
      elseif(line MATCHES "^api:[ \t]*(&[^ \t]+)?[ \t]*(#.*)?$")
        set(in_api TRUE)
      endif()
      continue()
    endif()
    if(line MATCHES "^[ \t]*(#.*)?$")
      continue()
    endif()
    if(NOT line MATCHES "^( +)")
      break()  # the next top-level key: the api map has ended
    endif()
    if(entry_indent STREQUAL "")
      set(entry_indent "${CMAKE_MATCH_1}")
    endif()
    if(line MATCHES "^${entry_indent}id:[ \t]*(${quoted}|[^ \t#]*)[ \t]*(#.*)?$")
      set(api_id "${CMAKE_MATCH_1}")
      break()
    endif()
  endforeach()
  if(api_id STREQUAL "")
    message(FATAL_ERROR "${spec}: errspec_generate found no api.id. It reads the id when CMake "
                        "configures (the generated files are named after it) and expects it as\n"
                        "  api:\n    id: <id>\nor\n  api: {id: <id>, ...}\n")
  endif()
  string(STRIP "${api_id}" api_id)
  if(api_id MATCHES "^\"(.*)\"$|^'(.*)'$")
    set(api_id "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
  endif()
  if(NOT api_id MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "${spec}:${line_number}: api.id '${api_id}' is not [a-z][a-z0-9_]*; "
                        "`errspec check ${spec}` lists every problem of the spec")
  endif()
  set(${out_var} "${api_id}" PARENT_SCOPE)
endfunction()

# The files errspec writes for `targets`, named after `api_id`, in three lists: the C++ sources and
# headers of the library, and the other files (a shared file only for the first call that writes
# it into `output_dir`). The names are those of generator/targets.cpp; the cmake_target_files test
# checks that the two agree.
function(_errspec_outputs targets api_id output_dir sources_var headers_var others_var)
  # `cpp-client`'s handler stub is a starting point to copy, not part of the library.
  set(cpp_sources "_errors.cpp")
  set(cpp_headers "_errors.hpp")
  set(cpp-client_sources "_client.cpp")
  set(cpp-client_headers "_client.hpp")
  set(cpp-client_others "_handlers.stub.cpp")
  set(markdown_others "-errors.md")
  set(html_others "-errors.html")
  set(typescript_others "-errors.ts")
  set(typescript_shared "errspec-runtime.ts")  # one file for every API: named without the api id
  set(openapi_others "-errors.openapi.yaml")
  set(known_targets cpp cpp-client markdown html typescript openapi)
  set(sources "")
  set(headers "")
  set(others "")
  foreach(target IN LISTS targets)
    if(NOT target IN_LIST known_targets)
      string(REPLACE ";" ", " known "${known_targets}")
      message(FATAL_ERROR "errspec_generate: unknown target '${target}'; the targets are ${known}")
    endif()
    foreach(kind sources headers others)
      foreach(suffix IN LISTS ${target}_${kind})
        list(APPEND ${kind} "${output_dir}/${api_id}${suffix}")
      endforeach()
    endforeach()
    # A file every API shares: APIs generated into one folder write the same bytes, but a build
    # system lets one step only declare a file, so the first call for the folder claims it.
    foreach(name IN LISTS ${target}_shared)
      get_property(claimed GLOBAL PROPERTY "errspec_claimed:${output_dir}/${name}")
      if(NOT claimed)
        set_property(GLOBAL PROPERTY "errspec_claimed:${output_dir}/${name}" TRUE)
        list(APPEND others "${output_dir}/${name}")
      endif()
    endforeach()
  endforeach()
  set(${sources_var} "${sources}" PARENT_SCOPE)
  set(${headers_var} "${headers}" PARENT_SCOPE)
  set(${others_var} "${others}" PARENT_SCOPE)
endfunction()

function(errspec_generate name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "FRONT_MATTER" "SPEC;OUTPUT_DIR;TEMPLATES" "TARGETS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "errspec_generate(${name}): unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SPEC OR NOT arg_TARGETS)
    message(FATAL_ERROR "errspec_generate(${name}): SPEC and TARGETS are required")
  endif()
  if(NOT TARGET errspec::errspec)
    message(FATAL_ERROR "errspec_generate(${name}): no errspec::errspec generator; call "
                        "find_package(errspec CONFIG REQUIRED) or add_subdirectory(<errspec>) first")
  endif()

  if("cpp-client" IN_LIST arg_TARGETS AND NOT "cpp" IN_LIST arg_TARGETS)
    message(FATAL_ERROR "errspec_generate(${name}): the cpp-client code includes the cpp target's header; "
                        "list both: TARGETS cpp cpp-client")
  endif()

  # Inputs relative to the source folder, outputs relative to the build folder, as CMake's own
  # commands resolve them.
  get_filename_component(spec "${arg_SPEC}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${spec}")
    message(FATAL_ERROR "errspec_generate(${name}): no spec file ${spec}")
  endif()
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${name}")
  endif()
  get_filename_component(output_dir "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  _errspec_read_api_id("${spec}" api_id)
  # A changed api.id renames every output: configure again whenever the spec changes.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${spec}")

  _errspec_outputs("${arg_TARGETS}" "${api_id}" "${output_dir}" sources headers others)

  set(bookkeeping "${CMAKE_CURRENT_BINARY_DIR}/${name}.errspec")
  set(templates_args "")
  set(templates_manifest "")
  if(arg_TEMPLATES)
    get_filename_component(templates_dir "${arg_TEMPLATES}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    set(templates_args --templates "${templates_dir}")
    # The depfile names the override templates the generator read, so editing one regenerates. A
    # file added to (or removed from) the folder overrides a built-in template it did not read:
    # the glob notices, configure rewrites this list, and the changed list regenerates.
    file(GLOB_RECURSE override_templates CONFIGURE_DEPENDS "${templates_dir}/*.mustache")
    set(templates_manifest "${bookkeeping}.templates")
    string(REPLACE ";" "\n" manifest_text "${override_templates}")
    file(CONFIGURE OUTPUT "${templates_manifest}" CONTENT "${manifest_text}\n")
  endif()

  # The generator rewrites only outputs whose bytes change. With the outputs as OUTPUT, Ninja
  # (restat) would skip recompiling untouched ones, but Make would rerun the command on every build
  # because their mtimes never move past the spec's. So, for both generators, OUTPUT is a stamp the
  # command touches, the outputs are BYPRODUCTS, and the depfile names the stamp. The command reruns
  # whenever an input's mtime moves (a checkout, a touch) even if no byte did; the run cache then
  # makes it a few milliseconds.
  set(front_matter_args "")
  if(arg_FRONT_MATTER)
    set(front_matter_args --front-matter)
  endif()
  set(stamp "${bookkeeping}.stamp")
  list(JOIN arg_TARGETS "," target_list)
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${sources} ${headers} ${others}
    COMMAND errspec::errspec generate "${spec}" -o "${output_dir}" --target "${target_list}" ${templates_args} ${front_matter_args}
            --depfile "${bookkeeping}.d" --depfile-target "${stamp}" --cache "${bookkeeping}.cache"
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    # The generator itself is an input: a new errspec (its built-in templates) may write new code.
    DEPENDS "${spec}" "$<TARGET_FILE:errspec::errspec>" ${templates_manifest}
    DEPFILE "${bookkeeping}.d"
    COMMENT "errspec: generating ${target_list} for ${name} from ${arg_SPEC}"
    VERBATIM)

  if(sources)
    # The stamp as a source attaches the command to the library: with Make, byproducts do not.
    add_library(${name} STATIC ${sources} ${headers} "${stamp}")
    target_include_directories(${name} PUBLIC "${output_dir}")
    target_compile_features(${name} PUBLIC cxx_std_17)
    # Generated C++ holds only each API's tables: the errspec runtime does the rest.
    target_link_libraries(${name} PUBLIC errspec::runtime)
  else()
    add_custom_target(${name} ALL DEPENDS "${stamp}")
  endif()
endfunction()
