#!/usr/bin/env bash
# mpjrun.sh [MPJ options] JOB|CLASS [job options]
#
# Runs a job of mpj-numerics (its short name, or a class name) with the
# MPJ Express home this script lives in. Works from any folder. It knows no job: the jar
# resolves the name, checks the options and says what the job's JVMs need.
#   - default device: multicore, run by the project's own launcher (same smpdev device as
#     MPJ's starter, but stdout/stderr kept apart and the job's exit status returned);
#   - with -machinesfile (default then niodev) or -dev niodev|hybdev: MPJ's starter, with the
#     remaining MPJ options (-wdir, -psl, -dport, ...) passed through, on a port of its own;
#   - -dev srun (the default inside a SLURM allocation): niodev without daemons, one JVM per
#     rank started by srun, meeting at a rendezvous server of this project.
# Any other option before the job name (-Xmx8g, -Dkey=value, ...) goes to the JVM.
#
# Environment: MPJ_HOME, an MPJ Express installation of your own (the layout of MPJ Express's
# release: lib/*.jar, conf/mpjexpress.conf), used when set, else the runtime bundled here;
# JAVA_HOME, the JDK (17 or newer) to run, else java on the PATH.
set -euo pipefail
# When the launch began, for the report's processSeconds (report.LaunchClock), in microseconds.
started=${EPOCHREALTIME:-}
started=${started//[!0-9]/}

fail() { echo "error: $1" >&2; exit "${2:-2}"; }

self=$(readlink -f "${BASH_SOURCE[0]}")
# The folder holding bin/: in a release, its top, which is also the bundled MPJ home and keeps the
# project jar in lib/; in a source tree, mpj/, with the jar that make builds in target/ beside it.
bundled=$(cd "$(dirname "$self")/.." && pwd)
if [ -f "$bundled/lib/mpj-numerics.jar" ]; then
  root=$bundled
  jar=${MPJ_NUMERICS_JAR:-$bundled/lib/mpj-numerics.jar}
  rebuild="unpack the release again"
else
  root=$(dirname "$bundled")
  jar=${MPJ_NUMERICS_JAR:-$root/target/mpj-numerics.jar}
  rebuild="run 'make build' in $root"
fi
if [ -n "${MPJ_HOME:-}" ] && [ "$(readlink -f "$MPJ_HOME" || true)" != "$bundled" ]; then
  for f in lib/mpj.jar lib/starter.jar lib/smpdev.jar conf/mpjexpress.conf; do
    [ -r "$MPJ_HOME/$f" ] || fail "MPJ_HOME=$MPJ_HOME is not an MPJ Express home (no readable $f): point it at MPJ Express 0.44, or unset it to use the one bundled in $bundled" 1
  done
  MPJ_HOME=$(readlink -f "$MPJ_HOME")
else
  MPJ_HOME=$bundled
fi
export MPJ_HOME

# The JDK: 17 or newer, told in one line when it is not there or too old. Its version comes from
# the JDK's release file, read without starting a JVM; from java -version only when it has none.
if [ -n "${JAVA_HOME:-}" ]; then
  java=$JAVA_HOME/bin/java
  [ -x "$java" ] || fail "JAVA_HOME=$JAVA_HOME has no bin/java: point it at a JDK 17 or newer, or unset it to use java on the PATH" 1
else
  java=$(command -v java) || fail "no java on the PATH: put a JDK 17 or newer there, or set JAVA_HOME to one" 1
fi
java_feature() {
  local release line v=""
  release=$(dirname "$(dirname "$(readlink -f "$java")")")/release
  if [ -r "$release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) v=${line#JAVA_VERSION=}; v=${v//\"/}; break ;; esac
    done <"$release"
  fi
  if [ -z "$v" ]; then
    v=$("$java" -version 2>&1 || true)
    v=${v#*version \"}
    v=${v%%\"*}
  fi
  v=${v#1.}
  echo "${v%%[!0-9]*}"
}
java_version=$(java_feature)
if [[ "$java_version" =~ ^[0-9]+$ ]] && [ "$java_version" -lt 17 ]; then
  fail "$java is Java $java_version; mpj-numerics needs Java 17 or newer (set JAVA_HOME to one)" 1
fi
[ -n "$started" ] || started=$(date +%s%6N)

usage() {
  cat <<USAGE
usage: mpjrun.sh [-np N] [-dev multicore|niodev|hybdev|srun] [-machinesfile FILE] [-cp PATH]
                 [other MPJ or JVM options] JOB [job options]
  JOB is one of the project's jobs (listed below) or the class name of an MPJ program.
  JOB --help lists the job's options; --version prints the version.

USAGE
  [ -f "$jar" ] && "$java" -cp "$jar" mpjnumerics.launch.Main --help
}
source "$(dirname "$self")/free-port.sh"

np="" np_given=0 dev="" machines="" cp=""
mpj_opts=() jvm_opts=()
# The script's own options, checked as the jobs check theirs (one error: line, exit 2). JVM
# options are passed on to the JVMs only from an allow-list of prefixes, so that a typo is
# reported here rather than by every JVM as "Unrecognized option".
while [ $# -gt 0 ]; do
  case "$1" in
    -np|-dev|-machinesfile|-cp|-classpath|-wdir|-dport|-psl|-mxboardnum|-debug|-mpjport|-headnodeip)
      [ $# -ge 2 ] || fail "$1 needs a value"
      case "$1" in
        -np) np=$2 np_given=1 ;;
        -dev) dev=$2 ;;
        -machinesfile) machines=$2 ;;
        -cp|-classpath) cp=$2 ;;
        *) mpj_opts+=("$1" "$2") ;;
      esac
      shift 2 ;;
    -src|-profile) mpj_opts+=("$1"); shift ;;
    -h|-help|--help) usage; exit 0 ;;
    --version|-version)
      [ -f "$jar" ] || fail "$jar not found: $rebuild" 1
      exec "$java" -cp "$jar" mpjnumerics.launch.Main --version ;;
    -jar) fail "-jar is not needed: name a job or class (the project jar is $jar)" ;;
    --add-opens|--add-exports|--add-reads|--add-modules|--limit-modules|--enable-native-access)
      [ $# -ge 2 ] || fail "$1 needs a value"
      jvm_opts+=("$1=$2"); shift 2 ;;
    -X?*|-D?*|-ea|-ea:*|-da|-da:*|-esa|-dsa|-enableassertions|-enableassertions:*|-disableassertions|-disableassertions:*|\
    -enablesystemassertions|-disablesystemassertions|-verbose|-verbose:*|-agentlib:*|-agentpath:*|-javaagent:*|\
    --add-opens=*|--add-exports=*|--add-reads=*|--add-modules=*|--limit-modules=*|--enable-native-access=*|--enable-preview|-server)
      jvm_opts+=("$1"); shift ;;
    -*) fail "unknown option $1 (see mpjrun.sh --help)" ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || fail "no job named (see mpjrun.sh --help)"
