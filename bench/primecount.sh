#!/usr/bin/env bash
# The combinatorial prime count and NthPrime at sizes too large for the unit tests: each
# result checked against OEIS (A006880 pi(10^k), A006988 the (10^k)-th prime), with wall
# time and peak RSS (GNU time) at np 1 and 2, and primecount -t1/-t2 alongside when
# installed (apt-get install primecount-bin).
#   bench/primecount.sh            10^12 .. 10^18
#   MAX_K=16 bench/primecount.sh   stop at 10^16
# Scaling from np 1 to np 2 at 10^16, where one run of each is at the mercy of the host's
# noise: SCALING_ROUNDS more rounds (default 3) of np 1 and 2, interleaved with primecount's
# -t1 and -t2, rows "pi(1e16) round R"; the medians' ratios go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
max_k=${MAX_K:-18}
declare -A PI=([12]=37607912018 [13]=346065536839 [14]=3204941750802 [15]=29844570422669
  [16]=279238341033925 [17]=2623557157654233 [18]=24739954287740860)
declare -A NTH=([12]=29996224275833 [13]=323780508946331 [14]=3475385758524527 [15]=37124508045065437)
jar=target/mpj-numerics.jar

# run NP JOB ARGS...: prints "result wall_seconds rss_mib"
run() {
  local np=$1 field=$2
  shift 2
  local t
  t=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$t" mpj/bin/mpjrun.sh -np "$np" "$@" --json 2>/dev/null |
    python3 -c "import json,sys; print(json.load(sys.stdin)['result']['$field'], end=' ')"
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$t"
  rm -f "$t"
}

# pc ARGS...: runs primecount, prints "output wall_seconds rss_mib"
pc() {
  local t out
  t=$(mktemp)
  out=$(/usr/bin/time -f "%e %M" -o "$t" primecount "$@")
  echo "$out $(awk '{printf "%s %.0f", $1, $2 / 1024}' "$t")"
  rm -f "$t"
}

check() {
  [ "$1" = "$2" ] || { echo "error: $3 gave $1, expected $2" >&2; exit 1; }
}

echo "what,np,seconds,peak_rss_mib"
for k in $(seq 12 "$max_k"); do
  for np in 1 2; do
    read -r got secs rss < <(run "$np" count PrimeCount --to "1e$k" --method combinatorial)
    check "$got" "${PI[$k]}" "pi(1e$k) np $np"
    echo "pi(1e$k),$np,$secs,$rss"
  done
  if command -v primecount >/dev/null; then
    for t in 1 2; do
      read -r got secs rss < <(pc "1e$k" -t$t)
      check "$got" "${PI[$k]}" "primecount 1e$k"
      echo "pi(1e$k) primecount,$t,$secs,$rss"
    done
  fi
done
for k in 12 13 14 15; do
  [ "$k" -le "$max_k" ] || break
  read -r got secs rss < <(run 2 prime NthPrime --n "1e$k")
  check "$got" "${NTH[$k]}" "NthPrime 1e$k"
  echo "nth(1e$k),2,$secs,$rss"
  if command -v primecount >/dev/null; then
    read -r got secs rss < <(pc -n "1e$k" -t2)
    check "$got" "${NTH[$k]}" "primecount -n 1e$k"
    echo "nth(1e$k) primecount,2,$secs,$rss"
  fi
done
rounds=${SCALING_ROUNDS:-3}
if [ "$max_k" -ge 16 ] && [ "$rounds" -gt 0 ]; then
  declare -A walls=()
  for r in $(seq "$rounds"); do
    for np in 1 2; do
      read -r got secs rss < <(run "$np" count PrimeCount --to 1e16 --method combinatorial)
      check "$got" "${PI[16]}" "pi(1e16) np $np"
      echo "pi(1e16) round $r,$np,$secs,$rss"
      walls[ours$np]+="$secs "
      if command -v primecount >/dev/null; then
        read -r got secs rss < <(pc 1e16 -t$np)
        check "$got" "${PI[16]}" "primecount 1e16"
        echo "pi(1e16) primecount round $r,$np,$secs,$rss"
        walls[theirs$np]+="$secs "
      fi
    done
  done
  median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
  for who in ours theirs; do
    [ -n "${walls[${who}1]:-}" ] || continue
    m1=$(median <<<"${walls[${who}1]}")
    m2=$(median <<<"${walls[${who}2]}")
    echo "scaling at 1e16 ($who, median of $rounds): np 1 $m1 s, np 2 $m2 s, $(echo "scale=2; $m1 / $m2" | bc)x" >&2
  done
fi
