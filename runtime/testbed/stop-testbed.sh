#!/usr/bin/env bash
# stop-testbed.sh - stop what start-testbed.sh started, by PID, and nothing else.
#
#   TESTBED_STATE=/tmp/testbed-state   same state dir as for start-testbed.sh
#   TESTBED_WIPE=0                     1: delete the state dir afterwards
#
# Order: cancel all jobs (so slurmstepd/job processes end cleanly), scontrol
# shutdown (slurmctld + slurmd), SIGTERM the other daemons from their PID files
# (slurmrestd, Prometheus, the exporters, procfs_updater.py, slurmdbd and its
# relays, munged), SIGKILL what is left after 10 s, then sweep orphans that can
# only be ours (slurmstepd / job processes whose environment names this state
# dir's slurm.conf, processes left in this testbed's Slurm cgroups), remove the
# empty cgroup directories. Exit status 0 when nothing of the testbed runs.
set -uo pipefail
STATE=${TESTBED_STATE:-/tmp/testbed-state}
STATE=${STATE%/}
RUN=$STATE/run ETC=$STATE/etc
export SLURM_CONF=$ETC/slurm.conf
T0=$(date +%s.%N)
log() { printf '[testbed %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}'; }

[[ $(id -u) -eq 0 ]] || { log "ERROR: must run as root"; exit 1; }
if [[ ! -f $STATE/.testbed-state ]]; then log "no testbed state in $STATE - nothing to stop"; exit 0; fi

is_ours() {
  [[ -n "${1:-}" && -r /proc/$1/cmdline ]] || return 1
  { tr '\0' '\n' <"/proc/$1/cmdline"; } 2>/dev/null | grep -qF -- "$STATE/" && return 0
  { tr '\0' '\n' <"/proc/$1/environ"; } 2>/dev/null | grep -qxF -- "SLURM_CONF=$STATE/etc/slurm.conf"
}
pid_of() { [[ -s $RUN/$1.pid ]] && tr -dc '0-9' <"$RUN/$1.pid"; }
alive() { [[ -d /proc/$1 ]] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
wait_gone() { # wait_gone SECONDS PID...
  local end=$(( $(date +%s%N) + $1 * 1000000000 )) p left; shift
  while :; do
    left=0
    for p in "$@"; do alive "$p" && left=1; done
    (( left == 0 )) && return 0
    (( $(date +%s%N) < end )) || return 1
    sleep 0.1
  done
}
# our components, from the PID files
declare -A PID=()
for f in "$RUN"/*.pid; do
  [[ -e $f ]] || continue
  name=$(basename "$f" .pid); p=$(tr -dc '0-9' <"$f")
  if is_ours "$p"; then PID[$name]=$p; else rm -f "$f"; fi
done
NODES=$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' "$ETC/slurm.conf" 2>/dev/null)

# 1. jobs
if [[ -n ${PID[slurmctld]:-} ]] && scontrol ping 2>/dev/null | grep -q 'is UP'; then
  jobs=$(squeue -h -t PD,CF,R,S,CG,RS,RQ,SO -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')
  if [[ -n ${jobs// } ]]; then
    # shellcheck disable=SC2086
    scancel $jobs 2>/dev/null
    end=$(( $(date +%s%N) + 20 * 1000000000 ))
    while [[ -n $(squeue -h -t R,CG,CF,S,SO -o '%A' 2>/dev/null) ]] && (( $(date +%s%N) < end )); do sleep 0.2; done
    log "cancelled jobs: $jobs"
  fi
  # 2. slurmctld + all slurmd
  scontrol shutdown >/dev/null 2>&1 || true
  slurm_pids=()
  for name in "${!PID[@]}"; do [[ $name == slurmctld || $name == slurmd-* ]] && slurm_pids+=("${PID[$name]}"); done
  wait_gone 15 "${slurm_pids[@]}" || log "slurm daemons still alive after scontrol shutdown, signalling them"
fi

# 3. everything else from the PID files (slurm daemons first, munged last)
# a PID file whose name matches no prefix here is never signalled, and then counts as left running
order=(slurmctld slurmd- slurmrestd prometheus cgroup_exporter node_exporter- procfs_updater slurmdbd mariadbd socat- munged)
term_pids=()
for prefix in "${order[@]}"; do
  for name in "${!PID[@]}"; do
    [[ $name == "$prefix"* ]] || continue
    p=${PID[$name]}
    alive "$p" && is_ours "$p" && { kill -TERM "$p" 2>/dev/null; term_pids+=("$p"); }
  done
done
if ((${#term_pids[@]})) && ! wait_gone 10 "${term_pids[@]}"; then
  for p in "${term_pids[@]}"; do alive "$p" && is_ours "$p" && { log "SIGKILL $p ($(cat /proc/$p/comm 2>/dev/null))"; kill -KILL "$p" 2>/dev/null; }; done
  wait_gone 5 "${term_pids[@]}"
fi

# 4. orphans that can only be ours
orphans() {
  local d p n c
  for n in $NODES; do
    for d in /sys/fs/cgroup/*/slurm_"$n"; do
      [[ -d $d ]] || continue
      find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null
    done
  done
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    [[ $p == "$$" ]] && continue
    { tr '\0' '\n' <"$d/environ"; } 2>/dev/null | grep -qxF -- "SLURM_CONF=$ETC/slurm.conf" || continue
    c=$(cat "$d/comm" 2>/dev/null)
    if [[ $c == slurmstepd ]] || { tr '\0' '\n' <"$d/environ"; } 2>/dev/null | grep -q '^SLURM_JOB_ID='; then echo "$p"; fi
  done
}
left=$(orphans | sort -un | tr '\n' ' ')
if [[ -n ${left// } ]]; then
  log "terminating orphaned job/stepd processes: $left"
  # shellcheck disable=SC2086
  kill -TERM $left 2>/dev/null
  # shellcheck disable=SC2086
  wait_gone 5 $left || kill -KILL $left 2>/dev/null
fi
# empty Slurm cgroup directories of our nodes
for n in $NODES; do
  for d in /sys/fs/cgroup/*/slurm_"$n"; do
    [[ -d $d ]] && find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
  done
done

# 5. report
still=()
for name in "${!PID[@]}"; do alive "${PID[$name]}" && is_ours "${PID[$name]}" && still+=("$name:${PID[$name]}"); done
for p in $(orphans); do alive "$p" && still+=("orphan:$p"); done
rm -f "$RUN"/*.pid "$RUN"/*.sock "$RUN"/munge.socket*
if ((${#still[@]})); then log "ERROR: still running: ${still[*]}"; exit 1; fi
log "stopped ${#PID[@]} testbed processes in $(since "$T0")"
if [[ ${TESTBED_WIPE:-0} == 1 ]]; then
  [[ $(cat "$STATE/.testbed-state" 2>/dev/null) == "$STATE" ]] && rm -rf "$STATE" && log "wiped $STATE"
fi
exit 0
