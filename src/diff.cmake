# Image diff: sources for libshmplot and for the shmplot CLI.
# Included by src/CMakeLists.txt; paths are absolute so the includer's
# directory does not matter.
set(SHMPLOT_DIFF_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/imgdiff.c
  ${CMAKE_CURRENT_LIST_DIR}/pngread.c)
set(SHMPLOT_CLI_DIFF_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cli_diff.c)

# `shmplot diff --json` writes its JSON with cJSON (Debian: libcjson-dev).
# The CLI target is defined after this file is included, so the link is
# deferred to the end of the including directory.
pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
cmake_language(DEFER CALL target_link_libraries shmplot_cli PRIVATE
               PkgConfig::CJSON)
