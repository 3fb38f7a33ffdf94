#!/usr/bin/env bash
# CPU seconds (user + system) of a job's JVM by thread kind: the ranks, the JIT's compiler
# threads, the GC's, the rest. Samples /proc every 0.3 s and keeps each thread's last value,
# so threads that end early still count; a thread's last 0.3 s may be missed.
#   bench/thread-cpu.sh mpj/bin/mpjrun.sh -np 2 PrimeCount --to 1e16
# Multicore device only: the JVM whose command line names mpjnumerics.launch.Main is watched
# (with a child JVM for the Vector API module, the youngest of them).
set -uo pipefail
"$@" >/dev/null &
job=$!
declare -A last
while kill -0 "$job" 2>/dev/null; do
  pid=$(pgrep -n -f "mpjnumerics.launch.Main") || { sleep 0.1; continue; }
  for t in /proc/"$pid"/task/*; do
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    name=${stat#*(}
    name=${name%%)*}
    read -r -a f <<<"${stat##*)}"
    last["$pid/${t##*/}"]="$name|$((f[11] + f[12]))"
  done
  sleep 0.3
done
wait "$job"
status=$?
tick=$(getconf CLK_TCK)
for v in "${last[@]}"; do echo "$v"; done | awk -F'|' -v tick="$tick" '
  { k = $1; gsub(/[0-9]+/, "#", k); s[k] += $2 }
  END { for (k in s) if (s[k] > 0) printf "%8.2f s  %s\n", s[k] / tick, k }' | sort -rn
exit "$status"
