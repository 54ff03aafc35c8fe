# Image-diff tests: the PNG reader, the diff library, the `shmplot diff` CLI
# and the CMake helper. Included from tests/CMakeLists.txt after cmocka is
# found.
set(_shmplot_diff_src ${CMAKE_CURRENT_LIST_DIR}/../src)

find_package(ZLIB REQUIRED)

# test_pngread exercises private functions, so it links the static library.
add_executable(test_pngread ${CMAKE_CURRENT_LIST_DIR}/test_pngread.c)
target_include_directories(test_pngread PRIVATE ${_shmplot_diff_src})
target_link_libraries(test_pngread PRIVATE shmplot_static PkgConfig::CMOCKA
                      ZLIB::ZLIB)
target_compile_options(test_pngread PRIVATE ${SHMPLOT_WARNINGS})
add_test(NAME pngread COMMAND test_pngread)
set_tests_properties(pngread PROPERTIES TIMEOUT 60 LABELS "diff")

# test_imgdiff uses only the public API; it draws its images with cairo.
add_executable(test_imgdiff ${CMAKE_CURRENT_LIST_DIR}/test_imgdiff.c)
target_link_libraries(test_imgdiff PRIVATE shmplot PkgConfig::CMOCKA
                      PkgConfig::CAIRO PNG::PNG)
target_compile_options(test_imgdiff PRIVATE ${SHMPLOT_WARNINGS})
add_test(NAME imgdiff COMMAND test_imgdiff)
set_tests_properties(imgdiff PROPERTIES TIMEOUT 60 LABELS "diff")
