# The PNG reader of `shmplot diff`.
shmplot_fuzz_target(fuzz_png png)
