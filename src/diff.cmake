# Image diff: sources for libshmplot and for the shmplot CLI.
# Included by src/CMakeLists.txt; paths are absolute so the includer's
# directory does not matter.
set(SHMPLOT_DIFF_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/imgdiff.c
  ${CMAKE_CURRENT_LIST_DIR}/pngread.c)
set(SHMPLOT_CLI_DIFF_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cli_diff.c)
