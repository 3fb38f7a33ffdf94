#!/usr/bin/env bash
# Compiles the C reference programs of the benchmarks into bench/work (only when a source is
# newer than its binary). Needs Open MPI's mpicc and gcc with OpenMP (make bench installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/work
build() {  # build COMPILER BINARY SOURCE [FLAGS...]
  local cc=$1 bin=bench/work/$2 src=bench/reference/$3
  shift 3
  [ "$bin" -nt "$src" ] || "$cc" -O3 -march=native "$@" -o "$bin" "$src"
}
build mpicc pi_mpi pi_mpi.c
build mpicc pi_avx512_mpi pi_avx512_mpi.c
build mpicc hello_mpi hello_mpi.c
build gcc collatz_memo collatz_memo.c -fopenmp
build mpicc euler_mc_mpi euler_mc_mpi.c
build gcc vacca vacca.c
