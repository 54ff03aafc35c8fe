# SPDX-License-Identifier: MIT
# shmplot_add_image_test(): CTest image-diff tests with `shmplot diff`.
#
# Installed with the package (find_package(shmplot CONFIG) includes it) and
# included directly by shmplot's own build, so both run the same code.
#
#   shmplot_add_image_test(NAME <name>
#                          COMMAND <command> [<arg>...]
#                          OUTPUT <png written by the command>
#                          BASELINE <reviewed png>
#                          [MAX_DELTA <0-255>] [MAX_PIXELS <n>]
#                          [AA report|forgive]
#                          [WORKING_DIRECTORY <dir>] [TIMEOUT <seconds>]
#                          [LABELS <label>...])
#
# The test runs COMMAND in WORKING_DIRECTORY (default: the test's folder,
# below), expects it to write OUTPUT (relative paths are relative to the
# working directory), and compares OUTPUT with BASELINE (relative paths are
# relative to the current source directory). Exact unless MAX_DELTA or
# MAX_PIXELS is given; see `shmplot diff --help` for what they mean.
# A target name as the first word of COMMAND runs that target's file.
#
# Every test has its own folder,
#   ${SHMPLOT_IMAGE_TEST_ROOT}/<name>/   (default root: <build>/shmplot-image-tests)
# which after a failure holds actual.png, diff.png, panel.png and result.txt
# (after a pass it holds result.txt only).
#
# Baselines change only when you ask:
#   cmake --build <build> --target shmplot_accept_images
# copies actual.png over the baseline for every image test whose last run
# failed (SHMPLOT_ACCEPT=name1,name2 in the environment limits it to those
# tests). Review panel.png first; nothing else ever writes a baseline.
#
# Variables read:
#   SHMPLOT_IMAGE_TEST_ROOT  folder of the per-test folders
#   SHMPLOT_DIFF_EXECUTABLE  the shmplot program; default: the target
#                            shmplot::shmplot_cli (installed package) or
#                            shmplot_cli (shmplot's own build)
# Environment at test time:
#   SHMPLOT_STRICT_TOLERANCE=1  fail a test whose declared tolerance was not
#                               needed (the images were identical); without
#                               it the test passes with a warning.

include_guard(GLOBAL)

set(_SHMPLOT_IMAGE_TEST_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}")

function(_shmplot_image_test_diff_exe out)
  if(SHMPLOT_DIFF_EXECUTABLE)
    set(${out} "${SHMPLOT_DIFF_EXECUTABLE}" PARENT_SCOPE)
  elseif(TARGET shmplot::shmplot_cli)
    set(${out} "$<TARGET_FILE:shmplot::shmplot_cli>" PARENT_SCOPE)
  elseif(TARGET shmplot_cli)
    set(${out} "$<TARGET_FILE:shmplot_cli>" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "shmplot_add_image_test: no shmplot program: "
      "find_package(shmplot CONFIG) first, or set SHMPLOT_DIFF_EXECUTABLE")
  endif()
endfunction()

function(shmplot_add_image_test)
  cmake_parse_arguments(PARSE_ARGV 0 A ""
    "NAME;OUTPUT;BASELINE;MAX_DELTA;MAX_PIXELS;AA;WORKING_DIRECTORY;TIMEOUT"
    "COMMAND;LABELS")
  if(A_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "shmplot_add_image_test: unknown arguments: ${A_UNPARSED_ARGUMENTS}")
  endif()
  foreach(req NAME COMMAND OUTPUT BASELINE)
    if(NOT A_${req})
      message(FATAL_ERROR "shmplot_add_image_test: ${req} is required")
    endif()
  endforeach()
  if(NOT A_NAME MATCHES "^[A-Za-z0-9_.+-]+$")
    message(FATAL_ERROR "shmplot_add_image_test: NAME '${A_NAME}' may only "
      "hold letters, digits and _ . + - (it names a folder)")
  endif()
  if(DEFINED A_MAX_DELTA AND NOT A_MAX_DELTA MATCHES "^[0-9]+$")
    message(FATAL_ERROR "shmplot_add_image_test(${A_NAME}): MAX_DELTA "
      "'${A_MAX_DELTA}' is not a number from 0 to 255")
  endif()
  if(DEFINED A_MAX_PIXELS AND NOT A_MAX_PIXELS MATCHES "^[0-9]+$")
    message(FATAL_ERROR "shmplot_add_image_test(${A_NAME}): MAX_PIXELS "
      "'${A_MAX_PIXELS}' is not a non-negative integer")
  endif()
  if(DEFINED A_AA AND NOT A_AA MATCHES "^(report|forgive)$")
    message(FATAL_ERROR "shmplot_add_image_test(${A_NAME}): AA must be "
      "report or forgive")
  endif()

  if(SHMPLOT_IMAGE_TEST_ROOT)
    set(root "${SHMPLOT_IMAGE_TEST_ROOT}")
  else()
    set(root "${CMAKE_BINARY_DIR}/shmplot-image-tests")
  endif()
  set(dir "${root}/${A_NAME}")
  if(A_WORKING_DIRECTORY)
    get_filename_component(work "${A_WORKING_DIRECTORY}" ABSOLUTE
                           BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  else()
    set(work "${dir}/work")
  endif()
  get_filename_component(output "${A_OUTPUT}" ABSOLUTE BASE_DIR "${work}")
  get_filename_component(baseline "${A_BASELINE}" ABSOLUTE
                         BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  _shmplot_image_test_diff_exe(diff_exe)

  set(cmd ${A_COMMAND})
  list(GET cmd 0 first)
  if(TARGET "${first}")
    list(REMOVE_AT cmd 0)
    list(PREPEND cmd "$<TARGET_FILE:${first}>")
  endif()

  # The accept step finds each test's baseline here.
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${dir}/baseline-path.txt" "${baseline}\n")

  add_test(NAME ${A_NAME}
    COMMAND "${CMAKE_COMMAND}"
      "-DSHMPLOT_TEST_NAME=${A_NAME}"
      "-DSHMPLOT_DIFF=${diff_exe}"
      "-DSHMPLOT_OUTPUT=${output}"
      "-DSHMPLOT_BASELINE=${baseline}"
      "-DSHMPLOT_DIR=${dir}"
      "-DSHMPLOT_WORKDIR=${work}"
      "-DSHMPLOT_MAX_DELTA=${A_MAX_DELTA}"
      "-DSHMPLOT_MAX_PIXELS=${A_MAX_PIXELS}"
      "-DSHMPLOT_AA=${A_AA}"
      -P "${_SHMPLOT_IMAGE_TEST_SCRIPTS}/shmplot_image_test.cmake"
      -- ${cmd})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 120)
  endif()
  set_tests_properties(${A_NAME} PROPERTIES
    TIMEOUT ${A_TIMEOUT}
    LABELS "image;${A_LABELS}"
    ATTACHED_FILES_ON_FAIL "${dir}/panel.png;${dir}/diff.png")

  if(NOT TARGET shmplot_accept_images)
    add_custom_target(shmplot_accept_images
      COMMAND "${CMAKE_COMMAND}" "-DSHMPLOT_ROOT=${root}"
              -P "${_SHMPLOT_IMAGE_TEST_SCRIPTS}/shmplot_accept_images.cmake"
      COMMENT "Copying reviewed actual images over their baselines"
      VERBATIM USES_TERMINAL)
  endif()
endfunction()
