# shmplot-worker: spawned by the library instead of fork() when the calling
# process has other threads (see src/spawn.c). The library looks for it in
# $SHMPLOT_WORKER, then at its install path, then (until installed) in the
# build tree. The test-hook library uses the test-hook worker.
set(SHMPLOT_WORKER_INSTALL_PATH
  "${CMAKE_INSTALL_FULL_LIBEXECDIR}/shmplot/shmplot-worker")

add_executable(shmplot_worker worker_main.c)
set_target_properties(shmplot_worker PROPERTIES OUTPUT_NAME shmplot-worker)
target_compile_options(shmplot_worker PRIVATE ${SHMPLOT_WARNINGS})
target_include_directories(shmplot_worker PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
                           ${PROJECT_SOURCE_DIR}/render)
target_link_libraries(shmplot_worker PRIVATE shmplot_static ${SHMPLOT_EXE_DEPS}
                      PNG::PNG PkgConfig::CAIRO PkgConfig::FREETYPE ${LIBM})

add_executable(shmplot_worker_testhooks worker_main.c)
set_target_properties(shmplot_worker_testhooks PROPERTIES
                      OUTPUT_NAME shmplot-worker-testhooks)
target_compile_options(shmplot_worker_testhooks PRIVATE ${SHMPLOT_WARNINGS})
target_link_libraries(shmplot_worker_testhooks PRIVATE shmplot_testhooks
                      PNG::PNG ${LIBM})

foreach(lib shmplot shmplot_static)
  target_compile_definitions(${lib} PRIVATE
    SHMPLOT_WORKER_PATH="${SHMPLOT_WORKER_INSTALL_PATH}"
    SHMPLOT_WORKER_BUILD_PATH="$<TARGET_FILE:shmplot_worker>")
endforeach()
target_compile_definitions(shmplot_testhooks PRIVATE
  SHMPLOT_WORKER_PATH="$<TARGET_FILE:shmplot_worker_testhooks>")
# Anything that links the library may spawn the worker: build it too. (The
# tests depend on the test-hook worker in tests/reliability_tests.cmake.)
add_dependencies(shmplot shmplot_worker)

install(TARGETS shmplot_worker
        RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/shmplot)
