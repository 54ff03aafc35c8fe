# Image-diff tests: the PNG reader, the diff library, the `shmplot diff` CLI
# and the CMake helper. Included from tests/CMakeLists.txt after cmocka is
# found.
find_package(ZLIB REQUIRED)

# test_pngread exercises private functions, so it links the static library
# the runtime tests use (its include path has src/ and render/).
add_executable(test_pngread ${CMAKE_CURRENT_LIST_DIR}/test_pngread.c)
target_link_libraries(test_pngread PRIVATE shmplot_testhooks PkgConfig::CMOCKA
                      ZLIB::ZLIB)
target_compile_options(test_pngread PRIVATE ${SHMPLOT_WARNINGS})
add_test(NAME pngread COMMAND test_pngread)
set_tests_properties(pngread PROPERTIES TIMEOUT 60 LABELS "diff")

# test_png: the encoder (src/png.c), checked through the reader above.
add_executable(test_png ${CMAKE_CURRENT_LIST_DIR}/test_png.c)
target_link_libraries(test_png PRIVATE shmplot_testhooks PkgConfig::CMOCKA)
target_compile_options(test_png PRIVATE ${SHMPLOT_WARNINGS})
add_test(NAME png COMMAND test_png)
set_tests_properties(png PROPERTIES TIMEOUT 60)

# test_imgdiff uses only the public API; it draws its images with cairo.
add_executable(test_imgdiff ${CMAKE_CURRENT_LIST_DIR}/test_imgdiff.c)
target_link_libraries(test_imgdiff PRIVATE shmplot PkgConfig::CMOCKA
                      PkgConfig::CAIRO PNG::PNG)
target_compile_options(test_imgdiff PRIVATE ${SHMPLOT_WARNINGS})
add_test(NAME imgdiff COMMAND test_imgdiff)
set_tests_properties(imgdiff PROPERTIES TIMEOUT 60 LABELS "diff")

# --- `shmplot diff` CLI ------------------------------------------------------
# test_imgdiff --fixtures writes the same images as the unit tests as files.
set(_fx ${CMAKE_CURRENT_BINARY_DIR}/diff-fixtures)
add_test(NAME diff_cli_fixtures COMMAND test_imgdiff --fixtures ${_fx})
set_tests_properties(diff_cli_fixtures PROPERTIES TIMEOUT 30
                     FIXTURES_SETUP shmplot_diff_images LABELS "diff")

# shmplot_diff_cli_test(<name> <exit status> [OUT re] [ERR re] [NOT_OUT re]
#                       [EXISTS files] [MISSING files] ARGS <diff args...>)
function(shmplot_diff_cli_test name rc)
  cmake_parse_arguments(PARSE_ARGV 2 T "" "OUT;ERR;NOT_OUT"
                        "EXISTS;MISSING;ARGS")
  set(defs -DRC=${rc})
  foreach(k OUT ERR NOT_OUT EXISTS MISSING)
    if(DEFINED T_${k})
      string(REPLACE ";" "\\;" v "${T_${k}}")
      list(APPEND defs "-D${k}=${v}")
    endif()
  endforeach()
  add_test(NAME diff_cli_${name}
    COMMAND ${CMAKE_COMMAND} ${defs}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/data/diff/expect.cmake
            -- $<TARGET_FILE:shmplot_cli> diff ${T_ARGS}
    WORKING_DIRECTORY ${_fx})
  set_tests_properties(diff_cli_${name} PROPERTIES TIMEOUT 30
                       FIXTURES_REQUIRED shmplot_diff_images LABELS "diff")
endfunction()

set(_num "[0-9]+")
shmplot_diff_cli_test(identical 0 ARGS base.png base.png
  OUT "^IDENTICAL size=120x80 pixels=0 aa=0 counted=0 max_delta=0 bbox=0,0,0x0 densest=0@0,0/8 rms=0.0000 tolerance=0,0,report\n$")
shmplot_diff_cli_test(metadata_only 0 ARGS base.png base-metadata.png
  OUT "^IDENTICAL size=120x80 pixels=0 ")
shmplot_diff_cli_test(identical_with_tolerance 0
  ARGS base.png base.png --max-delta 3
  OUT "^IDENTICAL .* tolerance=3,any,report note=tolerance-unused\n$")
shmplot_diff_cli_test(identical_json 0 ARGS --json base.png base-metadata.png
  OUT "^{\"version\":1,.*\"verdict\":\"identical\".*\"same_bytes\":false")
