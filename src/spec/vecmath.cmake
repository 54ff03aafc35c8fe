# SPDX-License-Identifier: MIT
# Vector kernels for the spec's elementwise generators on glibc's libmvec
# (vecmath.c, vecmath_avx2.c): x86-64 with GCC or Clang, when a
# test program using an AVX2 libmvec function links. Sets
# SHMPLOT_VEC_SOURCES, SHMPLOT_VEC_LIBS and SHMPLOT_VEC_DEFS.
set(SHMPLOT_VEC_SOURCES vecmath.c)
set(SHMPLOT_VEC_LIBS "")
set(SHMPLOT_VEC_DEFS "")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64"
   AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  include(CheckCSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-mavx2 -mfma")
  set(CMAKE_REQUIRED_LIBRARIES mvec m)
  check_c_source_compiles([=[
#include <immintrin.h>
__m256d _ZGVdN4v_tan(__m256d);
__m256d _ZGVdN4v_log2(__m256d);
int main(void)
{
	double out[4];
	_mm256_storeu_pd(out, _ZGVdN4v_log2(_ZGVdN4v_tan(_mm256_set1_pd(1))));
	return out[0] > 100;
}]=] SHMPLOT_HAVE_LIBMVEC)
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LIBRARIES)
  if(SHMPLOT_HAVE_LIBMVEC)
    list(APPEND SHMPLOT_VEC_SOURCES vecmath_avx2.c)
    set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/vecmath_avx2.c
      TARGET_DIRECTORY ${SHMPLOT_LIBRARIES} PROPERTIES
                                COMPILE_OPTIONS "-mavx2;-mfma")
    set(SHMPLOT_VEC_LIBS mvec)
    set(SHMPLOT_VEC_DEFS SHMPLOT_HAVE_LIBMVEC)
  endif()
endif()
