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
failed=()
bad() { echo "cluster test: FAIL $*" >&2; failures=$((failures + 1)); failed+=("$*"); }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }
# result_of JSON: the result object up to its first '}', the timings of its parts left out
result_of() { sed 's/"partSeconds":{[^}]*}//g' <<<"$1" | grep -o '"result":{[^}]*}' || true; }
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

# ---- faults, signals and strangers (issue 17) ---------------------------------------------
# pid_of PATTERN: the one process whose command line matches PATTERN (extended regex), waiting
# up to 30 s for it to appear.
pid_of() {
  local p i
  for i in $(seq 300); do
    p=$(pgrep -f "$1" | head -n 1 || true)
    [ -n "$p" ] && { echo "$p"; return 0; }
    sleep 0.1
  done
  return 1
}
# gone_within SECONDS PATTERN: true once no process matches PATTERN; prints the seconds it took.
gone_within() {
  local t0 i
  t0=$(now)
  for i in $(seq $(($1 * 10))); do
    pgrep -f "$2" >/dev/null || { since "$t0"; return 0; }
    sleep 0.1
  done
  since "$t0"
  return 1
}
# fault_case NAME MAX_SECONDS WANT_STATUS WANT_ERR T0_FILE PID: waits for the background job PID
# (its stderr in $work/fault.err); passes when it ended with status WANT_STATUS (any non-zero
# for "nonzero") within MAX_SECONDS of the fault's time in T0_FILE, with stderr matching WANT_ERR.
fault_case() {
  local name=$1 max=$2 want=$3 want_err=$4 t0 status=0 secs
  wait "$6" || status=$?
  t0=$(cat "$5")
  secs=$(since "$t0")
  timings+=("fault to exit, $name: ${secs} s")
  if { [ "$want" = nonzero ] && [ "$status" != 0 ] || [ "$status" = "$want" ]; } \
     && { [ -z "$want_err" ] || grep -qE "$want_err" "$work/fault.err"; } && [ "$(echo "$secs < $max" | bc)" = 1 ]; then
    ok "$name: exit $status after $secs s${want_err:+: $(grep -E "$want_err" "$work/fault.err" | head -n 1)}"
  else
    bad "$name: exit $status after $secs s: $(tail -n 5 "$work/fault.err" | tr '\n' ' ')"
  fi
}
# strangers_during KIND PATTERN: in the background until $work/strangers.stop exists, finds
# the TCP ports that processes matching PATTERN listen on, on the three hosts, and makes two
# stranger connections to each from another host: one that sends nothing and stays open, one
# that sends 64 random bytes and stays open (20 s at most). KIND ours: only sockets bound to
# one address (the abort channel, the rendezvous); mpj: only those bound to every address
# (MPJ's starter and niodev). Each probed port is listed in $work/probed-KIND.
strangers_during() {
  local kind=$1 pattern=$2
  rm -f "$work/strangers.stop"
  : >"$work/probed-$kind"
  (
    seen=" "
    while [ ! -e "$work/strangers.stop" ]; do
      for i in 1 2 3; do
        while read -r _ _ _ addr _ users; do
          port=${addr##*:} ip=${addr%:*}
          pid=$(grep -o 'pid=[0-9]*' <<<"$users" | head -n 1 | cut -d= -f2)
          [ -n "$pid" ] || continue
          args=$(ps -o args= -p "$pid" 2>/dev/null || true)
          grep -qE "$pattern" <<<"$args" || continue
          case "$ip" in '*'|0.0.0.0|'[::]') [ "$kind" = mpj ] || continue; ip=$SUBNET.$i ;; *) [ "$kind" = ours ] || continue ;; esac
          [[ "$seen" == *" $i:$port "* ]] && continue
          seen+="$i:$port "
          case "$args" in *Rendezvous*) who=rendezvous ;; *starter.jar*) who=starter ;; *) who="rank JVM" ;; esac
          from=$((i % 3 + 1))
          nsenter --net="/run/netns/$NS_PREFIX-h$from" timeout 20 bash -c "exec 3<>/dev/tcp/$ip/$port && sleep 20" &
          nsenter --net="/run/netns/$NS_PREFIX-h$from" timeout 20 bash -c \
            "exec 3<>/dev/tcp/$ip/$port && head -c 64 /dev/urandom >&3 && sleep 20" &
          echo "mpjt$i:$port ($who)" >>"$work/probed-$kind"
        done < <(nsenter --net="/run/netns/$NS_PREFIX-h$i" ss -ltnpH 2>/dev/null)
      done
      sleep 0.05
    done
    wait
  ) >/dev/null 2>&1 &
  strangers_pid=$!
}
strangers_done() {  # stops the prober (its connections end within 20 s by themselves)
  touch "$work/strangers.stop"
  wait "$strangers_pid" 2>/dev/null || true
}

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
  "PrimeCount --from 1e6 --to 1e12 --method combinatorial"
  "NthPrime --n 1e9"
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

