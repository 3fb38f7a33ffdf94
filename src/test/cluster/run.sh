#!/usr/bin/env bash
# make cluster-test: the cluster half of the project run for real on one machine. Three hosts
# (network namespaces on a private bridge, see hosts.sh) run niodev and hybdev jobs through
# MPJ daemons, then a three-node SLURM cluster (slurm.sh) runs every batch script in jobs/
# with sbatch; a failing rank must end each launch path with an error, and every job has a
# deadline (a hang fails). Prints the start-up and failure timings and the
# suite's wall time. Needs root and ip netns: without them it fails, unless CLUSTER_TESTS=skip
# (then it says so on stderr and exits 0). Cleans up after itself (also when a test fails):
# daemons, SLURM, namespaces, temporary files.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
cannot_run() {
  if [ "${CLUSTER_TESTS:-}" = skip ]; then
    echo "cluster tests skipped (CLUSTER_TESTS=skip): $1" >&2
    exit 0
  fi
  echo "error: cluster tests cannot run: $1 (CLUSTER_TESTS=skip skips them)" >&2
  exit 1
}
[ "$(id -u)" = 0 ] || cannot_run "network namespaces need root"
ip netns list >/dev/null 2>&1 || cannot_run "no 'ip netns' (iproute2 with network namespaces)"
source src/test/cluster/hosts.sh
source src/test/cluster/slurm.sh

