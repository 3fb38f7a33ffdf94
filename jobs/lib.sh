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

# run_job JOB [options]: the job on every task of the allocation; stdout is the job's result.
run_job() {
  local job=$1
  shift
  echo "mpj-numerics: $job on ${SLURM_NTASKS:-?} tasks, nodes ${SLURM_JOB_NODELIST:-?} (job ${SLURM_JOB_ID:-?})" >&2
  # shellcheck disable=SC2086
  exec "$mpjrun" ${JVM_OPTS:-} "$job" "$@"
}
