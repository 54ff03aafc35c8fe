# SPDX-License-Identifier: MIT
# Every function in LIST is exported by LIB, with a symbol version a program
# linked before versions existed binds to (SHMPLOT_0.1). cmake -P; inputs
# NM, LIB, LIST.
cmake_minimum_required(VERSION 3.21)
execute_process(COMMAND "${NM}" -D --defined-only --with-symbol-versions
                "${LIB}" OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "abi: ${NM} ${LIB} failed")
endif()
file(STRINGS "${LIST}" symbols REGEX "^shmplot_")
set(missing)
foreach(sym ${symbols})
  if(NOT out MATCHES " T ${sym}@@?SHMPLOT_0\\.1\n")
    list(APPEND missing ${sym})
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "abi: not exported as ABI 0.1 any more: ${missing}")
endif()
list(LENGTH symbols n)
message("abi: all ${n} functions of ABI 0.1 are exported")