suite_start=$(date +%s.%N)
work=$(mktemp -d /tmp/mpjt.XXXXXX)
chmod 755 "$work"
failures=0
timings=()
DPORT=""        # the MPJ daemons' port, chosen once the hosts are up
RUN_TIMEOUT=120 # a job still running after this long is stopped, and fails
# Every job this script starts carries this JVM option, so that its rank JVMs can be told
# apart from any other run's (mpjrun.sh hands it to every JVM it starts).
MARK=-Dmpjnumerics.test.run=${work##*/}

stop_daemons() {
  local h
  [ -n "$DPORT" ] || return 0
  for h in "${HOSTS[@]}"; do
    [ -d "$work/state-$h" ] && MPJ_DAEMON_STATE=$work/state-$h on "$h" mpj/bin/mpjdaemon.sh stop "$DPORT" 2>/dev/null || true
  done
}
cleanup() {
  set +e
  stop_daemons
  slurm_down "$work"
  hosts_down
  rm -rf "$work"
}
trap cleanup EXIT

ok() { echo "cluster test: ok   $*" >&2; }
bad() { echo "cluster test: FAIL $*" >&2; failures=$((failures + 1)); }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }
result_of() { grep -o '"result":{[^}]*}' <<<"$1" || true; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

# expect_failure NAME COMMAND...: non-zero exit, "error: rank" said, before RUN_TIMEOUT (the
# time it took is reported, not judged: a slow machine is no failure, a hang is)
expect_failure() {
  local name=$1 t0 status=0 err secs
  shift
  t0=$(now)
  err=$("$@" 2>&1 >/dev/null) || status=$?
  secs=$(since "$t0")
  timings+=("failure to exit, $name: ${secs} s")
  # timeout's status: 124, or 137 if the job also needed a KILL (then it took this long)
  if [ "$status" = 124 ] || { [ "$status" = 137 ] && [ "$(echo "$secs >= $RUN_TIMEOUT" | bc)" = 1 ]; }; then
    bad "$name: still running after $RUN_TIMEOUT s, stopped: $err"
  elif [ "$status" -ne 0 ] && grep -q "error: rank" <<<"$err"; then
    ok "$name: exit $status after $secs s"
  else
    bad "$name: exit $status after $secs s: $err"
  fi
}

# startup NAME COMMAND...: median wall time of three runs of a tiny job
startup() {
  local name=$1 t0 a=() i
  shift
  for i in 1 2 3; do
    t0=$(now)
    "$@" >/dev/null 2>&1 || { bad "start-up run failed: $name"; return; }
    a+=("$(since "$t0")")
  done
  timings+=("start-up of a tiny job, $name: $(median3 "${a[@]}") s")
}

# Rank JVMs of this run still alive: any in the hosts' namespaces (daemons', srun's and
# sbatch's ranks), and those started here with this run's marker (multicore), whatever
# launch class they run.
our_rank_jvms() {
  local i pid
  { for i in 1 2 3; do ip netns pids "$NS_PREFIX-h$i" 2>/dev/null || true; done
    pgrep -f -- "$MARK" || true; } | sort -u |
  while read -r pid; do
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q 'mpjnumerics\.launch\.' && echo "$pid" || true
  done
}
no_rank_left() {  # waits up to 10 s for this run's rank JVMs to exit: a leaked one stays
  local left deadline=$((SECONDS + 10))
  while left=$(our_rank_jvms) && [ -n "$left" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if [ -z "$left" ]; then
    ok "$1: no rank JVM left"
  else
    bad "$1: $(wc -l <<<"$left") rank JVMs left"
    ps -o pid=,args= -p "$(tr '\n' ',' <<<"$left" | sed 's/,$//')" >&2 || true
  fi
}
# A port for the MPJ daemons, free on every host: below the kernel's ephemeral range (no
# outgoing connection takes it meanwhile), not 40052 (the daemons' port manager, from
# mpj/conf), and with no socket bound to it on any host.
daemon_port() {
  local lo=32768 p i
  read -r lo _ </proc/sys/net/ipv4/ip_local_port_range || true
  for _ in $(seq 100); do
    p=$((lo - 10000 + RANDOM % 10000))
    [ "$p" -gt 1024 ] && [ "$p" != 40052 ] || continue
    for i in 1 2 3; do
      [ -z "$(nsenter --net="/run/netns/$NS_PREFIX-h$i" ss -tanH "sport = :$p")" ] || continue 2
    done
    echo "$p"
    return 0
  done
  echo "error: no free port for the MPJ daemons" >&2
  return 1
}
# Every job run through these: this run's marker, and a deadline.
mpjrun_here() { timeout -k 10 "$RUN_TIMEOUT" mpj/bin/mpjrun.sh "$MARK" "$@"; }

export MPJ_NUMERICS_VECTOR=0
unset MPJ_HOME

# ---- three hosts, MPJ daemons ----------------------------------------------------------
hosts_up "$work"
DPORT=$(daemon_port)
for h in "${HOSTS[@]}"; do
  MPJ_DAEMON_STATE=$work/state-$h on "$h" mpj/bin/mpjdaemon.sh start "$DPORT"
done
printf '%s\n' "${HOSTS[@]}" >"$work/machines"
mpjrun_on1() { on mpjt1 timeout -k 10 "$RUN_TIMEOUT" mpj/bin/mpjrun.sh "$MARK" -dport "$DPORT" "$@"; }

reference=$(result_of "$(mpjrun_here -np 3 CollatzSteps --to 3e5 --json)")
for c in "niodev 3" "hybdev 6"; do
  set -- $c
  out=$(mpjrun_on1 -np "$2" -dev "$1" -machinesfile "$work/machines" CollatzSteps --to 3e5 --json) || true
  if [ -n "$reference" ] && [ "$(result_of "$out")" = "$reference" ] && grep -q "\"ranks\":$2" <<<"$out"; then
    ok "$1 on 3 hosts, $2 ranks: the multicore result"
  else
    bad "$1 on 3 hosts: $out (multicore: $reference)"
  fi
done
# every job on both cluster devices: same results as multicore (timing fields aside)
every_job=(
  "PiMonteCarlo --samples 1e6"
  "PrimeCount --from 1e9 --to 1e9+1e6"
  "PrimeCount --from 1e9 --to 1e9+1e6 --tuplets 2"
  "PrimeGaps --from 1e9 --to 1e9+1e6"
  "PrimeList --to 1e5 --out $work/primes-%s.txt"
  "CollatzSteps --from 1e12 --to 1e12+1e4"
  "EulerConstant --constant e --samples 1e6"
  "EulerConstant --constant gamma --method series --terms 1e6"
  "EulerConstant --constant e --digits 2000"
  "EulerConstant --constant gamma --digits 300"
)
for spec in "${every_job[@]}"; do
  # shellcheck disable=SC2086,SC2059
  want=$(result_of "$(mpjrun_here -np 3 $(printf "$spec" multicore) --json)" | sed 's/"out":"[^"]*"//')
  for c in "niodev 3" "hybdev 6"; do
    set -- $c
    # shellcheck disable=SC2086,SC2059
    # The result is judged on stdout's JSON line alone: MPJ's starter now and then prints a
    # stack trace on stderr when a daemon's output connection closes without its EXIT line
    # (runtime.starter.IOMessagesThread); taking the last line of both failed on it.
    got=$(mpjrun_on1 -np "$2" -dev "$1" -machinesfile "$work/machines" $(printf "$spec" "$1") --json \
      2>"$work/stderr.txt" | grep '^{' | tail -n 1) || true
    if [ -n "$want" ] && [ "$(result_of "$got" | sed 's/"out":"[^"]*"//')" = "$want" ]; then
      ok "$1: ${spec//\/primes-%s.txt/\/primes.txt} gives the multicore result"
    else
      bad "$1: $spec: ${got:-no result on stdout} (stderr: $(tail -n 3 "$work/stderr.txt" | tr '\n' ' ')) (multicore: $want)"
    fi
  done
done
for c in "niodev 3" "hybdev 6"; do
  set -- $c
  mpjrun_on1 -np "$2" -dev "$1" -machinesfile "$work/machines" PingPong --max-bytes 1024 --iterations 10 >/dev/null \
    && ok "$1: PingPong runs" || bad "$1: PingPong failed"
done
cmp -s "$work/primes-niodev.txt" "$work/primes-multicore.txt" && cmp -s "$work/primes-hybdev.txt" "$work/primes-multicore.txt" \
  && ok "PrimeList's file is the same from every device" || bad "PrimeList's files differ between devices"
hosts_seen=$(mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" Hello | grep -o 'mpjt[123]' | sort -u | wc -l)
[ "$hosts_seen" = 3 ] && ok "niodev ranks ran on all 3 hosts" || bad "niodev ranks ran on $hosts_seen hosts"

expect_failure "niodev, rank throws" mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" Hello --fail-rank 2
expect_failure "niodev, rank calls System.exit" mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" Hello --fail-rank 2 --fail-mode exit
expect_failure "hybdev, rank throws" mpjrun_on1 -np 6 -dev hybdev -machinesfile "$work/machines" Hello --fail-rank 4
expect_failure "hybdev, rank calls System.exit" mpjrun_on1 -np 6 -dev hybdev -machinesfile "$work/machines" Hello --fail-rank 3 --fail-mode exit
no_rank_left "daemon launches"

startup "multicore, np 3" mpjrun_here -np 3 PiMonteCarlo --samples 1000
startup "niodev with daemons, np 3 on 3 hosts" mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" PiMonteCarlo --samples 1000
startup "hybdev with daemons, np 6 on 3 hosts" mpjrun_on1 -np 6 -dev hybdev -machinesfile "$work/machines" PiMonteCarlo --samples 1000
expect_failure "multicore, rank throws" mpjrun_here -np 3 Hello --fail-rank 2

stop_daemons
listening=$(for i in 1 2 3; do nsenter --net="/run/netns/$NS_PREFIX-h$i" ss -ltnH; done | wc -l)
[ "$listening" = 0 ] && ok "no daemon left listening" || bad "$listening sockets still listening after the daemons stopped"

# ---- three-node SLURM, no daemons --------------------------------------------------------
slurm_up "$work"
ok "SLURM up: $(on mpjt1 sinfo -h -N -o '%N' | tr '\n' ' ')"
mkdir -p logs
check_batch() {  # check_batch SCRIPT EXPECTED_TEXT [VAR=VALUE...]: overrides go in through --export
  local script=$1 expect=$2 r export=ALL v
  shift 2
  for v in "$@"; do export+=",$v"; done
  r=$(sbatch_wait --export="$export" "jobs/$script")
  set -- $r
  if [ "$1" = COMPLETED ] && grep -q "$expect" "logs/${script%.sbatch}-$3.out"; then
    ok "sbatch jobs/$script: COMPLETED"
  else
    bad "sbatch jobs/$script: $r"
    cat "logs/${script%.sbatch}-$3.out" >&2 || true
  fi
}
check_batch pi-monte-carlo.sbatch "pi ~" SAMPLES=1e7
check_batch prime-count.sbatch "5761455" TO=1e8
check_batch prime-list.sbatch "664579" TO=1e7 OUT="$work/primes.txt"
check_batch collatz-steps.sbatch "837799" TO=1e6
check_batch euler-constant.sbatch "e ~" SAMPLES=1e7
check_batch ping-pong.sbatch "bytes" MAX_BYTES=65536
check_batch hello.sbatch "mpjt3"

t0=$(now)
r=$(sbatch_wait --export=ALL,FAIL_RANK=1 jobs/hello.sbatch)
secs=$(since "$t0")
set -- $r
timings+=("failure to exit, sbatch (FAILED state seen): ${secs} s")
if [ "$1" = FAILED ] && [ "${2%%:*}" != 0 ]; then
  ok "a failing rank: the batch job ends FAILED (exit $2) after $secs s"
else
  bad "a failing rank under sbatch: $r after $secs s"
fi
salloc_run() { on mpjt1 timeout -k 10 "$RUN_TIMEOUT" salloc -Q -N 3 -n 3 mpj/bin/mpjrun.sh "$MARK" "$@"; }
expect_failure "srun, rank throws" salloc_run Hello --fail-rank 1
expect_failure "srun, rank calls System.exit" salloc_run Hello --fail-rank 2 --fail-mode exit
startup "srun without daemons, np 3 on 3 nodes (salloc included)" salloc_run PiMonteCarlo --samples 1000
no_rank_left "srun launches"

echo >&2
for t in "${timings[@]}"; do echo "cluster timing: $t" >&2; done
echo "cluster timing: whole suite: $(since "$suite_start") s" >&2
if [ "$failures" -gt 0 ]; then
  echo "error: $failures cluster test(s) failed" >&2
  exit 1
fi
echo "cluster tests: all passed" >&2
