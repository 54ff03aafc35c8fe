# Batch specs: JSON through cJSON (libcjson-dev), CSV through libcsv
# (libcsv-dev, which ships no pkg-config file). GLOBAL so the test
# directory, which links the static libraries, can resolve the targets.
pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET GLOBAL libcjson)
find_path(LIBCSV_INCLUDE_DIR csv.h)
find_library(LIBCSV_LIBRARY csv)
if(NOT LIBCSV_INCLUDE_DIR OR NOT LIBCSV_LIBRARY)
  message(FATAL_ERROR "libcsv not found: install libcsv-dev")
endif()
if(NOT TARGET shmplot_libcsv)
  add_library(shmplot_libcsv UNKNOWN IMPORTED GLOBAL)
  set_target_properties(shmplot_libcsv PROPERTIES
    IMPORTED_LOCATION "${LIBCSV_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBCSV_INCLUDE_DIR}")
endif()
set(SHMPLOT_SPEC_SOURCES spec.c csv.c npy.c)
set(SHMPLOT_SPEC_LIBS PkgConfig::CJSON shmplot_libcsv)
