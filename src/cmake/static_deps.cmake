# SPDX-License-Identifier: MIT
# -DSHMPLOT_STATIC_DEPS=ON links the shmplot and shmplot-worker executables
# against the static archives of cairo, pixman, fontconfig, expat, FreeType
# (and its brotli), libpng, zlib, libdeflate and libcsv when they are
# installed (Debian's -dev packages ship them) and a test program links
# with them: loading ~25 shared objects is most of the start-up of
# `shmplot` (README, build options, for the measured gain), and a spawned
# worker pays it at every exec. Off by default: the executables link the
# system's shared libraries, so a security update of libpng (which
# `shmplot diff` uses on untrusted files), zlib or FreeType reaches them.
# The library (libshmplot.so / .a) is not affected. Sets SHMPLOT_EXE_DEPS
# (link items, empty when off).
option(SHMPLOT_STATIC_DEPS
  "Link the executables against static cairo/pixman/libpng/FreeType/zlib when available"
  OFF)
set(SHMPLOT_EXE_DEPS "")
if(SHMPLOT_STATIC_DEPS AND NOT SHMPLOT_SANITIZE)
  set(_shmplot_static_names cairo pixman-1 fontconfig expat freetype png16 z
      deflate brotlidec brotlicommon csv)
  set(_shmplot_static_paths "")
  foreach(name ${_shmplot_static_names})
    find_library(SHMPLOT_STATIC_${name} NAMES lib${name}.a)
    if(NOT SHMPLOT_STATIC_${name})
      set(_shmplot_static_paths "")
      message(STATUS "shmplot: lib${name}.a not found: executables link dynamically")
      break()
    endif()
    list(APPEND _shmplot_static_paths ${SHMPLOT_STATIC_${name}})
  endforeach()
  if(_shmplot_static_paths)
    set(_shmplot_static_libs ${_shmplot_static_paths})
    foreach(name bz2)
      find_library(SHMPLOT_SHARED_${name} NAMES ${name})
      if(SHMPLOT_SHARED_${name})
        list(APPEND _shmplot_static_libs ${SHMPLOT_SHARED_${name}})
      endif()
    endforeach()
    list(APPEND _shmplot_static_libs m pthread)
    include(CheckCSourceCompiles)
    set(CMAKE_REQUIRED_INCLUDES ${CAIRO_INCLUDE_DIRS} ${FREETYPE_INCLUDE_DIRS}
        ${PNG_INCLUDE_DIRS} ${LIBCSV_INCLUDE_DIR})
    set(CMAKE_REQUIRED_LIBRARIES ${_shmplot_static_libs})
    check_c_source_compiles([=[
#include <cairo.h>
#include <cairo-ft.h>
#include <png.h>
#include <csv.h>
int main(void)
{
	struct csv_parser csv;
	FT_Library ft;
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, 0, 0, 0);
	int ok = FT_Init_FreeType(&ft) == 0 &&
		 cairo_ft_font_face_create_for_ft_face != 0;
	png_destroy_write_struct(&p, 0);
	if (csv_init(&csv, 0) == 0)
		csv_free(&csv);
	cairo_surface_destroy(s);
	return !ok;
}]=] SHMPLOT_STATIC_DEPS_LINK)
    unset(CMAKE_REQUIRED_INCLUDES)
    unset(CMAKE_REQUIRED_LIBRARIES)
    if(SHMPLOT_STATIC_DEPS_LINK)
      # The archives come first on the link line; --as-needed then drops
      # the shared libraries they made unnecessary.
      set(SHMPLOT_EXE_DEPS -Wl,--as-needed ${_shmplot_static_libs})
    else()
      message(STATUS "shmplot: static archives do not link: executables link dynamically")
    endif()
  endif()
endif()
