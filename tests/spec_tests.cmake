# Batch-spec tests: the readers (CSV, .npy), the spec loader, and the
# render CLI with specs (sharding, GNU parallel, bounded memory).
shmplot_unit_test(test_csv 30)
shmplot_unit_test(test_npy 30)
shmplot_unit_test(test_spec 60)
target_compile_definitions(test_spec PRIVATE
  SPEC_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data/spec")

shmplot_unit_test(test_cli_spec 300)
target_compile_definitions(test_cli_spec PRIVATE
  SHMPLOT_EXE="$<TARGET_FILE:shmplot_cli>"
  SPEC_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data/spec"
  SAMPLES_DIR="${PROJECT_SOURCE_DIR}/samples")
add_dependencies(test_cli_spec shmplot_cli)
# Shards rendered by GNU parallel; skipped (77) when parallel is missing.
add_test(NAME test_cli_spec_parallel COMMAND test_cli_spec parallel)
set_tests_properties(test_cli_spec_parallel PROPERTIES TIMEOUT 120
                     SKIP_RETURN_CODE 77 ENVIRONMENT "SHMPLOT_FONT=")
# 1,000 vs 10,000 figures: the CLI's peak RSS must stay flat.
add_test(NAME test_cli_spec_memory COMMAND test_cli_spec memory)
set_tests_properties(test_cli_spec_memory PROPERTIES TIMEOUT 900
                     ENVIRONMENT "SHMPLOT_FONT=")
