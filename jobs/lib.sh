# Shared by the batch scripts in jobs/: finds the project, loads what the site needs, and runs
# one job across the allocation with mpjrun.sh, which inside SLURM starts one JVM per rank with
# srun (no MPJ daemon). The script's exit status is the job's: SLURM shows FAILED when a rank
# failed or the input was bad.
#
# Settings (environment, all optional):
#   MPJ_NUMERICS_HOME   the unpacked release or the project folder (default: where sbatch was
#                       run, SLURM_SUBMIT_DIR; the modulefile sets it)
#   MPJ_NUMERICS_MODULES  modules to load first, e.g. "java/17" (needs Lmod or Environment Modules)
#   JAVA_HOME           the JDK to run (default: java on the PATH of the nodes)
#   JVM_OPTS            extra JVM options for every rank, e.g. "-Xmx4g"
set -euo pipefail

MPJ_NUMERICS_HOME=${MPJ_NUMERICS_HOME:-${SLURM_SUBMIT_DIR:-$PWD}}
# A release keeps mpjrun.sh in bin/, a source tree in mpj/bin/.
if [ -x "$MPJ_NUMERICS_HOME/bin/mpjrun.sh" ]; then
  mpjrun=$MPJ_NUMERICS_HOME/bin/mpjrun.sh
elif [ -x "$MPJ_NUMERICS_HOME/mpj/bin/mpjrun.sh" ]; then
  mpjrun=$MPJ_NUMERICS_HOME/mpj/bin/mpjrun.sh
else
  echo "error: no mpj-numerics at '$MPJ_NUMERICS_HOME': run sbatch from its folder or set MPJ_NUMERICS_HOME" >&2
  exit 2
fi

if [ -n "${MPJ_NUMERICS_MODULES:-}" ]; then
  command -v module >/dev/null || { echo "error: MPJ_NUMERICS_MODULES is set but there is no 'module' command" >&2; exit 2; }
  # shellcheck disable=SC2086
  module load $MPJ_NUMERICS_MODULES
fi

# run_job JOB [options]: the job on every task of the allocation; stdout is the job's result;
# the script ends with the job's status.
#
# A job whose work can be resumed gets --checkpoint under the submit folder
# (checkpoints/<job name>-<job id>.ckpt, or MPJ_NUMERICS_CHECKPOINT; "none" for none) unless
# its options name one. SLURM's warning before the time limit (--signal=B:USR1@120 in the
# scripts) or a preemption's SIGTERM makes the job write it and end with 75; the script then
# requeues itself (scontrol requeue: the same job id, so the same checkpoint) and the next
# allocation resumes where this one stopped.
run_job() {
  local job=$1 status=0 ckpt
  shift
  echo "mpj-numerics: $job on ${SLURM_NTASKS:-?} tasks, nodes ${SLURM_JOB_NODELIST:-?} (job ${SLURM_JOB_ID:-?}${SLURM_RESTART_COUNT:+, restart $SLURM_RESTART_COUNT})" >&2
  ckpt=${MPJ_NUMERICS_CHECKPOINT:-${SLURM_SUBMIT_DIR:-$PWD}/checkpoints/${SLURM_JOB_NAME:-$job}-${SLURM_JOB_ID:-$$}.ckpt}
  case " $* " in
    *" --checkpoint "*|*" --checkpoint="*|*" --digits "*|*" --digits="*) ckpt=none ;;
  esac
  case "$job" in
    PrimeCount|PrimeList|CollatzSteps|PiMonteCarlo|EulerConstant) ;;
    *) ckpt=none ;;
  esac
  if [ "$ckpt" != none ]; then
    mkdir -p "$(dirname "$ckpt")"
    set -- "$@" --checkpoint "$ckpt"
  fi
  # The job runs in the background so that this shell, which SLURM signals (B:), can pass the
  # signal on while it waits.
  # shellcheck disable=SC2086
  "$mpjrun" ${JVM_OPTS:-} "$job" "$@" &
  local pid=$!
  trap 'kill -USR1 "$pid" 2>/dev/null || true' USR1
  trap 'kill -TERM "$pid" 2>/dev/null || true' TERM
  while :; do
    status=0
    wait "$pid" || status=$?
    kill -0 "$pid" 2>/dev/null || break # else wait returned for a signal: the job is still on
  done
  trap - USR1 TERM
  if [ "$status" = 75 ] && [ -n "${SLURM_JOB_ID:-}" ]; then
    echo "mpj-numerics: $job stopped with its checkpoint $ckpt; requeueing job $SLURM_JOB_ID" >&2
    scontrol requeue "$SLURM_JOB_ID"
  fi
  exit "$status"
}