shmplot_diff_cli_test(one_pixel 1 ARGS base.png one-pixel.png
  OUT "^DIFFERENT size=120x80 pixels=1 aa=0 counted=1 max_delta=55 bbox=17,10,1x1 densest=1@")
shmplot_diff_cli_test(one_pixel_tolerated 0
  ARGS base.png one-pixel.png --max-pixels 1
  OUT "^WITHIN-TOLERANCE .* tolerance=255,1,report\n$")
shmplot_diff_cli_test(one_pixel_delta_too_small 1
  ARGS base.png one-pixel.png --max-delta=54
  OUT "^DIFFERENT ")
shmplot_diff_cli_test(one_pixel_both_gates 1
  ARGS base.png one-pixel.png --max-delta 55 --max-pixels 0
  OUT "^DIFFERENT ")
shmplot_diff_cli_test(one_pixel_json 1 ARGS base.png one-pixel.png --json
  OUT "\"verdict\":\"different\".*\"diff_pixels\":1,.*\"bbox\":{\"x\":17,\"y\":10,\"width\":1,\"height\":1}")
shmplot_diff_cli_test(missing_marker 1 ARGS base.png no-marker.png
  OUT "^DIFFERENT size=120x80 pixels=25 aa=0 counted=25 max_delta=255 bbox=90,60,5x5 densest=25@")
shmplot_diff_cli_test(missing_marker_aa_forgive 1
  ARGS base.png no-marker.png --aa forgive OUT "^DIFFERENT ")
shmplot_diff_cli_test(shift_exact 1 ARGS base.png shifted.png
  OUT "^DIFFERENT ")
shmplot_diff_cli_test(shift_aa_forgive 0
  ARGS base.png shifted.png --aa forgive --max-pixels 100
  OUT "^WITHIN-TOLERANCE ")
shmplot_diff_cli_test(line_width_exact 1 ARGS base.png thin.png
  OUT "^DIFFERENT .* aa=0 ")
shmplot_diff_cli_test(line_width_aa_forgive 1
  ARGS base.png thin.png --aa forgive --max-pixels 100 OUT "^DIFFERENT ")
shmplot_diff_cli_test(size_mismatch 2 ARGS base.png narrow.png
  OUT "^SIZE-MISMATCH size=120x80/119x80\n$")
shmplot_diff_cli_test(missing_expected 3 ARGS missing.png base.png
  ERR "^shmplot diff: missing.png: cannot open: No such file")
shmplot_diff_cli_test(missing_actual 65 ARGS base.png missing.png
  ERR "^shmplot diff: missing.png: cannot open")
shmplot_diff_cli_test(corrupt 65 ARGS base.png corrupt.png
  ERR "^shmplot diff: corrupt.png: corrupt PNG: ")
shmplot_diff_cli_test(truncated 65 ARGS truncated.png base.png
  ERR "^shmplot diff: truncated.png: corrupt PNG: file is truncated")
shmplot_diff_cli_test(not_png 65 ARGS base.png not-a-png.png
  ERR "^shmplot diff: not-a-png.png: not a PNG file")
shmplot_diff_cli_test(missing_json 3 ARGS --json missing.png base.png
  OUT "\"error\":{\"input\":\"expected\"")
shmplot_diff_cli_test(usage_no_args 64 ERR "needs EXPECTED.png and ACTUAL.png")
shmplot_diff_cli_test(usage_bad_option 64 ARGS --frobnicate a.png b.png
  ERR "unknown option '--frobnicate'")
shmplot_diff_cli_test(usage_bad_delta 64 ARGS --max-delta 256 a.png b.png
  ERR "--max-delta '256' is not a number")
shmplot_diff_cli_test(usage_negative_pixels 64
  ARGS --max-pixels -1 a.png b.png ERR "--max-pixels '-1'")
shmplot_diff_cli_test(usage_bad_aa 64 ARGS --aa maybe a.png b.png
  ERR "--aa 'maybe'")
shmplot_diff_cli_test(usage_missing_value 64 ARGS a.png b.png --diff-out
  ERR "'--diff-out' needs a value")
shmplot_diff_cli_test(usage_three_files 64 ARGS a.png b.png c.png
  ERR "unexpected argument 'c.png'")