job=$1; shift

[ -f "$jar" ] || fail "$jar not found: $rebuild" 1
if [ -d "$MPJ_HOME/lib" ] && [ ! -r "$MPJ_HOME/lib" ]; then
  fail "MPJ home $MPJ_HOME/lib is not readable by you: its owner can run 'chmod -R a+rX $MPJ_HOME/lib'" 1
fi
[ -f "$MPJ_HOME/lib/starter.jar" ] || fail "MPJ home $MPJ_HOME is not assembled: $rebuild" 1
jvm_opts+=("-Dmpjnumerics.started=$started")
# Inside a SLURM allocation the default is a daemon-free niodev launch through srun.
if [ -z "$dev" ]; then
  if [ -n "$machines" ]; then dev=niodev
  elif [ -n "${SLURM_JOB_ID:-}" ]; then dev=srun
  else dev=multicore
  fi
fi

# The throughput collector: batch jobs want no pause-time goals, and G1 handles the
# million-digit numbers' multi-megabyte arrays as costly humongous objects (e to 10^6 digits
# runs some 15% faster). A GC chosen on the command line wins.
case " ${jvm_opts[*]} " in *" -XX:+Use"*"GC "*) ;; *) jvm_opts=(-XX:+UseParallelGC "${jvm_opts[@]}") ;; esac

