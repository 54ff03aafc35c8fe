# SPDX-License-Identifier: MIT
# The downstream sample against the installed package (cmake -P):
#   1. install this build into a fresh prefix,
#   2. configure, build and test samples/downstream against it,
#   3. walk the image-test workflow: a failing test leaves actual, diff and
#      panel images; the accept target updates the baseline; the test passes,
#   4. build the sample once more with pkg-config instead of CMake, against
#      the shared library and against libshmplot.a.
# Inputs: BUILD_DIR, CONFIG, SAMPLE_DIR, WORK, FIXTURES, C_COMPILER,
# SANITIZE_FLAGS (empty unless shmplot was built with sanitizers).
cmake_minimum_required(VERSION 3.21)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  message("--- ${what}: exit ${rc}\n${out}${err}")
  set(run_rc "${rc}" PARENT_SCOPE)
  set(run_out "${out}${err}" PARENT_SCOPE)
endfunction()

function(must what)
  run("${what}" ${ARGN})
  if(NOT run_rc STREQUAL "0")
    message(FATAL_ERROR "downstream: ${what} failed")
  endif()
  set(run_out "${run_out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK}")
set(prefix "${WORK}/prefix")
set(src "${WORK}/src")
set(build "${WORK}/build")

set(cfg)
if(CONFIG)
  set(cfg --config "${CONFIG}")
endif()
must("install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" ${cfg})
file(COPY "${SAMPLE_DIR}/" DESTINATION "${src}")

# 3's extra test: a known one-pixel change against a known baseline.
file(MAKE_DIRECTORY "${src}/fixture")
file(COPY_FILE "${FIXTURES}/one-pixel.png" "${src}/fixture/changed.png")
file(COPY_FILE "${FIXTURES}/base.png" "${src}/baseline/workflow.png")
file(APPEND "${src}/CMakeLists.txt" "
shmplot_add_image_test(NAME workflow
  COMMAND \${CMAKE_COMMAND} -E copy \${CMAKE_CURRENT_SOURCE_DIR}/fixture/changed.png out.png
  OUTPUT out.png BASELINE baseline/workflow.png)
")

must("configure" "${CMAKE_COMMAND}" -S "${src}" -B "${build}"
     "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_C_COMPILER=${C_COMPILER}"
     "-DCMAKE_C_FLAGS=${SANITIZE_FLAGS}"
     "-DCMAKE_EXE_LINKER_FLAGS=${SANITIZE_FLAGS}")
must("build" "${CMAKE_COMMAND}" --build "${build}")
# The sample's baseline shows what the renderer drew when it was last
# reviewed; this test is about packaging, so a renderer change is reported
# here but not failed (the seed image tests catch it).
run("ctest damped" "${CMAKE_CTEST_COMMAND}" --test-dir "${build}"
    --output-on-failure -R "^damped$")
if(NOT run_rc STREQUAL "0")
  if(NOT run_out MATCHES "damped: DIFFERENT ")
    message(FATAL_ERROR "downstream: the damped image test did not run")
  endif()
  message(WARNING "samples/downstream/baseline/damped.png is stale: review "
    "${build}/shmplot-image-tests/damped/panel.png and copy actual.png from "
    "there over it")
  set(ENV{SHMPLOT_ACCEPT} "damped")
  must("accept damped" "${CMAKE_COMMAND}" --build "${build}"
       --target shmplot_accept_images)
  unset(ENV{SHMPLOT_ACCEPT})
endif()
must("ctest damped" "${CMAKE_CTEST_COMMAND}" --test-dir "${build}"
     --output-on-failure -R "^damped$")

run("ctest workflow (must fail)" "${CMAKE_CTEST_COMMAND}" --test-dir "${build}"
    --output-on-failure -R "^workflow$")
if(run_rc STREQUAL "0")
  message(FATAL_ERROR "downstream: a one-pixel change passed")
endif()
if(NOT run_out MATCHES "DIFFERENT size=120x80 pixels=1 ")
  message(FATAL_ERROR "downstream: no summary line in the test output")
endif()
set(tdir "${build}/shmplot-image-tests/workflow")
foreach(f actual.png diff.png panel.png result.txt FAILED)
  if(NOT EXISTS "${tdir}/${f}")
    message(FATAL_ERROR "downstream: the failed test left no ${tdir}/${f}")
  endif()
endforeach()
# Nothing changed the baseline by itself.
file(SHA256 "${src}/baseline/workflow.png" before)
file(SHA256 "${FIXTURES}/base.png" expected_before)
if(NOT before STREQUAL expected_before)
  message(FATAL_ERROR "downstream: the baseline changed without accept")
endif()

set(ENV{SHMPLOT_ACCEPT} "workflow")
must("accept" "${CMAKE_COMMAND}" --build "${build}" --target shmplot_accept_images)
unset(ENV{SHMPLOT_ACCEPT})
file(SHA256 "${src}/baseline/workflow.png" after)
file(SHA256 "${FIXTURES}/one-pixel.png" accepted)
if(NOT after STREQUAL accepted)
  message(FATAL_ERROR "downstream: accept did not copy actual.png")
endif()
must("ctest all (after accept)" "${CMAKE_CTEST_COMMAND}" --test-dir "${build}"
     --output-on-failure)

# pkg-config: the same program, built by hand. With nothing but shmplot's
# .pc file in sight, --cflags and --libs need no other package (the public
# headers include none); a static link of libshmplot.a takes its
# dependencies from --static alone.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_LIBDIR} "${prefix}/lib/pkgconfig")
must("pkg-config, shmplot alone" "${PKG_CONFIG}" --cflags --libs shmplot)
string(STRIP "${run_out}" flags)
if(NOT flags MATCHES "^-I[^ ]*/include -L[^ ]*/lib -lshmplot$")
  message(FATAL_ERROR "downstream: pkg-config --cflags --libs shmplot gave "
                      "'${flags}'")
endif()
unset(ENV{PKG_CONFIG_LIBDIR})
separate_arguments(flags UNIX_COMMAND "${flags}")
must("cc via pkg-config" "${C_COMPILER}" ${SANITIZE_FLAGS} "${src}/damped.c"
     -o "${WORK}/damped-pc" ${flags} -lm "-Wl,-rpath,${prefix}/lib")
must("run it" "${WORK}/damped-pc" "${WORK}/damped-pc.png")
must("diff it" "${prefix}/bin/shmplot" diff "${src}/baseline/damped.png"
     "${WORK}/damped-pc.png")
set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig")
must("pkg-config --static" "${PKG_CONFIG}" --static --cflags --libs shmplot)
string(STRIP "${run_out}" flags)
string(REPLACE "-lshmplot" "-l:libshmplot.a" flags "${flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")
must("cc static libshmplot.a" "${C_COMPILER}" ${SANITIZE_FLAGS}
     "${src}/damped.c" -o "${WORK}/damped-static" ${flags})
must("ldd static" ldd "${WORK}/damped-static")
if(run_out MATCHES "libshmplot")
  message(FATAL_ERROR "downstream: the static link still needs libshmplot.so")
endif()
must("run it" "${WORK}/damped-static" "${WORK}/damped-static.png")
must("diff it" "${prefix}/bin/shmplot" diff "${src}/baseline/damped.png"
     "${WORK}/damped-static.png")
message("downstream: all steps passed")
