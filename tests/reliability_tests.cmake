# Reliability tests: faults, fork safety, hostile callers, leaks, stress,
# and (with clang and SHMPLOT_FUZZ) libFuzzer targets.

# Every runtime test may spawn the test-hook worker executable.
foreach(t test_segment test_pool test_cli)
  if(TARGET ${t})
    add_dependencies(${t} shmplot_worker_testhooks)
  endif()
endforeach()

# The whole pool suite again with every worker spawned (the path taken when
# the caller has other threads), so both start-up paths meet every fault.
add_test(NAME test_pool_spawn COMMAND test_pool)
set_tests_properties(test_pool_spawn PROPERTIES TIMEOUT 120
  ENVIRONMENT "SHMPLOT_FONT=;SHMPLOT_TEST_MODE=spawn")

find_package(Threads REQUIRED)

# Hostile callers, system faults, leaks, the worker batch codec.
shmplot_unit_test(test_reliability 300)
target_link_libraries(test_reliability PRIVATE Threads::Threads)
add_dependencies(test_reliability shmplot_worker_testhooks)

# 10,000 figures with 5% random faults (seeded), forked and spawned workers.
shmplot_unit_test(test_stress 600)
add_dependencies(test_stress shmplot_worker_testhooks)
set_tests_properties(test_stress PROPERTIES LABELS stress)
add_test(NAME test_stress_spawn COMMAND test_stress)
set_tests_properties(test_stress_spawn PROPERTIES TIMEOUT 600 LABELS stress
  ENVIRONMENT "SHMPLOT_FONT=;SHMPLOT_TEST_MODE=spawn")

# libFuzzer targets (clang only). Configure a separate build with clang,
# sanitizers and coverage instrumentation on everything, e.g.
#   CC=clang cmake -S . -B build-fuzz -DSHMPLOT_FUZZ=ON -DSHMPLOT_SANITIZE=ON \
#     -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link
#   cmake --build build-fuzz --target fuzz_all
#   build-fuzz/tests/fuzz_spec -max_total_time=600 CORPUS_DIR
# CTest replays each seed corpus through its target (label fuzz);
# .ci/reliability.sh runs each target for a fixed time.
option(SHMPLOT_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(SHMPLOT_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SHMPLOT_FUZZ needs clang (CC=clang)")
  endif()
  set(SHMPLOT_FUZZ_FLAGS -fsanitize=fuzzer,address,undefined
      -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_custom_target(fuzz_all)
  function(shmplot_fuzz_target name corpus)
    add_executable(${name} fuzz/${name}.c)
    target_compile_options(${name} PRIVATE ${SHMPLOT_WARNINGS}
                           ${SHMPLOT_FUZZ_FLAGS})
    target_link_options(${name} PRIVATE ${SHMPLOT_FUZZ_FLAGS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} PRIVATE shmplot_testhooks PNG::PNG
                          ${LIBM})
    add_dependencies(fuzz_all ${name})
    file(GLOB seeds ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${corpus}/*)
    add_test(NAME ${name}_seeds COMMAND ${name} ${seeds})
    set_tests_properties(${name}_seeds PROPERTIES TIMEOUT 60 LABELS fuzz)
  endfunction()
  shmplot_fuzz_target(fuzz_blob blob)
  shmplot_fuzz_target(fuzz_segment segment)
  if(SHMPLOT_SPEC_SOURCES OR EXISTS ${PROJECT_SOURCE_DIR}/src/spec.c)
    shmplot_fuzz_target(fuzz_csv csv)
    shmplot_fuzz_target(fuzz_npy npy)
    shmplot_fuzz_target(fuzz_spec spec)
    target_compile_definitions(fuzz_spec PRIVATE
      SPEC_DATA_DIR="${PROJECT_SOURCE_DIR}/samples")
  endif()
  # The PNG reader of `shmplot diff` gets its target once it is on main.
  include(${CMAKE_CURRENT_SOURCE_DIR}/fuzz/more_targets.cmake OPTIONAL)
endif()
