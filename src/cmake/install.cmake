# SPDX-License-Identifier: MIT
# Install rules: the libraries, the program, the public headers, the CMake
# package (with the image-test helper) and a pkg-config file. Included at the
# end of src/CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(SHMPLOT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/shmplot)

# The shared library and the program are exported to CMake users. The
# static archive is installed for `pkg-config --static` users but not
# exported: its private link list names the renderer's object library.
install(TARGETS shmplot shmplot_cli EXPORT shmplotTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS shmplot_static ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/shmplot.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/shmplot
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")

install(EXPORT shmplotTargets NAMESPACE shmplot::
  DESTINATION ${SHMPLOT_CMAKE_DIR})
# The one CMake minimum (top-level cmake_minimum_required), which the
# installed files declare too (tests/cmake/cmake_minimum.cmake checks).
set(SHMPLOT_CMAKE_MINIMUM ${CMAKE_MINIMUM_REQUIRED_VERSION})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/shmplotConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/shmplotConfig.cmake
  INSTALL_DESTINATION ${SHMPLOT_CMAKE_DIR})
# 0.x: minor versions may break the API.
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/shmplotConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/shmplotConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/shmplotConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/ShmplotImageTest.cmake
  ${CMAKE_CURRENT_LIST_DIR}/shmplot_image_test.cmake
  ${CMAKE_CURRENT_LIST_DIR}/shmplot_accept_images.cmake
  DESTINATION ${SHMPLOT_CMAKE_DIR})

# Relocatable: the prefix is found from where the .pc file is, so
# `cmake --install --prefix` anywhere gives a correct file.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(SHMPLOT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _shmplot_up "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
  string(REGEX REPLACE "/$" "" _shmplot_up "${_shmplot_up}")
  set(SHMPLOT_PC_PREFIX "\${pcfiledir}/${_shmplot_up}")
endif()
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(SHMPLOT_PC_${d} "${CMAKE_INSTALL_${d}}")
  else()
    set(SHMPLOT_PC_${d} "\${prefix}/${CMAKE_INSTALL_${d}}")
  endif()
endforeach()
# What only a static link of libshmplot.a needs (pkg-config --static):
# cairo, FreeType, libpng, cJSON and libdeflate as this machine's
# pkg-config resolves them for a static link, as Libs.private. Not as
# Requires.private: pkgconf reads those for --cflags too, so every user of
# the shared library would need the -dev packages of cairo, cJSON and
# libdeflate for headers that shmplot.h never includes.
pkg_check_modules(SHMPLOT_PC_DEPS REQUIRED QUIET
                  cairo freetype2 libpng libcjson libdeflate)
list(JOIN SHMPLOT_PC_DEPS_STATIC_LDFLAGS " " SHMPLOT_PC_STATIC_LIBS)
set(SHMPLOT_PC_VEC_LIBS "")
if(SHMPLOT_VEC_LIBS)
  set(SHMPLOT_PC_VEC_LIBS "-l${SHMPLOT_VEC_LIBS}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/shmplot.pc.in
  ${CMAKE_CURRENT_BINARY_DIR}/shmplot.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/shmplot.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Documentation, as a distribution installs it: the licence with the notices
# of the algorithms shmplot follows (LICENSE), the README (the command line,
# the spec format, the C API, exit codes) that `shmplot render --help`
# points to, and the sample specs with their data as examples.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/samples/seed.json
  ${PROJECT_SOURCE_DIR}/samples/analysis.json
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/samples/data
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
