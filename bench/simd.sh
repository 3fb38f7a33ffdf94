#!/usr/bin/env bash
# make bench-simd: issue 22's and issue 20's goals at np 2 (PiMonteCarlo against C with
# AVX-512 vectors and scalar C, EulerConstant's Monte Carlo against scalar C, the sieve jobs
# against primesieve -t2), plus PiMonteCarlo 1e10 on np 1 against np 2, and a short Pi run
# (which must print no incubator warning). Each program runs REPS times (3), alternating with its reference in the
# same round, so a load that comes and goes hits both; the table gives the best wall time of
# each and the largest peak RSS (GNU time's maximum resident set: the largest process of the
# run, for mpirun and mpjrun.sh the rank processes / the one JVM). Writes
# bench/results/simd-<timestamp>/{runs.csv,summary.md}.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-3}
out=bench/results/simd-$(date -u +%Y%m%dT%H%M%SZ)
work=bench/work
mkdir -p "$out" "$work"
csv=$out/runs.csv
echo "case,program,rep,wall_seconds,peak_rss_kib" >"$csv"
bench/references.sh
mpirun="mpirun --allow-run-as-root --oversubscribe"

# run CASE PROGRAM COMMAND...: one timed run, its output discarded.
run() {
  local case=$1 program=$2 rep=$3 stats
  shift 3
  stats=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$stats" "$@" >/dev/null 2>"$stats.err" \
    || { cat "$stats.err" >&2; echo "error: benchmark command failed: $*" >&2; exit 1; }
  if grep -q "WARNING: Using incubator" "$stats.err" && { [ "$program" = mpj-numerics-scalar ] || [ "$case" = pi-1e3 ]; }; then
    echo "error: a run that uses no vector kernel printed the incubator warning: $*" >&2; exit 1
  fi
  read -r wall rss <"$stats"
  echo "$case,$program,$rep,$wall,$rss" >>"$csv"
  rm -f "$stats" "$stats.err"
}

cases() {
  local rep=$1
  run pi-1e9 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PiMonteCarlo --samples 1e9
  run pi-1e9 c-avx512 "$rep" $mpirun -np 2 "$work/pi_avx512_mpi" 1000000000
  run pi-1e9 c-scalar "$rep" $mpirun -np 2 "$work/pi_mpi" 1000000000
  run pi-1e10 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PiMonteCarlo --samples 1e10
  run pi-1e10 c-avx512 "$rep" $mpirun -np 2 "$work/pi_avx512_mpi" 10000000000
  run pi-1e10 c-scalar "$rep" $mpirun -np 2 "$work/pi_mpi" 10000000000
  run pi-1e10-np1 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 1 PiMonteCarlo --samples 1e10
  run pi-1e10 mpj-numerics-scalar "$rep" env MPJ_NUMERICS_VECTOR=0 mpj/bin/mpjrun.sh -np 2 PiMonteCarlo --samples 1e10
  run euler-mc-e-1e9 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 EulerConstant --constant e --samples 1e9
  run euler-mc-e-1e9 c-scalar "$rep" $mpirun -np 2 "$work/euler_mc_mpi" 1000000000
  run euler-mc-e-1e9 mpj-numerics-scalar "$rep" env MPJ_NUMERICS_VECTOR=0 mpj/bin/mpjrun.sh -np 2 EulerConstant --constant e --samples 1e9
  run euler-mc-gamma-1e9 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 EulerConstant --constant gamma --samples 1e9
  run euler-mc-gamma-1e9 mpj-numerics-scalar "$rep" env MPJ_NUMERICS_VECTOR=0 mpj/bin/mpjrun.sh -np 2 EulerConstant --constant gamma --samples 1e9
  run pi-1e3 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PiMonteCarlo --samples 1000
  run primecount-1e10 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PrimeCount --to 1e10 --method sieve
  run primecount-1e10 primesieve "$rep" primesieve 1e10 -t2 --count
  run primecount-1e11 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PrimeCount --to 1e11 --method sieve
  run primecount-1e11 primesieve "$rep" primesieve 1e11 -t2 --count
  run twins-1e11 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PrimeCount --to 1e11 --tuplets 2
  run twins-1e11 primesieve "$rep" primesieve 1e11 -t2 -c2
  run sextuplets-1e11 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PrimeCount --to 1e11 --tuplets 6
  run sextuplets-1e11 primesieve "$rep" primesieve 1e11 -t2 -c6
  run primegaps-1e11 mpj-numerics "$rep" mpj/bin/mpjrun.sh -np 2 PrimeGaps --to 1e11
  run primegaps-1e11 primesieve "$rep" primesieve 1e11 -t2 --count
}

echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start" >&2
for rep in $(seq "$reps"); do
  echo "bench: round $rep of $reps" >&2
  cases "$rep"
done
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" >&2

python3 - "$csv" >"$out/summary.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
best, rss = {}, {}
for r in rows:
    k = (r["case"], r["program"])
    best[k] = min(best.get(k, 1e99), float(r["wall_seconds"]))
    rss[k] = max(rss.get(k, 0), int(r["peak_rss_kib"]))
ours = lambda c: best.get((c, "mpj-numerics"))
print("| case (np 2 unless said) | mpj-numerics | reference | ratio | peak RSS MiB (ours / reference) |")
print("|---|---|---|---|---|")
for case in dict.fromkeys(r["case"] for r in rows):
    progs = [p for (c, p) in best if c == case and not p.startswith("mpj-numerics")]
    for p in [x for (c, x) in best if c == case and x.startswith("mpj-numerics")]:
        if p != "mpj-numerics":
            print(f"| {case}, {p} | {best[case, p]:.2f} s | - | - | {rss[case, p] / 1024:.0f} |")
    if (case, "mpj-numerics") not in best:
        continue
    o = best[case, "mpj-numerics"]
    if not progs:
        print(f"| {case} | {o:.2f} s | - | - | {rss[case, 'mpj-numerics'] / 1024:.0f} |")
    for p in progs:
        print(f"| {case} | {o:.2f} s | {p}: {best[case, p]:.2f} s | {o / best[case, p]:.2f}x "
              f"| {rss[case, 'mpj-numerics'] / 1024:.0f} / {rss[case, p] / 1024:.0f} |")
np1, np2 = ours("pi-1e10-np1"), ours("pi-1e10")
if np1 and np2:
    print(f"\nPiMonteCarlo 1e10: np 1 {np1:.2f} s, np 2 {np2:.2f} s: np 2 is {np1 / np2:.2f}x faster.")
PY
cat "$out/summary.md"
echo "results in $out" >&2
