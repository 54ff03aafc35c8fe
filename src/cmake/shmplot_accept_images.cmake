# SPDX-License-Identifier: MIT
# The explicit, reviewed baseline update (cmake -P; see
# ShmplotImageTest.cmake): for every image test under SHMPLOT_ROOT whose last
# run failed and left actual.png, copies actual.png over its baseline.
# SHMPLOT_ACCEPT (environment; names separated by commas or semicolons)
# limits it to those tests.
cmake_minimum_required(VERSION 3.21)

set(only "$ENV{SHMPLOT_ACCEPT}")
string(REPLACE "," ";" only "${only}")
file(GLOB dirs LIST_DIRECTORIES true "${SHMPLOT_ROOT}/*")
set(n 0)
foreach(d IN LISTS dirs)
  get_filename_component(name "${d}" NAME)
  if(only AND NOT name IN_LIST only)
    continue()
  endif()
  if(NOT EXISTS "${d}/FAILED" OR NOT EXISTS "${d}/actual.png"
     OR NOT EXISTS "${d}/baseline-path.txt")
    continue()
  endif()
  file(STRINGS "${d}/baseline-path.txt" baseline LIMIT_COUNT 1)
  get_filename_component(bdir "${baseline}" DIRECTORY)
  file(MAKE_DIRECTORY "${bdir}")
  file(COPY_FILE "${d}/actual.png" "${baseline}")
  file(REMOVE "${d}/FAILED")
  message(STATUS "accepted ${name}: ${d}/actual.png -> ${baseline}")
  math(EXPR n "${n} + 1")
endforeach()
foreach(name IN LISTS only)
  if(NOT EXISTS "${SHMPLOT_ROOT}/${name}/baseline-path.txt")
    message(WARNING "SHMPLOT_ACCEPT names '${name}', which is not an image test")
  endif()
endforeach()
message(STATUS "${n} baseline(s) updated; review and commit them")
