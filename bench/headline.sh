#!/usr/bin/env bash
# make bench-headline: the issues' headline comparisons at np 2 (PrimeCount, twins,
# sextuplets and PrimeGaps 1e11 against primesieve, Collatz 1e8 against memoised C, ...),
# whole-process wall times alternating run by run with the reference programs. Writes bench/results/headline-<timestamp>/.
#   QUICK=1   fewer repetitions and smaller sizes
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
reps=${REPS:-5}
pi_samples=1000000000
collatz_to=100000000
primes_to=100000000000
euler_samples=100000000
vacca_terms=1000000000
list_to=1000000000
if [ "${QUICK:-0}" = 1 ]; then
  reps=3; pi_samples=100000000; collatz_to=10000000; primes_to=1000000000; euler_samples=10000000
  vacca_terms=100000000; list_to=100000000
fi

out=bench/results/headline-$(date -u +%Y%m%dT%H%M%SZ)
work=bench/work
mkdir -p "$out" "$work"
csv=$out/runs.csv
echo "case,program,np,size,rep,wall_seconds" >"$csv"

bench/references.sh

# wall seconds of a command, its output discarded
wall() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "error: benchmark command failed: $*" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

note() { echo "bench: $*" >&2; }

# pair CASE SIZE REF-NAME "REF COMMAND" -- OUR JOB ARGS...: runs both alternately, $reps times.
pair() {
  local case=$1 size=$2 ref=$3 refcmd=$4
  shift 5
  for rep in $(seq "$reps"); do
    echo "$case,mpj-numerics,2,$size,$rep,$(wall mpj/bin/mpjrun.sh -np 2 "$@")" >>"$csv"
    if [ -n "$ref" ]; then
      echo "$case,$ref,2,$size,$rep,$(wall sh -c "$refcmd")" >>"$csv"
    fi
  done
}
mpirun="mpirun --allow-run-as-root --oversubscribe -np 2"

note "PiMonteCarlo $pi_samples samples: ours vs C + Open MPI"
pair pi "$pi_samples" c-openmpi "$mpirun $work/pi_mpi $pi_samples" -- PiMonteCarlo --samples "$pi_samples"

note "CollatzSteps [1, $collatz_to]: ours vs memoised C with 2 OpenMP threads"
pair collatz "$collatz_to" c-openmp-memo "OMP_NUM_THREADS=2 $work/collatz_memo $collatz_to" -- CollatzSteps --to "$collatz_to"

note "PrimeCount [0, $primes_to]: ours vs primesieve -t2"
pair primecount "$primes_to" primesieve "primesieve $primes_to -t2 --count" -- PrimeCount --to "$primes_to" --method sieve

note "PrimeCount --tuplets 2 and 6 [0, $primes_to]: ours vs primesieve -t2 -c2 / -c6"
pair twins "$primes_to" primesieve "primesieve $primes_to -t2 -c2 -q" -- PrimeCount --to "$primes_to" --tuplets 2
pair sextuplets "$primes_to" primesieve "primesieve $primes_to -t2 -c6 -q" -- PrimeCount --to "$primes_to" --tuplets 6

note "PrimeGaps [0, $primes_to]: ours vs primesieve -t2 (which only counts)"
pair primegaps "$primes_to" primesieve "primesieve $primes_to -t2 --count" -- PrimeGaps --to "$primes_to"

note "PrimeList [0, $list_to] to a file: ours vs primesieve -t2 --print"
pair primelist "$list_to" primesieve "primesieve $list_to -t2 --print > $work/primes-ref.txt" \
  -- PrimeList --to "$list_to" --out "$work/primes-ours.txt"
cmp -s "$work/primes-ours.txt" "$work/primes-ref.txt" || { echo "error: PrimeList and primesieve disagree" >&2; exit 1; }
rm -f "$work/primes-ours.txt" "$work/primes-ref.txt"

note "EulerConstant e by Monte Carlo, $euler_samples samples: ours vs C + Open MPI"
pair euler-mc-e "$euler_samples" c-openmpi "$mpirun $work/euler_mc_mpi $euler_samples" \
  -- EulerConstant --constant e --samples "$euler_samples"

note "EulerConstant Vacca, $vacca_terms terms: ours vs a single-threaded C loop"
pair vacca "$vacca_terms" c-1-thread "$work/vacca $vacca_terms" \
  -- EulerConstant --constant gamma --method series --terms "$vacca_terms"

note "EulerConstant digits (no reference): e to 10^6, gamma to 10^4"
pair e-digits 1000000 "" "" -- EulerConstant --constant e --digits 1e6
pair gamma-digits 10000 "" "" -- EulerConstant --constant gamma --digits 1e4

# The course notebook's approach in Python, as the naive baseline (Debian's /usr/bin/python3).
note "naive baselines: Monte Carlo pi with mpi4py, trial division with multiprocessing"
pair pi-naive 10000000 python-mpi4py "$mpirun /usr/bin/python3 bench/reference/pi_mpi4py.py 10000000" \
  -- PiMonteCarlo --samples 10000000
pair primecount-naive 1000000 python-multiprocessing "/usr/bin/python3 bench/reference/primes_multiprocessing.py 1000000 2" \
  -- PrimeCount --to 1000000

note "start-up: PiMonteCarlo with 1000 samples: ours vs C + Open MPI"
pair startup 1000 c-openmpi "$mpirun $work/pi_mpi 1000" -- PiMonteCarlo --samples 1000

python3 bench/summarize.py "$csv" >"$out/summary.md"
cat "$out/summary.md"
echo "results in $out" >&2