# Users' own MPJ programs (src/test/mpj, default package): each checks its results itself;
# a rank's System.exit status after Finalize is the job's, as under mpirun.
javac -cp mpj/lib/mpj.jar -d "$work/userprogs" src/test/mpj/*.java
user_run() {  # user_run NAME WANT_STATUS STDOUT_PATTERN COMMAND...
  local name=$1 want=$2 pattern=$3 out status=0 t0 secs
  shift 3
  t0=$(now)
  out=$("$@" 2>"$work/user.err") || status=$?
  secs=$(since "$t0")
  if [ "$status" = "$want" ] && grep -qE "$pattern" <<<"$out"; then
    ok "$name: exit $status after $secs s"
  else
    bad "$name: exit $status after $secs s: $out $(tr '\n' ' ' <"$work/user.err")"
  fi
}
user_run "niodev, a user's collectives on 3 hosts" 0 '^ok Collectives$' \
  mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" -cp "$work/userprogs" Collectives
user_run "niodev, a user's rank 1 exits 3 after Finalize" 3 '^rank 2 done$' \
  mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" -cp "$work/userprogs" FinalizeThenExit 1 3

# A user's program opens no abort channel: the launcher's job watch (runtime.JobWatch) ends it
# when a rank JVM is killed or its host is lost, while the other ranks wait in a Barrier.
user_fault() {  # user_fault TAG: Stall on the 3 hosts, rank 2 (on mpjt3) asleep, in the background
  mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" -cp "$work/userprogs" Stall 2 "$1" \
    >/dev/null 2>"$work/fault.err" &
  fault_pid=$!
  for _ in $(seq 300); do [ "$(pgrep -fc "Wrapper .*Stall 2 $1")" -ge 3 ] && break; sleep 0.1; done
  sleep 5
}
user_fault u17
r2=$(pid_of "Wrapper .* 2 mpjnumerics.launch.RankEntry Stall 2 u17")
kill -9 "$r2"
now >"$work/fault.t0"
fault_case "niodev, a user's rank 2 killed (SIGKILL)" 10 1 "^error: rank 2 \(pid $r2 on mpjt3\) ended before the job finished" \
  "$work/fault.t0" "$fault_pid"
user_fault u18
ip -n "$NS_PREFIX-h3" link set eth0 down
now >"$work/fault.t0"
fault_case "niodev, a user's program, host mpjt3 cut off" 30 1 "^error: rank 2 .*mpjt3.* lost" "$work/fault.t0" "$fault_pid"
ip -n "$NS_PREFIX-h3" link set eth0 up
left=$(gone_within 30 "Stall 2 u1[78]") && ok "a user's program's faults: every process of the jobs gone $left s after" \
  || bad "a user's program's faults: left after 30 s: $(pgrep -af 'Stall 2 u1[78]' | cut -c1-120)"

# A host lost mid-job (its link taken down), rank 0 killed, the launcher sent SIGTERM or
# SIGKILL, strangers at the job's ports: each ends (or leaves) the niodev job as it should.
fault_start() {  # fault_start MARKER ARGS...: a long niodev job on the 3 hosts, in the background
  local m=$1
  shift
  mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" "$@" CollatzSteps --to "1e11+$m" \
    >/dev/null 2>"$work/fault.err" &
  fault_pid=$!
  # all three rank JVMs, then time for MPI.Init and the abort channel (a loaded machine is slow)
  pid_of "Wrapper .*1e11\+$m" >/dev/null
  for _ in $(seq 300); do [ "$(pgrep -fc "Wrapper .*1e11\+$m")" -ge 3 ] && break; sleep 0.1; done
  sleep 5
}
fault_start 17001
ip -n "$NS_PREFIX-h3" link set eth0 down
now >"$work/fault.t0"
fault_case "niodev, host mpjt3 cut off" 30 nonzero "error: rank 2 .*mpjt3.* lost" "$work/fault.t0" "$fault_pid"
ip -n "$NS_PREFIX-h3" link set eth0 up
left=$(gone_within 30 "1e11\+17001") && ok "host cut off: every process of the job gone $left s after its end" \
  || bad "host cut off: processes of the job left 30 s after its end: $(pgrep -af '1e11\+17001' | cut -c1-120)"

# A host lost mid-job with --checkpoint: the job fails as above, and the same command on the
# two hosts left resumes from the checkpoint and gives the uninterrupted run's count.
# (its count is also the one the SLURM requeue case below must give)
ckpt_want=$(mpjrun_here -np 3 PrimeCount --to 4e10+17010 --method sieve --json 2>/dev/null | grep -o '"count":[0-9]*' | cut -d: -f2)
printf 'mpjt1\nmpjt2\n' >"$work/machines2"
ckpt=$work/lost.ckpt
mpjrun_on1 -np 3 -dev niodev -machinesfile "$work/machines" PrimeCount --to 4e10+17010 --method sieve \
  --checkpoint "$ckpt" --checkpoint-every 1 --json >/dev/null 2>"$work/fault.err" &
lost_pid=$!
for _ in $(seq 300); do [ -s "$ckpt" ] && break; sleep 0.1; done
sleep 1
ip -n "$NS_PREFIX-h3" link set eth0 down
wait "$lost_pid" && lost_status=0 || lost_status=$?
ip -n "$NS_PREFIX-h3" link set eth0 up
t0=$(now)
got=$(mpjrun_on1 -np 2 -dev niodev -machinesfile "$work/machines2" PrimeCount --to 4e10+17010 --method sieve \
  --checkpoint "$ckpt" --json 2>"$work/stderr.txt" | grep -o '"count":[0-9]*' | cut -d: -f2) || true
timings+=("niodev, host lost, resumed on the 2 hosts left: $(since "$t0") s")
if [ "$lost_status" != 0 ] && [ -n "$ckpt_want" ] && [ "$got" = "$ckpt_want" ] && [ ! -e "$ckpt" ]; then
  ok "niodev, host lost with --checkpoint (exit $lost_status): resumed on 2 hosts, $got primes as uninterrupted"
else
  bad "niodev, host lost with --checkpoint: exit $lost_status, then ${got:-no result} (want $ckpt_want): $(tail -n 3 "$work/fault.err" "$work/stderr.txt" | tr '\n' ' ')"
fi

fault_start 17002
r0=$(pid_of "Wrapper .* niodev [^ ]+ [0-9]+ 0 mpjnumerics.launch.RankEntry .*1e11\+17002")
kill -9 "$r0"
now >"$work/fault.t0"
fault_case "niodev, rank 0 killed (SIGKILL)" 10 1 "^error: rank 0 \(pid $r0 on mpjt1\) ended before the job finished" \
  "$work/fault.t0" "$fault_pid"
[ "$(grep -c '^error:' "$work/fault.err")" = 1 ] && ok "rank 0 killed: one error line" \
  || bad "rank 0 killed: $(grep -c '^error:' "$work/fault.err") error lines"

for sig in TERM KILL; do
  m=$((17003 + ${#sig}))
  fault_start "$m"
  launcher=$(pid_of "^bash .*mpjrun\.sh .*1e11\+$m")
  kill -"$sig" "$launcher"
  now >"$work/fault.t0"
  if [ "$sig" = TERM ]; then
    fault_case "niodev, SIGTERM to mpjrun.sh" 3 143 "" "$work/fault.t0" "$fault_pid"
  else
    wait "$fault_pid" || true
  fi
  if left=$(gone_within 30 "1e11\+$m"); then
    timings+=("SIG$sig to mpjrun.sh to no process of the job left, niodev: $left s")
    ok "niodev, SIG$sig to mpjrun.sh: starter and ranks gone after $left s"
  else
    bad "niodev, SIG$sig to mpjrun.sh: left after 30 s: $(pgrep -af "1e11\+$m" | cut -c1-120)"
  fi
  homes=$(find mpj/run -mindepth 1 -maxdepth 1 -name 'job.*' | wc -l)
  [ "$homes" = 0 ] && ok "niodev, SIG$sig: no job folder left in mpj/run" || bad "niodev, SIG$sig: $homes job folders left in mpj/run"
done

# Strangers at every port the job's processes listen on, from another host, while it runs:
# first the project's own sockets (only the job's connections may count), then MPJ's (starter,
# niodev), whose outcome is reported, not required.
# A job that MPJ's start-up cannot finish gives up after 15 s (-Dmpjnumerics.joinSeconds), not 60.
want=$(result_of "$(mpjrun_here -np 3 CollatzSteps --to 5e8 --json)")
for kind in ours mpj; do
  strangers_during "$kind" "CollatzSteps --to 5e8 --json"
  t0=$(now)
  got=$(mpjrun_on1 -Dmpjnumerics.joinSeconds=15 -np 3 -dev niodev -machinesfile "$work/machines" \
    CollatzSteps --to 5e8 --json 2>"$work/stderr.txt" \
    | grep '^{' | tail -n 1) || true
  secs=$(since "$t0")
  strangers_done
  probed=$(tr '\n' ' ' <"$work/probed-$kind")
  if [ -n "$want" ] && [ "$(result_of "$got")" = "$want" ]; then verdict="the job's result, in $secs s"; else verdict="job FAILED after $secs s: $(tail -n 2 "$work/stderr.txt" | tr '\n' ' ')"; fi
  timings+=("strangers at niodev's $kind ports (${probed:-none open when probed}): $verdict")
  if [ "$kind" = ours ]; then
    case "$verdict" in "the job's result"*) ok "niodev, strangers at our ports ($probed): $verdict" ;; *) bad "niodev, strangers at our ports ($probed): $verdict" ;; esac
  else
    ok "niodev, strangers at MPJ's ports ($probed): $verdict (reported, not required)"
  fi
done
# this project tree's rank JVMs and starters only (other trees may run jobs on this machine)
left=$(gone_within 30 "$root/(target|mpj/run).*(RankEntry|starter)") && ok "faults under niodev: no rank JVM of this tree left" \
  || bad "faults under niodev: rank JVMs left: $(pgrep -af "$root/(target|mpj/run).*(RankEntry|starter)" | cut -c1-120)"

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

# The release tarball (make dist), unpacked elsewhere: one batch script from it, submitted as a
# user with the modulefile loaded would (MPJ_NUMERICS_HOME set, from the release's folder):
# stdout is the JSON result alone, stderr in its own file.
tarball=$(ls -t "$root"/target/mpj-numerics-*.tar.gz 2>/dev/null | head -n 1)
if [ -z "$tarball" ]; then
  bad "sbatch from the release: no tarball in target/ (make dist)"
else
  mkdir "$work/release"
  tar -C "$work/release" -xzf "$tarball"
  rel=$(echo "$work"/release/mpj-numerics-*)
  want=$(result_of "$(mpjrun_here -np 4 PiMonteCarlo --samples 1e7 --json 2>/dev/null)")
  r=$(sbatch_wait --chdir="$rel" --export=ALL,MPJ_NUMERICS_HOME="$rel" "$rel/jobs/pi-monte-carlo.sbatch" --samples 1e7 --json)
  set -- $r
  out=$rel/logs/pi-monte-carlo-$3.out err=$rel/logs/pi-monte-carlo-$3.err
  if [ "$1" = COMPLETED ] && [ "$(grep -c . "$out")" = 1 ] && [ -n "$want" ] \
      && [ "$(result_of "$(cat "$out")")" = "$want" ] && grep -q "^mpj-numerics: PiMonteCarlo on 4 tasks" "$err"; then
    ok "sbatch jobs/pi-monte-carlo.sbatch from the release: COMPLETED, JSON result alone in .out, log in .err"
  else
    bad "sbatch from the release: $r: $(cat "$out" "$err" 2>&1 | head -c 600)"
  fi
fi

# A batch job warned before its time limit (SLURM's USR1, sent here with scancel) writes its
# checkpoint, ends with 75 and requeues itself; the next allocation resumes and finishes: one
# sbatch, the uninterrupted run's count, progress lines in the batch log, no checkpoint left.
want=$ckpt_want
id=$(on mpjt1 sbatch --parsable jobs/prime-count.sbatch --to 4e10+17010 --method sieve --progress-every 1 --checkpoint-every 1)
id=${id%%;*}
out=logs/prime-count-$id.out err=logs/prime-count-$id.err
for _ in $(seq 600); do grep -q '% done' "$err" 2>/dev/null && break; sleep 0.1; done
on mpjt1 scancel --signal=USR1 --batch "$id"
t0=$(now)
requeued="" deadline=$((SECONDS + 150))
while [ "$SECONDS" -lt "$deadline" ]; do
  state=$(on mpjt1 scontrol -o show job "$id" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
  [ -n "$requeued" ] || ! grep -q 'requeueing job' "$err" 2>/dev/null || requeued=$(since "$t0")
  case "$state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED) break ;; esac
  sleep 0.2
done
timings+=("sbatch, USR1 to the batch script to the job's checkpoint written and requeue asked: ${requeued:-never} s")
if [ "$state" = COMPLETED ] && [ -n "$want" ] && grep -q "^ *$want primes" "$out" && [ -n "$requeued" ] \
    && grep -q "restart 1" "$err" && grep -q '% done' "$err" && [ ! -e "checkpoints/prime-count-$id.ckpt" ]; then
  ok "sbatch, warned by USR1: checkpoint, exit 75, requeued, resumed, $want primes (as uninterrupted); progress in the log:$(grep -m 2 '% done' "$err" | sed 's/^/ | /' | tr '\n' ' ')"
else
  bad "sbatch, warned by USR1: $state (want $want, requeued after ${requeued:-never} s): $(tail -n 8 "$out" "$err" 2>&1 | tr '\n' ' ' | head -c 900)"
fi

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
user_run "srun, a user's point-to-point on 3 nodes" 0 '^ok PointToPoint$' salloc_run -cp "$work/userprogs" PointToPoint
user_run "srun, a user's rank 1 exits 3 after Finalize" 3 'done' salloc_run -cp "$work/userprogs" FinalizeThenExit 1 3
no_rank_left "srun launches"

# srun: the launcher sent SIGTERM or SIGKILL; strangers at the rendezvous and the abort
# channel; a job name that does not exist.
for sig in TERM KILL; do
  m=$((17010 + ${#sig}))
  on mpjt1 salloc -Q -N 3 -n 3 mpj/bin/mpjrun.sh CollatzSteps --to "1e11+$m" >/dev/null 2>"$work/fault.err" &
  fault_pid=$!
  pid_of "java .*RankEntry --srun .*1e11\+$m" >/dev/null && sleep 5
  launcher=$(pid_of "^bash .*mpjrun\.sh .*1e11\+$m")
  kill -"$sig" "$launcher"
  now >"$work/fault.t0"
  if [ "$sig" = TERM ]; then
    fault_case "srun, SIGTERM to mpjrun.sh" 3 143 "" "$work/fault.t0" "$fault_pid"
  else
    wait "$fault_pid" || true
  fi
  if left=$(gone_within 30 "RankEntry .*1e11\+$m"); then
    timings+=("SIG$sig to mpjrun.sh to no rank left, srun: $left s")
    ok "srun, SIG$sig to mpjrun.sh: every rank gone after $left s"
  else
    bad "srun, SIG$sig to mpjrun.sh: ranks left after 30 s"
  fi
done
strangers_during ours "Rendezvous|RankEntry --srun"
t0=$(now)
out=$(salloc_run Hello 2>"$work/stderr.txt") && status=0 || status=$?
secs=$(since "$t0")
strangers_done
probed=$(tr '\n' ' ' <"$work/probed-ours")
timings+=("strangers at srun's ports (${probed:-none open when probed}): exit $status in $secs s")
if [ "$status" = 0 ] && [ "$(grep -o 'mpjt[123]' <<<"$out" | sort -u | wc -l)" = 3 ] && [ -n "$probed" ]; then
  ok "srun, strangers at the rendezvous and the abort channel ($probed): the job ran, in $secs s"
else
  bad "srun, strangers at ($probed): exit $status after $secs s: $(tail -n 3 "$work/stderr.txt" | tr '\n' ' ')"
fi
out=$(salloc_run NoSuchJob 2>"$work/stderr.txt") && status=0 || status=$?
if [ "$status" = 2 ] && [ "$(grep -c . "$work/stderr.txt")" = 1 ] && grep -q "^error: no job or class named 'NoSuchJob'" "$work/stderr.txt"; then
  ok "srun, a job that does not exist: exit 2, one line"
else
  bad "srun, a job that does not exist: exit $status: $(head -n 5 "$work/stderr.txt" | tr '\n' ' ')"
fi
printf 'mpjt1\nno-such-host.invalid\n' >"$work/machines-bad"
out=$(mpjrun_on1 -np 2 -dev niodev -machinesfile "$work/machines-bad" Hello 2>"$work/stderr.txt") && status=0 || status=$?
if [ "$status" = 2 ] && [ -z "$out" ] && [ "$(grep -c . "$work/stderr.txt")" = 1 ] && grep -q "no-such-host.invalid.*machines-bad" "$work/stderr.txt"; then
  ok "an unknown host in the machines file: exit 2, one line"
else
  bad "an unknown host in the machines file: exit $status: $(head -n 5 "$work/stderr.txt" | tr '\n' ' ')"
fi

echo >&2
for t in "${timings[@]}"; do echo "cluster timing: $t" >&2; done
echo "cluster timing: whole suite: $(since "$suite_start") s" >&2
if [ "$failures" -gt 0 ]; then
  # again at the end, where a CI log's tail shows them
  for f in "${failed[@]}"; do echo "cluster test: FAILED: ${f:0:400}" >&2; done
  echo "error: $failures cluster test(s) failed" >&2
  exit 1
fi
echo "cluster tests: all passed" >&2
