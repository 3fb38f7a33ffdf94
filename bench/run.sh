#!/usr/bin/env bash
# make bench: whole-process wall times of our jobs beside reference programs, alternating
# run by run so that machine drift affects both. Writes bench/results/<timestamp>/.
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
if [ "${QUICK:-0}" = 1 ]; then
  reps=3; pi_samples=100000000; collatz_to=10000000; primes_to=1000000000; euler_samples=10000000; vacca_terms=100000000
fi

out=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
work=bench/work
mkdir -p "$out" "$work"
csv=$out/runs.csv
echo "case,program,np,size,rep,wall_seconds" >"$csv"

mpicc -O3 -march=native -o "$work/pi_mpi" bench/reference/pi_mpi.c
gcc -O3 -march=native -fopenmp -o "$work/collatz_memo" bench/reference/collatz_memo.c
mpicc -O3 -march=native -o "$work/euler_mc_mpi" bench/reference/euler_mc_mpi.c
gcc -O3 -march=native -o "$work/vacca" bench/reference/vacca.c
mpirun_cmd=(mpirun --allow-run-as-root --oversubscribe -np 2)

# wall seconds of a command, its output discarded
wall() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "error: benchmark command failed: $*" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

note() { echo "bench: $*" >&2; }

note "PiMonteCarlo $pi_samples samples, np 2: ours vs C + Open MPI, $reps runs each"
for rep in $(seq "$reps"); do
  echo "pi,mpj-numerics,2,$pi_samples,$rep,$(wall mpj/bin/mpjrun.sh -np 2 PiMonteCarlo --samples "$pi_samples")" >>"$csv"
  echo "pi,c-openmpi,2,$pi_samples,$rep,$(wall "${mpirun_cmd[@]}" "$work/pi_mpi" "$pi_samples")" >>"$csv"
done

note "CollatzSteps [1, $collatz_to], np 2: ours vs memoised C with 2 OpenMP threads, $reps runs each"
for rep in $(seq "$reps"); do
  echo "collatz,mpj-numerics,2,$collatz_to,$rep,$(wall mpj/bin/mpjrun.sh -np 2 CollatzSteps --to "$collatz_to")" >>"$csv"
  echo "collatz,c-openmp-memo,2,$collatz_to,$rep,$(wall env OMP_NUM_THREADS=2 "$work/collatz_memo" "$collatz_to")" >>"$csv"
done

note "PrimeCount [0, $primes_to], np 2: ours vs primesieve -t2, $reps runs each"
for rep in $(seq "$reps"); do
  echo "primecount,mpj-numerics,2,$primes_to,$rep,$(wall mpj/bin/mpjrun.sh -np 2 PrimeCount --to "$primes_to")" >>"$csv"
  echo "primecount,primesieve,2,$primes_to,$rep,$(wall primesieve "$primes_to" -t2 --count)" >>"$csv"
done

note "PrimeList [0, 1e9] to a file, np 2: ours vs primesieve -t2 --print, $reps runs each"
list_to=1000000000
[ "${QUICK:-0}" = 1 ] && list_to=100000000
for rep in $(seq "$reps"); do
  echo "primelist,mpj-numerics,2,$list_to,$rep,$(wall mpj/bin/mpjrun.sh -np 2 PrimeList --to "$list_to" --out "$work/primes-ours.txt")" >>"$csv"
  echo "primelist,primesieve,2,$list_to,$rep,$(wall sh -c "primesieve $list_to -t2 --print > $work/primes-ref.txt")" >>"$csv"
done
cmp -s "$work/primes-ours.txt" "$work/primes-ref.txt" || { echo "error: PrimeList and primesieve disagree" >&2; exit 1; }
rm -f "$work/primes-ours.txt" "$work/primes-ref.txt"

note "EulerConstant e Monte Carlo $euler_samples, np 2: ours vs C + Open MPI, $reps runs each"
for rep in $(seq "$reps"); do
  echo "euler-mc-e,mpj-numerics,2,$euler_samples,$rep,$(wall mpj/bin/mpjrun.sh -np 2 EulerConstant --constant e --samples "$euler_samples")" >>"$csv"
  echo "euler-mc-e,c-openmpi,2,$euler_samples,$rep,$(wall "${mpirun_cmd[@]}" "$work/euler_mc_mpi" "$euler_samples")" >>"$csv"
done

note "EulerConstant Vacca $vacca_terms terms: ours at np 2 vs a single-threaded C loop, $reps runs each"
for rep in $(seq "$reps"); do
  echo "vacca,mpj-numerics,2,$vacca_terms,$rep,$(wall mpj/bin/mpjrun.sh -np 2 EulerConstant --constant gamma --method series --terms "$vacca_terms")" >>"$csv"
  echo "vacca,c-1-thread,2,$vacca_terms,$rep,$(wall "$work/vacca" "$vacca_terms")" >>"$csv"
done

note "EulerConstant digits, np 2 (no reference): e to 10^6, gamma to 10^4"
for rep in $(seq "$reps"); do
  echo "e-digits,mpj-numerics,2,1000000,$rep,$(wall mpj/bin/mpjrun.sh -np 2 EulerConstant --constant e --digits 1e6)" >>"$csv"
  echo "gamma-digits,mpj-numerics,2,10000,$rep,$(wall mpj/bin/mpjrun.sh -np 2 EulerConstant --constant gamma --digits 1e4)" >>"$csv"
done

note "start-up: PiMonteCarlo 1000 samples, np 2, $reps runs each"
for rep in $(seq "$reps"); do
  echo "startup,mpj-numerics,2,1000,$rep,$(wall mpj/bin/mpjrun.sh -np 2 PiMonteCarlo --samples 1000)" >>"$csv"
  echo "startup,c-openmpi,2,1000,$rep,$(wall "${mpirun_cmd[@]}" "$work/pi_mpi" 1000)" >>"$csv"
done

python3 bench/summarize.py "$csv" >"$out/summary.md"
cat "$out/summary.md"
echo "results in $out" >&2