# plan NP [MACHINES]: one call to the jar, before any host is touched: it resolves the job,
# parses and checks its options and the machines file's hosts (a usage error ends here, with
# exit 2), prints the help when asked, and says which class the ranks run (plan_class) and
# with which JVM options (plan_jvm).
plan() {
  local file status=0
  file=$(mktemp "${TMPDIR:-/tmp}/mpjrun.plan.XXXXXX")
  "$java" -cp "$jar" mpjnumerics.launch.Main --plan "$file" -np "$1" ${2:+-machinesfile "$2"} ${cp:+-cp "$cp"} \
    "$job" "${job_args[@]}" || status=$?
  if [ "$status" != 0 ] || [ ! -s "$file" ]; then rm -f "$file"; exit "$status"; fi
  plan_class=$(head -n 1 "$file")
  mapfile -t plan_jvm < <(tail -n +2 "$file")
  rm -f "$file"
  # The jar takes -np in every notation the jobs take; MPJ's starter and srun want digits.
  [[ "$np" =~ ^[0-9]+$ ]] || fail "-np for -dev $dev must be written in digits, got '$np'"
}
job_args=("$@")
np_opt=()
[ "$np_given" = 0 ] || np_opt=(-np "$np")

# A fresh random secret for each job (256 bits, in hexadecimal): the ranks and the
# rendezvous prove it to each other (runtime.JobSecret). It never appears on a command line.
# The last value given to job option $1 among the remaining arguments; fails when not given.
job_option() {
  local name=$1 found=1 value="" a
  shift
  while [ $# -gt 0 ]; do
    a=$1; shift
    case "$a" in
      "--$name") [ $# -gt 0 ] || return 1; value=$1 found=0; shift ;;
      "--$name="*) value=${a#*=} found=0 ;;
    esac
  done
  [ "$found" = 0 ] && printf '%s' "$value"
}

# Whether a job's Vector API rule (Job.vectorUse: option, threshold per rank, minus=default or
# -, conditions name=value, !name or !name=value) holds for NP ranks and these job arguments. Only numbers
# written as literals joined by + - * ^ are read; on anything else the answer is no, and the
# launcher decides in Java, starting a JVM with the module itself if the run needs it: this
# JVM must not have it when it is not used, for its incubator warning.
vector_rule_holds() {
  local -a rule
  read -r -a rule <<<"$1"
  local np=$2 c value minus=0 lit='[0-9]+(\.[0-9]+)?([eE][0-9]+)?'
  shift 2
  [ ${#rule[@]} -ge 3 ] || return 1
  for c in "${rule[@]:3}"; do
    case "$c" in
      '!'*=*) c=${c#!}; [ "$(job_option "${c%%=*}" "$@")" != "${c#*=}" ] || return 1 ;;
      '!'*) job_option "${c#!}" "$@" >/dev/null && return 1 ;;
      *=*) [ "$(job_option "${c%%=*}" "$@")" = "${c#*=}" ] || return 1 ;;
    esac
  done
  value=$(job_option "${rule[0]}" "$@") || return 1
  if [ "${rule[2]}" != - ]; then
    minus=$(job_option "${rule[2]%%=*}" "$@") || minus=${rule[2]#*=}
  fi
  value=${value//_/} minus=${minus//_/}
  [[ $value =~ ^$lit([-+*^]$lit)*$ && $minus =~ ^$lit([-+*^]$lit)*$ && $np =~ ^[0-9]+$ ]] || return 1
  awk "BEGIN { exit !(($value) - ($minus) >= ${rule[1]} * $np) }" 2>/dev/null
}

new_secret() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

# Signals. bash runs a trap only when the foreground command has ended, so every long-lived
# child runs in the background while the script waits for it: wait returns as soon as a signal
# comes, and on_signal stops the job (stop_job, set per device) and exits 128+signal.
on_signal() {
  trap - INT TERM HUP
  stop_job
  exit $((128 + $1))
}
# A killed script (SIGKILL) runs no trap: a guard, started apart from the job's processes,
# waits for this script to end and, if it ended without cleaning up (its folder $1 is still
# there), runs stop_job and removes the folder. Its own output goes nowhere, so that nobody
# reading this script's output waits for it.
start_guard() {
  local dir=$1 self=$$
  ( trap '' INT TERM HUP
    tail --pid="$self" -f /dev/null
    if [ -d "$dir" ]; then stop_job; rm -rf "$dir"; fi ) </dev/null >/dev/null 2>&1 &
}
# Waits for pid $1 for at most $2 tenths of a second.
wait_gone() {
  local i
  for ((i = 0; i < $2; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

# Progress: a redrawn line when a person watches stderr, else a plain line now and then (a
# batch log shows how far the job got).
if [ -t 2 ]; then progress=on; else progress=lines; fi

# A job with --checkpoint is stopped by SIGTERM or SIGUSR1 through its checkpoint (exit 75).
case " $* " in *" --checkpoint "* | *" --checkpoint="*) checkpointing=1 ;; *) checkpointing=0 ;; esac

case "$dev" in
  multicore)
    [ -z "$machines" ] || fail "-machinesfile needs -dev niodev or hybdev"
    # Class data sharing: make build dumps the classes a small job loads (the launcher's,
    # SLF4J's, the JDK's) into target/ (scripts/cds-archive.sh); read from there, parsed and
    # verified, they take some 40 ms off a job's start. Used while newer than the jar
    # (MPJ_NUMERICS_CDS=0: never); on any other mismatch (another java, another jar) the JVM
    # quietly does without.
    cds=${jar%.jar}.jsa
    if [ "${MPJ_NUMERICS_CDS:-1}" != 0 ] && [ "$cds" -nt "$jar" ]; then
      jvm_opts=(-XX:SharedArchiveFile="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off "${jvm_opts[@]}")
    fi
    # The JVM options the job declares (Job.jvmOptions), from the table make build writes beside
    # the jar, so that the job's one JVM starts with them. Without a current table, or with
    # MPJ_NUMERICS_VECTOR set, the launcher starts a JVM with them itself when it must.
    table=${jar%.jar}.jvm-options
    # With -cp the name may be a class of the user's own, which no table entry is for.
    if [ -z "${MPJ_NUMERICS_VECTOR:-}" ] && [ -z "$cp" ] && [ "$table" -nt "$jar" ]; then
      declared=()
      while IFS='|' read -r name opts rule vector_opts; do
        [ "$name" = "${job,,}" ] || continue
        read -r -a declared <<<"$opts"
        if vector_rule_holds "$rule" "${np:-$(nproc)}" "$@"; then
          read -r -a more <<<"$vector_opts"
          declared+=(--add-modules=jdk.incubator.vector "${more[@]}")
        fi
        break
      done <"$table"
      jvm_opts=("${declared[@]}" "${jvm_opts[@]}")
    fi
    exec "$java" "${jvm_opts[@]}" -Dmpjnumerics.progress=$progress -cp "$jar" mpjnumerics.launch.Main \
      "${np_opt[@]}" ${cp:+-cp "$cp"} "$job" "$@" ;;
  srun)
    # No MPJ daemon: a rendezvous server answers the exchange MPJ's starter would, srun starts
    # one JVM per rank, and SLURM sees every rank's exit status (--kill-on-bad-exit ends the
    # step when one fails).
    [ -z "$machines" ] || fail "-dev srun takes its hosts from the SLURM allocation, not -machinesfile"
    command -v srun >/dev/null || fail "-dev srun needs SLURM's srun on the PATH" 1
    [ "$np_given" = 1 ] || np=${SLURM_NTASKS:-${SLURM_NPROCS:-}}
    [ -n "$np" ] || [ "$np_given" = 1 ] || fail "-dev srun needs -np N or SLURM_NTASKS"
    plan "$np"
    host=${MPJ_NUMERICS_RENDEZVOUS_HOST:-$(hostname)}
    run_dir=$(mktemp -d "${TMPDIR:-/tmp}/mpjrun.XXXXXX")
    # The secret goes to the rendezvous and, through srun (which passes the environment on),
    # to every rank.
    MPJ_NUMERICS_SECRET=$(new_secret)
    export MPJ_NUMERICS_SECRET
    rendezvous="" srun_pid=""
    stop_job() {
      [ -z "$srun_pid" ] || kill -TERM "$srun_pid" 2>/dev/null || true
      [ -z "$rendezvous" ] || kill "$rendezvous" 2>/dev/null || true
      # srun passes SIGTERM on to every rank; give it a moment to see them end.
      [ -z "$srun_pid" ] || wait_gone "$srun_pid" 25 || true
    }
    trap 'stop_job; rm -rf "$run_dir"' EXIT
    trap 'on_signal 2' INT
    trap 'on_signal 1' HUP
    # SIGTERM and SIGUSR1 (SLURM's warning before the time limit): a job with --checkpoint
    # gets SIGUSR1 on every rank, which srun passes on as it is (a SIGTERM to srun kills the
    # step after SLURM's KillWait), writes its checkpoint and ends with 75 within seconds; this
    # script returns 75, for the batch script to requeue the job. Other jobs get SIGTERM.
    stop_sig=TERM
    [ "$checkpointing" = 0 ] || stop_sig=USR1
    on_stop_signal() {
      trap - TERM USR1
      local s=0 timer
      if [ -n "$srun_pid" ]; then
        kill -"$stop_sig" "$srun_pid" 2>/dev/null || true
        ( sleep 15; kill -KILL "$srun_pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
        timer=$!
        wait "$srun_pid" || s=$?
        kill "$timer" 2>/dev/null || true
        srun_pid=""
      fi
      stop_job
      [ "$s" != 75 ] || exit 75
      exit $((128 + $1))
    }
    trap 'on_stop_signal 15' TERM
    trap 'on_stop_signal 10' USR1
    # The rendezvous listens only on the address the ranks reach this host by, and lives as
    # long as this script: the ranks keep a connection to it and stop when it closes.
    "$java" -cp "$jar" mpjnumerics.runtime.Rendezvous --ranks "$np" --bind "$host" --timeout 120 >"$run_dir/port" &
    rendezvous=$!
    for _ in $(seq 200); do [ -s "$run_dir/port" ] && break; kill -0 "$rendezvous" 2>/dev/null || break; sleep 0.05; done
    port=$(head -n 1 "$run_dir/port")
    [[ "$port" =~ ^[0-9]+$ ]] || fail "the rendezvous server did not start on $host" 1
    status=0
    srun --kill-on-bad-exit=1 -n "$np" "$java" "${plan_jvm[@]}" "${jvm_opts[@]}" -Dmpjnumerics.progress=$progress \
      -cp "$jar:$MPJ_HOME/lib/mpj.jar:$MPJ_HOME/lib/log4j-1.2.11.jar" ${cp:+-Dmpjnumerics.classPath="$cp"} \
      mpjnumerics.launch.RankEntry --srun "$host" "$port" "$plan_class" "$@" &
    srun_pid=$!
    start_guard "$run_dir"
    wait "$srun_pid" || status=$?
    srun_pid=""
    exit "$status" ;;
  niodev|hybdev)
    machines=${machines:-machines}
    [ -f "$machines" ] || fail "machines file '$machines' not found (give -machinesfile FILE: one host per line)"
    if [ "$np_given" = 0 ]; then np=$(grep -cvE '^\s*(#|$)' "$machines" || true); fi
    plan "$np" "$machines"
    # MPJ's starter listens on the port in $MPJ_HOME/conf/mpjexpress.conf (40002 as shipped):
    # two jobs on one host would meet on it, and the second job's ranks would join the first.
    # Each job gets its own MPJ home with its own port: conf/ of its own, lib/ linked to this
    # home's. It lies under this home, so it is at the same path on every host (the daemons
    # build the ranks' class path from it), and goes when the job ends; the ranks stop when it
    # goes (runtime.LauncherWatch). It holds the job's secret, readable by the user only.
    mkdir -p "$MPJ_HOME/run"
    job_home=$(mktemp -d "$MPJ_HOME/run/job.XXXXXX")
    starter="" filter=""
    stop_job() {
      [ -z "$starter" ] || kill -TERM "$starter" 2>/dev/null || true
      [ -z "$filter" ] || { wait_gone "$filter" 20 || kill "$filter" 2>/dev/null || true; }
      rm -rf "$job_home"
    }
    trap 'stop_job' EXIT
    trap 'on_signal 2' INT
    trap 'on_signal 15' TERM
    trap 'on_signal 1' HUP
    # A job with --checkpoint: MPJ's daemons pass no signal on, so SIGTERM or SIGUSR1 is passed
    # to the ranks as a file in the job's home (runtime.LauncherWatch reads it); rank 0 writes
    # the checkpoint and the job ends with 75 within seconds (15 s at most, then as for any
    # other job). A second SIGTERM stops it at once.
    stop_deadline=""
    on_stop_request() {
      if [ -n "$stop_deadline" ]; then
        [ "$2" = USR1 ] || on_signal "$1"
        return
      fi
      echo "$2" >"$job_home/stop.tmp" && mv -f "$job_home/stop.tmp" "$job_home/stop"
      stop_deadline=$((SECONDS + 15)) stop_signal=$1
    }
    if [ "$checkpointing" = 1 ]; then
      trap 'on_stop_request 15 TERM' TERM
      trap 'on_stop_request 10 USR1' USR1
    fi
    port=${MPJ_NUMERICS_STARTER_PORT:-}
    [ -n "$port" ] || port=$(free_port) || fail "no free port for MPJ's starter" 1
    mkdir "$job_home/conf"
    ln -s ../../lib "$job_home/lib"
    sed "s/^mpjexpress.mpjrun.port.1=.*/mpjexpress.mpjrun.port.1=$port/" "$MPJ_HOME/conf/mpjexpress.conf" \
      >"$job_home/conf/mpjexpress.conf"
    (umask 077 && new_secret >"$job_home/secret")
    # MPJ's starter merges every rank's stdout and stderr into its own stdout and adds banner
    # lines, so the ranks write their output to files of their own in the job's home instead
    # (runtime.RankOutput), which a collector beside this script copies, whole lines as they
    # come, to this script's stdout and stderr. What still reaches the starter's stdout is
    # MPJ's banner (dropped) and what a rank JVM says before the program runs (to stderr);
    # the starter's own stderr is MPJ's noise, shown only when no rank started. Progress comes
    # as plain lines, since the collector passes whole lines. The collector also watches every
    # rank JVM (runtime.JobWatch): one killed or lost fails the job, whatever program it runs.
    mkdir "$job_home/out"
    mkfifo "$job_home/output"
    watch_opts=() # the silence a lost host is told by, where it was set for the ranks
    for o in "${jvm_opts[@]}"; do case $o in -Dmpjnumerics.silenceMillis=*) watch_opts+=("$o") ;; esac; done
    "$java" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "${watch_opts[@]}" -cp "$jar" mpjnumerics.runtime.RankOutput \
      "$job_home/out" "$machines" <"$job_home/output" &
    filter=$!
    MPJ_HOME=$job_home "$java" -jar "$job_home/lib/starter.jar" -np "$np" -dev "$dev" -machinesfile "$machines" \
      "${mpj_opts[@]}" "${plan_jvm[@]}" "${jvm_opts[@]}" -Dmpjnumerics.progress=lines \
      -Dmpjnumerics.statusFile="$job_home/status" -Dmpjnumerics.secretFile="$job_home/secret" \
      -cp "$jar" ${cp:+-Dmpjnumerics.classPath="$cp"} \
      mpjnumerics.launch.RankEntry "$plan_class" "$@" >"$job_home/output" 2>"$job_home/starter.err" &
    starter=$!
    start_guard "$job_home"
    # The starter ends when every daemon has said its ranks ended; a daemon on a host that
    # was cut off never says so. Once a rank has recorded the job's failure (status file) the
    # starter gets 3 s to pass on the last lines, then goes.
    # MPJ's starter also waits for every rank's MPI.Init: a niodev program whose every rank
    # returned without calling it (runtime.LauncherWatch.endedWithoutMpi) has ended.
    grace=0 starter_status=0 stopped_starter=0
    while kill -0 "$starter" 2>/dev/null; do
      [ -z "$stop_deadline" ] || [ "$SECONDS" -lt "$stop_deadline" ] || on_signal "$stop_signal"
      no_mpi=0
      [ "$dev" != niodev ] || no_mpi=$({ compgen -G "$job_home/no-mpi.*" || true; } | wc -l)
      if [ -s "$job_home/status" ] || [ "$no_mpi" -ge "$np" ]; then
        grace=$((grace + 1))
        # the ranks without MPI have ended: 1 s for their last output (not the 3 s a failure gets)
        if [ "$grace" -gt 6 ] || { [ "$no_mpi" -ge "$np" ] && [ "$grace" -gt 2 ]; }; then
          kill -TERM "$starter" 2>/dev/null || true
          stopped_starter=1
          break
        fi
      fi
      sleep 0.5 &
      if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501)); then
        wait -n "$starter" $! 2>/dev/null || true # the starter's end is seen at once, not at the next look
      else
        wait $! 2>/dev/null || true
      fi
    done
    wait "$starter" 2>/dev/null || starter_status=$?
    starter=""
    out_status=0
    wait "$filter" || out_status=$?
    filter=""
    # Every rank that ended with a non-zero status recorded it, with its line, in the status
    # file; the job's status is the highest, and the first line given with it is the one printed.
    status=0
    if [ -s "$job_home/status" ]; then
      status=$(awk -F'\t' '$1 + 0 > max { max = $1 + 0 } END { print max + 0 }' "$job_home/status")
      awk -F'\t' -v s="$status" '$1 + 0 == s && $2 != "" { print $2; exit }' "$job_home/status" >&2
    elif [ "$out_status" = 0 ] && ! ls "$job_home/out" | grep -q .; then
      # No rank JVM ran the program: MPJ's starter or a daemon failed, and said why; a daemon
      # that does not answer is the common case, told in one line.
      why=$(sed -nE '/MPJRuntimeException: /{s/.*MPJRuntimeException: //; s/Please make sure.*//; s/[. ]*$//; p; q}' \
        "$job_home/starter.err" 2>/dev/null || true)
      if [ -n "$why" ]; then
        echo "error: MPJ's starter failed: $why; is an MPJ daemon running on every host of $machines\
 (mpj/bin/mpjdaemon.sh start PORT, then -dport PORT here)?" >&2
      else
        echo "error: no rank of the job started (MPJ's starter said what follows, if anything)" >&2
        cat "$job_home/starter.err" >&2 || true
      fi
      status=1
    elif [ "$starter_status" -gt 128 ] && [ "$stopped_starter" = 0 ]; then
      # killed by someone: the ranks it started stop when this job's MPJ home goes
      echo "error: MPJ's starter was killed (signal $((starter_status - 128))) before the job finished" >&2
      status=1
    fi
    [ "$status" != 0 ] || status=$out_status
    exit "$status" ;;
  *) fail "-dev must be multicore, niodev, hybdev or srun, got '$dev'" ;;
esac