# The help names every option and every exit status.
shmplot_diff_cli_test(help 0 ARGS --help
  OUT "^usage: shmplot diff EXPECTED.png ACTUAL.png.*--diff-out FILE.*--panel-out FILE.*--max-delta N.*--max-pixels N.*--aa report.forgive.*--json.*-h, --help.*Exit status:.* 0  identical.* 1  different.* 2  the sizes differ.* 3  EXPECTED does not exist.*64  usage.*65  a file.*70  internal.*74  an output file")
shmplot_diff_cli_test(outputs_written 1
  ARGS base.png one-pixel.png --diff-out out-diff.png --panel-out out-panel.png
  EXISTS ${_fx}/out-diff.png ${_fx}/out-panel.png)
shmplot_diff_cli_test(outputs_identical 0
  ARGS base.png base.png --diff-out same-diff.png --panel-out same-panel.png
  EXISTS ${_fx}/same-diff.png ${_fx}/same-panel.png)
shmplot_diff_cli_test(outputs_size_mismatch 2
  ARGS base.png narrow.png --diff-out mm-diff.png --panel-out mm-panel.png
  EXISTS ${_fx}/mm-panel.png MISSING ${_fx}/mm-diff.png
  ERR "mm-diff.png: not written: the images differ in size")
shmplot_diff_cli_test(output_unwritable 74
  ARGS base.png one-pixel.png --panel-out no/such/dir/panel.png
  OUT "^DIFFERENT " ERR "^shmplot diff: no/such/dir/panel.png: cannot create")
# The images written are PNGs the diff itself reads back.
shmplot_diff_cli_test(output_readable 2
  ARGS out-diff.png out-panel.png OUT "^SIZE-MISMATCH size=120x80/")
set_tests_properties(diff_cli_output_readable PROPERTIES
  DEPENDS diff_cli_outputs_written)

# --- the CMake helper, as shmplot's own image tests use it ----------------
# shmplot's own image tests include the helper from the source tree, so they
# run exactly the code that is installed.
include(${PROJECT_SOURCE_DIR}/src/cmake/ShmplotImageTest.cmake)

# shmplot_image_test(<name> COMMAND ... OUTPUT <file> [MAX_DELTA n]
#                    [MAX_PIXELS n]): an image test against
# tests/baseline/<name>.png, exact by default. To add one: call this, run
# ctest (it fails: no baseline), look at the new image, then
#   cmake --build <build> --target shmplot_accept_images
# and commit tests/baseline/<name>.png.
function(shmplot_image_test name)
  shmplot_add_image_test(NAME image_${name}
    BASELINE ${PROJECT_SOURCE_DIR}/tests/baseline/${name}.png ${ARGN})
endfunction()

# --- the downstream sample against the installed package -------------------
# A sanitized libshmplot needs a sanitized program, so the sample is built
# with the same -fsanitize flags as this build.
add_test(NAME diff_downstream_sample
  COMMAND ${CMAKE_COMMAND}
    -DBUILD_DIR=${PROJECT_BINARY_DIR}
    -DCONFIG=$<CONFIG>
    -DSAMPLE_DIR=${PROJECT_SOURCE_DIR}/samples/downstream
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/downstream
    -DFIXTURES=${_fx}
    -DC_COMPILER=${CMAKE_C_COMPILER}
    "-DSANITIZE_FLAGS=$<$<BOOL:${SHMPLOT_SANITIZE}>:-fsanitize=address,undefined>"
    -P ${CMAKE_CURRENT_LIST_DIR}/data/diff/downstream.cmake)
set_tests_properties(diff_downstream_sample PROPERTIES TIMEOUT 600
  FIXTURES_REQUIRED shmplot_diff_images LABELS "diff;install"
  RUN_SERIAL TRUE)

# shmplot's own image tests, exact: the seed batch through the CLI, and the
# renderer's feature gallery through a batch spec (the whole product path:
# spec -> shared memory -> workers -> renderer -> PNG).
foreach(fig figure1 figure2 figure3)
  shmplot_image_test(${fig} COMMAND shmplot_cli render -q -o . OUTPUT ${fig}.png
                     TIMEOUT 60 LABELS image)
endforeach()
foreach(fig subplots_sharex log_axes nan_gaps tan_poles legend_positions
            styles_markers sci_ticks utf8_labels)
  shmplot_image_test(${fig} COMMAND shmplot_cli render -q -o .
                     ${PROJECT_SOURCE_DIR}/tests/data/gallery/gallery.json
                     OUTPUT ${fig}.png TIMEOUT 60 LABELS image)
endforeach()
