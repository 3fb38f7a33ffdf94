#!/usr/bin/env bash
# make bench: the start-up measurement (Hello at np 2 through mpjrun.sh, through java -jar and
# as C under Open MPI's mpirun, alternating), then the job sweep (every job at two sizes,
# np 1, 2, 4, strong and weak scaling, alternating with the reference programs, a Java 25 and a
# niodev column), its CSV, summary and plots in bench/results/<timestamp>/, then the JMH
# benchmarks of the kernels. bench/README.md explains the columns.
#   QUICK=1     small sizes, np 1 and 2, 2 runs each, no niodev column, no JMH: about 2 minutes
#   REPS=N      runs per configuration (default 3)
#   STARTUP_REPS=N  rounds of the start-up measurement (default 10, QUICK=1: 5)
#   NIODEV=0    no niodev column (it starts an MPJ daemon on loopback port 40077 for the sweep)
#   BENCH_OUT=DIR   results folder (default bench/results/<timestamp>)
set -euo pipefail
cd "$(dirname "$0")/.."
bench/references.sh
mvn -B -q -Dstyle.color=never -f bench/sweep/pom.xml package -DskipTests
out=${BENCH_OUT:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
args=(--root . --out "$out")
[ "${QUICK:-0}" = 1 ] && args+=(--quick)
[ -n "${REPS:-}" ] && args+=(--reps "$REPS")
[ -n "${STARTUP_REPS:-}" ] && args+=(--startup-reps "$STARTUP_REPS")
[ "${NIODEV:-1}" = 0 ] && args+=(--no-niodev)
java -Djava.awt.headless=true -cp "bench/sweep/target/classes:$(cat bench/sweep/target/classpath.txt)" \
  mpjnumerics.sweep.Sweep "${args[@]}"
