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
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
MPJ_HOME=$(cd "$(dirname "$self")/.." && pwd)
export MPJ_HOME
root=$(dirname "$MPJ_HOME")
jar=${MPJ_NUMERICS_JAR:-$root/target/mpj-numerics.jar}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

usage() {
  cat <<USAGE
usage: mpjrun.sh [-np N] [-dev multicore|niodev|hybdev|srun] [-machinesfile FILE] [-cp PATH]
                 [other MPJ or JVM options] JOB [job options]
  JOB is one of the project's jobs (listed below) or the class name of an MPJ program.
  JOB --help lists the job's options; --version prints the version.

USAGE
  [ -f "$jar" ] && "$java" -cp "$jar" mpjnumerics.launch.Main --help
}
fail() { echo "error: $1" >&2; exit "${2:-2}"; }

# A TCP port for this job's starter: no socket here uses it, and it lies below the kernel's
# ephemeral range, so no outgoing connection can take it before the starter binds it.
free_port() {
  local lo=32768 used p
  read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  used=$(ss -tanH 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 200); do
    p=$((lo - 10000 + RANDOM % 10000))
    [ "$p" -gt 1024 ] && ! grep -qx "$p" <<<"$used" && { echo "$p"; return; }
  done
  fail "no free port for the starter below $lo" 1
}

np="" dev="" machines="" cp=""
mpj_opts=() jvm_opts=()
while [ $# -gt 0 ]; do
  case "$1" in
    -np|-dev|-machinesfile|-cp|-classpath|-wdir|-dport|-psl|-mxboardnum|-debug|-mpjport|-headnodeip)
      [ $# -ge 2 ] || fail "$1 needs a value"
      case "$1" in
        -np) np=$2 ;;
        -dev) dev=$2 ;;
        -machinesfile) machines=$2 ;;
        -cp|-classpath) cp=$2 ;;
        *) mpj_opts+=("$1" "$2") ;;
      esac
      shift 2 ;;
    -src|-profile) mpj_opts+=("$1"); shift ;;
    -h|-help|--help) usage; exit 0 ;;
    --version) exec "$java" -cp "$jar" mpjnumerics.launch.Main --version ;;
    -jar) fail "-jar is not needed: name a job or class (the project jar is $jar)" ;;
    -*) jvm_opts+=("$1"); shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { usage >&2; fail "no job named"; }
job=$1; shift

[ -f "$jar" ] || fail "$jar not found: run 'make build' in $root" 1
if [ -d "$MPJ_HOME/lib" ] && [ ! -r "$MPJ_HOME/lib" ]; then
  fail "MPJ home $MPJ_HOME/lib is not readable by you: its owner can run 'chmod -R a+rX $MPJ_HOME/lib'" 1
fi
[ -f "$MPJ_HOME/lib/starter.jar" ] || fail "MPJ home $MPJ_HOME is not assembled: run 'make build' in $root" 1
if [ -n "$np" ] && ! [[ "$np" =~ ^[1-9][0-9]*$ ]]; then fail "-np must be a positive integer, got '$np'"; fi
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

# plan NP: one call to the jar, before any host is touched: it resolves the job, parses and
# checks its options (a usage error ends here, with exit 2), prints the help when asked, and
# says which class the ranks run (plan_class) and with which JVM options (plan_jvm).
plan() {
  local file status=0
  file=$(mktemp "${TMPDIR:-/tmp}/mpjrun.plan.XXXXXX")
  "$java" -cp "$jar" mpjnumerics.launch.Main --plan "$file" -np "$1" ${cp:+-cp "$cp"} "$job" "${job_args[@]}" || status=$?
  if [ "$status" != 0 ] || [ ! -s "$file" ]; then rm -f "$file"; exit "$status"; fi
  plan_class=$(head -n 1 "$file")
  mapfile -t plan_jvm < <(tail -n +2 "$file")
  rm -f "$file"
}
job_args=("$@")

