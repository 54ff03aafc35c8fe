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
