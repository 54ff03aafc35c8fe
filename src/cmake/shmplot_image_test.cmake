# SPDX-License-Identifier: MIT
# Runs one shmplot_add_image_test() test (cmake -P; see ShmplotImageTest.cmake).
# Inputs: SHMPLOT_TEST_NAME, SHMPLOT_DIFF, SHMPLOT_OUTPUT, SHMPLOT_BASELINE,
# SHMPLOT_DIR, SHMPLOT_WORKDIR, SHMPLOT_MAX_DELTA, SHMPLOT_MAX_PIXELS,
# SHMPLOT_AA (empty: not given); the command after "--".
cmake_minimum_required(VERSION 3.21)

set(cmd)
set(take OFF)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(take)
    list(APPEND cmd "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
    set(take ON)
  endif()
endforeach()

set(dir "${SHMPLOT_DIR}")
set(actual "${dir}/actual.png")
set(accept_how "cmake --build <build dir> --target shmplot_accept_images (SHMPLOT_ACCEPT=${SHMPLOT_TEST_NAME} limits it to this test)")

# Nothing from an earlier run may decide this one.
file(REMOVE "${actual}" "${dir}/diff.png" "${dir}/panel.png"
     "${dir}/result.txt" "${dir}/FAILED" "${SHMPLOT_OUTPUT}")
file(MAKE_DIRECTORY "${dir}" "${SHMPLOT_WORKDIR}")

function(fail why)
  file(WRITE "${dir}/FAILED" "${why}\n")
  message(FATAL_ERROR "${SHMPLOT_TEST_NAME}: ${why}")
endfunction()

execute_process(COMMAND ${cmd} WORKING_DIRECTORY "${SHMPLOT_WORKDIR}"
                RESULT_VARIABLE rc)
if(NOT rc STREQUAL "0")
  fail("the command failed (${rc}): ${cmd}")
endif()
if(NOT EXISTS "${SHMPLOT_OUTPUT}")
  fail("the command did not write ${SHMPLOT_OUTPUT}")
endif()
file(COPY_FILE "${SHMPLOT_OUTPUT}" "${actual}")

set(tolerance)
foreach(opt DELTA PIXELS)
  if(NOT "${SHMPLOT_MAX_${opt}}" STREQUAL "")
    string(TOLOWER "${opt}" o)
    list(APPEND tolerance "--max-${o}=${SHMPLOT_MAX_${opt}}")
  endif()
endforeach()
if(SHMPLOT_AA)
  list(APPEND tolerance "--aa=${SHMPLOT_AA}")
endif()
execute_process(
  COMMAND "${SHMPLOT_DIFF}" diff ${tolerance}
          --diff-out "${dir}/diff.png" --panel-out "${dir}/panel.png"
          -- "${SHMPLOT_BASELINE}" "${actual}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE line ERROR_VARIABLE err)
string(STRIP "${line}" line)
file(WRITE "${dir}/result.txt" "${line}\n${err}")
message("${SHMPLOT_TEST_NAME}: ${line}")
if(err)
  message("${err}")
endif()

if(rc STREQUAL "0")
  if(line MATCHES "note=tolerance-unused")
    if("$ENV{SHMPLOT_STRICT_TOLERANCE}" STREQUAL "1")
      fail("the images are identical: remove MAX_DELTA/MAX_PIXELS/AA")
    endif()
    message(WARNING "${SHMPLOT_TEST_NAME}: the images are identical; "
      "the declared tolerance is not needed: remove it")
  endif()
  file(REMOVE "${actual}" "${dir}/diff.png" "${dir}/panel.png")
  return()
endif()

# Failed: leave the pictures, and tell CDash about them.
foreach(img actual diff panel)
  if(EXISTS "${dir}/${img}.png")
    message("<DartMeasurementFile name=\"${img}\" type=\"image/png\">${dir}/${img}.png</DartMeasurementFile>")
  endif()
endforeach()
if(rc STREQUAL "3")
  fail("no baseline ${SHMPLOT_BASELINE}; review the new image ${actual}, then accept it with: ${accept_how}")
elseif(rc STREQUAL "1" OR rc STREQUAL "2")
  fail("differs from ${SHMPLOT_BASELINE}; see ${dir}/panel.png (and actual.png, diff.png). If the change is intended, accept it with: ${accept_how}")
else()
  fail("shmplot diff failed (${rc}): ${err}")
endif()
