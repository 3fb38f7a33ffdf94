# A three-node SLURM cluster on the hosts of hosts.sh: munge (the system's, started if it is
# not running), slurmctld on mpjt1, one slurmd per host, configuration and state in a work
# folder. Sourced by run.sh; needs root.

slurm_up() {  # slurm_up WORKDIR
  local work=$1/slurm h
  mkdir -p "$work/state"
  cat >"$work/slurm.conf" <<CONF
ClusterName=mpjt
SlurmctldHost=mpjt1($SUBNET.1)
AuthType=auth/munge
# a requeued job waits cred_expire seconds (120 by default) before it may start again
AuthInfo=cred_expire=10
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
MinJobAge=600
KillWait=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool-%n
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd-%n.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd-%n.log
NodeName=mpjt1 NodeAddr=$SUBNET.1 CPUs=2 State=UNKNOWN
NodeName=mpjt2 NodeAddr=$SUBNET.2 CPUs=2 State=UNKNOWN
NodeName=mpjt3 NodeAddr=$SUBNET.3 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$work/slurm.conf
  if ! pgrep -x munged >/dev/null; then
    mkdir -p /run/munge && chown munge:munge /run/munge
    [ -s /etc/munge/munge.key ] || runuser -u munge -- mungekey --create
    runuser -u munge -- munged
    STARTED_MUNGE=1
  fi
  on mpjt1 slurmctld -i -f "$SLURM_CONF"
  for h in "${HOSTS[@]}"; do
    on "$h" slurmd -N "$h" -f "$SLURM_CONF"
  done
  local deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ]; do  # every node idle
    [ "$(on mpjt1 sinfo -h -o '%t' -N | sort -u | tr '\n' ' ')" = "idle " ] && return 0
    sleep 0.1
  done
  echo "error: the SLURM nodes did not come up:" >&2
  on mpjt1 sinfo -N >&2 || true
  tail -n 20 "$work"/*.log >&2 || true
  return 1
}

slurm_down() {  # stops what slurm_up started (by pid file), and munged if it started it
  local work=$1/slurm f pids=() deadline=$((SECONDS + 5))
  for f in "$work"/slurmd-*.pid "$work"/slurmctld.pid; do
    [ -f "$f" ] && pids+=("$(cat "$f")")
  done
  if [ "${#pids[@]}" -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    # 5 s to exit on TERM (kill -0 holds while any lives), then KILL
    while kill -0 "${pids[@]}" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    kill -9 "${pids[@]}" 2>/dev/null || true
  fi
  if [ "${STARTED_MUNGE:-0}" = 1 ]; then pkill -x munged || true; fi
}

# sbatch_wait SCRIPT [ARGS...]: submits from the project root on mpjt1 and waits for the end;
# prints "STATE EXITCODE JOBID" (sbatch --wait polls every 2, then 8, then 32 s: too slow).
sbatch_wait() {
  local id state
  id=$(on mpjt1 sbatch --parsable "$@") || return 1
  id=${id%%;*}
  local deadline=$((SECONDS + 300))
  while [ "$SECONDS" -lt "$deadline" ]; do
    state=$(on mpjt1 scontrol -o show job "$id" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
    case "$state" in
      PENDING|RUNNING|CONFIGURING|COMPLETING|"") sleep 0.2 ;;
      *) echo "$state $(on mpjt1 scontrol -o show job "$id" | grep -o ' ExitCode=[0-9:]*' | cut -d= -f2) $id"; return 0 ;;
    esac
  done
  echo "TIMEOUT - $id"
}
