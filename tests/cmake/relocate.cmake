# SPDX-License-Identifier: MIT
# An installed shmplot that is moved elsewhere still works (cmake -P):
#   1. install this build into a prefix; no file under lib/, bin/ or
#      libexec/ holds the build or source directory (strings),
#   2. move the prefix; a multithreaded caller (which makes the library
#      spawn shmplot-worker) linked against the moved library renders, and
#      so does the moved `shmplot render`,
#   3. without the moved worker, the caller fails naming the path the
#      library looked for: the worker came from the moved prefix.
# Inputs: BUILD_DIR, SOURCE_DIR, CONFIG, WORK, C_COMPILER, CALLER (source),
# SANITIZE_FLAGS (empty unless shmplot was built with sanitizers).
cmake_minimum_required(VERSION 3.21)

function(must what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  message("--- ${what}: exit ${rc}\n${out}${err}")
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "relocate: ${what} failed")
  endif()
  set(run_out "${out}${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK}")
set(first "${WORK}/first")
set(moved "${WORK}/elsewhere/moved")
set(cfg)
if(CONFIG)
  set(cfg --config "${CONFIG}")
endif()
must("install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${first}" ${cfg})

# 1. no build path in what was installed (not for a sanitizer build:
# AddressSanitizer's metadata names every instrumented source file, and
# such a build is a test build, never one that is installed as a package)
find_program(STRINGS strings REQUIRED)
file(GLOB_RECURSE installed LIST_DIRECTORIES false "${first}/lib/*.so*"
     "${first}/lib/*.a" "${first}/bin/*" "${first}/libexec/*")
list(LENGTH installed n)
if(n LESS 4)
  message(FATAL_ERROR "relocate: only ${n} files installed: ${installed}")
endif()
if(SANITIZE_FLAGS)
  set(installed_checked "")
  message("relocate: sanitizer build, the build-path check is skipped")
else()
  set(installed_checked ${installed})
endif()
foreach(f ${installed_checked})
  execute_process(COMMAND "${STRINGS}" -a "${f}" OUTPUT_VARIABLE s)
  foreach(dir "${BUILD_DIR}" "${SOURCE_DIR}")
    string(FIND "${s}" "${dir}" at)
    if(NOT at EQUAL -1)
      string(SUBSTRING "${s}" ${at} 120 what)
      message(FATAL_ERROR "relocate: ${f} holds the build path ${dir}: ${what}")
    endif()
  endforeach()
endforeach()
if(NOT SANITIZE_FLAGS)
  message("relocate: ${n} installed files, no build path in any")
endif()

# 2. moved, it still renders, from a threaded caller too
file(MAKE_DIRECTORY "${WORK}/elsewhere")
file(RENAME "${first}" "${moved}")
file(GLOB libdir LIST_DIRECTORIES true "${moved}/lib*")
must("cc threaded_caller" "${C_COMPILER}" ${SANITIZE_FLAGS} "${CALLER}"
     -o "${WORK}/threaded_caller" "-I${moved}/include" "-L${moved}/lib"
     -lshmplot -pthread "-Wl,-rpath,${moved}/lib")
unset(ENV{SHMPLOT_WORKER})
must("threaded caller" "${WORK}/threaded_caller" "${WORK}/b.png")
if(NOT run_out MATCHES "threaded_caller: 2 figures")
  message(FATAL_ERROR "relocate: the threaded caller did not render")
endif()
must("moved shmplot render" "${moved}/bin/shmplot" render -q -o "${WORK}/seed")
if(NOT EXISTS "${WORK}/seed/figure3.png")
  message(FATAL_ERROR "relocate: the moved shmplot wrote no figure3.png")
endif()

# 3. the worker the caller ran was the moved prefix's
file(RENAME "${moved}/libexec/shmplot/shmplot-worker" "${WORK}/worker.away")
execute_process(COMMAND "${WORK}/threaded_caller" "${WORK}/c.png"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("--- without the worker: exit ${rc}\n${out}${err}")
if(rc STREQUAL "0" OR NOT err MATCHES "${moved}/lib/[./]*libexec/shmplot/shmplot-worker")
  message(FATAL_ERROR "relocate: without its worker the moved install did "
                      "not fail naming ${moved}/libexec/shmplot/shmplot-worker")
endif()
message("relocate: all steps passed")
