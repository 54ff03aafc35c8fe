# SPDX-License-Identifier: MIT
# One CMake minimum version (cmake -P): the top-level cmake_minimum_required,
# the presets' cmakeMinimumRequired, every script and project of the source
# tree and every file an install puts under lib/cmake/shmplot must name the
# same version, and the installed config refuses an older CMake.
# Inputs: SOURCE_DIR, BUILD_DIR, WORK, CONFIG.
cmake_minimum_required(VERSION 3.21)

file(STRINGS "${SOURCE_DIR}/CMakeLists.txt" top
     REGEX "^cmake_minimum_required\\(VERSION [0-9.]+\\)")
string(REGEX REPLACE ".*VERSION ([0-9.]+).*" "\\1" want "${top}")
if(NOT want MATCHES "^[0-9]+\\.[0-9]+$")
  message(FATAL_ERROR "cmake_minimum: no minimum in CMakeLists.txt: '${top}'")
endif()

file(READ "${SOURCE_DIR}/CMakePresets.json" presets)
string(JSON major GET "${presets}" cmakeMinimumRequired major)
string(JSON minor GET "${presets}" cmakeMinimumRequired minor)
if(NOT "${major}.${minor}" VERSION_EQUAL want)
  message(FATAL_ERROR "cmake_minimum: CMakePresets.json asks ${major}.${minor}, "
                      "CMakeLists.txt ${want}")
endif()

file(REMOVE_RECURSE "${WORK}")
set(cfg)
if(CONFIG)
  set(cfg --config "${CONFIG}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}"
                --prefix "${WORK}/prefix" ${cfg} OUTPUT_QUIET
                RESULT_VARIABLE rc)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "cmake_minimum: install failed")
endif()
file(GLOB_RECURSE files "${SOURCE_DIR}/*.cmake" "${SOURCE_DIR}/*.cmake.in"
     "${SOURCE_DIR}/CMakeLists.txt" "${WORK}/prefix/*.cmake")
set(n 0)
foreach(f ${files})
  if(f MATCHES "^${BUILD_DIR}/|/build[^/]*/|/\\.git/")
    continue()
  endif()
  file(STRINGS "${f}" lines REGEX "cmake_minimum_required\\(VERSION")
  foreach(l ${lines})
    if(l MATCHES "^[ \t]*#")
      continue()
    endif()
    math(EXPR n "${n} + 1")
    if(NOT l MATCHES "VERSION ${want}\\)")
      message(FATAL_ERROR "cmake_minimum: ${f}: '${l}', not ${want}")
    endif()
  endforeach()
endforeach()
file(READ "${WORK}/prefix/lib/cmake/shmplot/shmplotConfig.cmake" config)
if(NOT config MATCHES "VERSION_LESS ${want}\\)")
  message(FATAL_ERROR "cmake_minimum: the installed config does not check "
                      "for CMake ${want}")
endif()
message("cmake_minimum: ${n} declarations, all ${want}")