# Progress lines only when a person watches stderr.
if [ -t 2 ]; then progress=on; else progress=off; fi

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
    if [ -z "${MPJ_NUMERICS_VECTOR:-}" ] && [ "$table" -nt "$jar" ]; then
      read -r -a declared <<<"$(awk -F'\t' -v j="${job,,}" '$1 == j { print $2; exit }' "$table")"
      jvm_opts=("${declared[@]}" "${jvm_opts[@]}")
    fi
    exec "$java" "${jvm_opts[@]}" -Dmpjnumerics.progress=$progress -cp "$jar" mpjnumerics.launch.Main \
      ${np:+-np "$np"} ${cp:+-cp "$cp"} "$job" "$@" ;;
  srun)
    # No MPJ daemon: a rendezvous server (in this script's process group) answers the
    # exchange MPJ's starter would, srun starts one JVM per rank, and SLURM sees every rank's
    # exit status (--kill-on-bad-exit ends the step when one fails).
    [ -z "$machines" ] || fail "-dev srun takes its hosts from the SLURM allocation, not -machinesfile"
    command -v srun >/dev/null || fail "-dev srun needs SLURM's srun on the PATH" 1
    np=${np:-${SLURM_NTASKS:-${SLURM_NPROCS:-}}}
    [ -n "$np" ] || fail "-dev srun needs -np N or SLURM_NTASKS"
    plan "$np"
    host=${MPJ_NUMERICS_RENDEZVOUS_HOST:-$(hostname)}
    portfile=$(mktemp "${TMPDIR:-/tmp}/mpjrun.XXXXXX")
    "$java" -cp "$jar" mpjnumerics.runtime.Rendezvous --ranks "$np" --timeout 120 >"$portfile" &
    rendezvous=$!
    trap 'kill "$rendezvous" 2>/dev/null || true; rm -f "$portfile"' EXIT
    trap 'exit 130' INT TERM
    for _ in $(seq 200); do [ -s "$portfile" ] && break; kill -0 "$rendezvous" 2>/dev/null || break; sleep 0.05; done
    port=$(head -n 1 "$portfile")
    [[ "$port" =~ ^[0-9]+$ ]] || fail "the rendezvous server did not start" 1
    status=0
    srun --kill-on-bad-exit=1 -n "$np" "$java" "${plan_jvm[@]}" "${jvm_opts[@]}" -Dmpjnumerics.progress=off \
      -cp "$jar:$MPJ_HOME/lib/mpj.jar:$MPJ_HOME/lib/log4j-1.2.11.jar${cp:+:$cp}" \
      mpjnumerics.launch.RankEntry --srun "$host" "$port" "$plan_class" "$@" || status=$?
    exit "$status" ;;
  niodev|hybdev)
    machines=${machines:-machines}
    [ -f "$machines" ] || fail "machines file '$machines' not found (give -machinesfile FILE: one host per line)"
    if [ -z "$np" ]; then np=$(grep -cvE '^\s*(#|$)' "$machines" || true); fi
    plan "$np"
    # MPJ's starter merges every rank's output into its stdout, adds banner lines, and exits 0
    # whatever the ranks did. Sort its lines back out (errors and warnings to stderr, MPJ's
    # own chatter dropped) and exit 1 when a rank reported a failure.
    failed=$(mktemp "${TMPDIR:-/tmp}/mpjrun.XXXXXX")
    # MPJ's starter listens on the port in $MPJ_HOME/conf/mpjexpress.conf (40002 as shipped):
    # two jobs on one host would meet on it, and the second job's ranks would join the first.
    # Each job gets its own MPJ home with its own port: conf/ of its own, lib/ linked to this
    # home's. It lies under this home, so it is at the same path on every host (the daemons
    # build the ranks' class path from it), and goes when the job ends.
    mkdir -p "$MPJ_HOME/run"
    job_home=$(mktemp -d "$MPJ_HOME/run/job.XXXXXX")
    trap 'rm -f "$failed"; rm -rf "$job_home"' EXIT
    trap 'exit 130' INT TERM
    port=${MPJ_NUMERICS_STARTER_PORT:-$(free_port)}
    mkdir "$job_home/conf"
    ln -s ../../lib "$job_home/lib"
    sed "s/^mpjexpress.mpjrun.port.1=.*/mpjexpress.mpjrun.port.1=$port/" "$MPJ_HOME/conf/mpjexpress.conf" \
      >"$job_home/conf/mpjexpress.conf"
    MPJ_HOME=$job_home "$java" -jar "$job_home/lib/starter.jar" -np "$np" -dev "$dev" -machinesfile "$machines" \
      "${mpj_opts[@]}" "${plan_jvm[@]}" "${jvm_opts[@]}" -Dmpjnumerics.progress=off -Dmpjnumerics.statusFile="$job_home/status" \
      -cp "$jar${cp:+:$cp}" \
      mpjnumerics.launch.RankEntry "$plan_class" "$@" 2>&1 |
    while IFS= read -r line; do
      case "$line" in
        "MPJ Express ("*") is started in the cluster configuration"*|"Starting process <"*|"Stopping Process <"*|"EXIT@Ping#") ;;
        "error: rank "*) printf '%s\n' "$line" >&2; echo 1 >"$failed" ;;
        "error: "*) printf '%s\n' "$line" >&2; echo 2 >"$failed" ;; # a usage error
        "WARNING: "*|"["*"-Wrapper.java]"*|$'\t'"at "*|java.*Exception*|java.*Error*) printf '%s\n' "$line" >&2 ;;
        *) printf '%s\n' "$line" ;;
      esac
    done
    # A failing rank also records its status in a file (MPJ's daemons may drop its last line).
    # The job's status is that of the rank that reported (others just stopped), else the highest.
    if [ -s "$job_home/status" ]; then
      [ -s "$failed" ] || awk -F'\t' '$2 != "" { print $2; exit }' "$job_home/status" >&2
      exit "$(awk -F'\t' '$2 != "" { print $1; found = 1; exit } $1 > max { max = $1 }
                           END { if (!found) print max + 0 }' "$job_home/status")"
    fi
    [ -s "$failed" ] && exit "$(head -n 1 "$failed")"
    exit 0 ;;
  *) fail "-dev must be multicore, niodev, hybdev or srun, got '$dev'" ;;
esac
