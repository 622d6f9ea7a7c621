#!/usr/bin/env bash
# start-testbed-24.11.sh - a second, modern Slurm (Debian trixie: Slurm 24.11,
# slurmrestd API v0.0.40-v0.0.42) on this Debian 12 host, loopback only.
#
# The host's own packages are not touched (only debootstrap is installed on the
# host if it is missing). Slurm runs from a Debian trixie root file system
# built with debootstrap; every daemon and CLI call runs with chroot(8):
#   $TESTBED_ROOT              trixie root fs (built once, reused; minbase + Slurm packages)
#   $TESTBED_ROOT/proc         proc, mounted fresh
#   $TESTBED_ROOT/sys          rbind of /sys (includes the cgroup v1 mounts), made rslave
#   $TESTBED_ROOT/dev          rbind of /dev (with /dev/pts, /dev/shm), made rslave
#   $TESTBED_ROOT$TESTBED_STATE  bind of the state dir, so every path is the same
#                              inside and outside the chroot (SLURM_CONF works in both)
# Starts (as root, no systemd): munged, slurmctld, N x slurmd (multiple-slurmd on
# one host, one TCP port each), slurmrestd (JWT); seeds a demo workload.
# Ports differ from start-testbed.sh (Slurm 22.05), so both can run side by side;
# node names differ too (cnNN, not nodeNN): with multiple slurmd the job cgroups
# are /sys/fs/cgroup/<ctrl>/slurm_<nodename>, shared by both testbeds.
#
# Idempotent: components already running (PID file + live process chrooted into
# $TESTBED_ROOT whose command line or SLURM_CONF names the state dir) are left
# alone; mounts already in place are kept. Stop with stop-testbed-24.11.sh (same
# TESTBED_STATE); it also unmounts what this script mounted. After a failed start,
# run the stop script too (it unmounts and stops whatever was started).
#
# Environment (all optional):
#   TESTBED_STATE=/tmp/testbed-24.11-state  state dir (configs, keys, logs, pid files, mounts list)
#   TESTBED_ROOT=/tmp/trixie-root           trixie root fs; one running testbed per root
#   TESTBED_SUITE=trixie  TESTBED_MIRROR=http://deb.debian.org/debian
#   TESTBED_FRESH=0          1: wipe the state dir first (refused while our daemons run)
#   TESTBED_REBUILD_ROOT=0   1: delete and re-debootstrap the root fs (refused while mounted)
#   TESTBED_INSTALL=auto     auto: build the root fs / install packages in it if missing (and
#                            debootstrap on the host; apt-get update first when the host has no
#                            package lists); 0: never
#   TESTBED_NODES=5          slurmd nodes started (cn01..cnNN); cn04.. are GPU nodes
#   TESTBED_DOWN_NODES=1     extra configured nodes without slurmd (they show as DOWN*)
#   TESTBED_NODE_PREFIX=cn   node names are <prefix>01, <prefix>02, ...
#   TESTBED_CGROUP=auto      auto|1|0: proctrack/cgroup+task/cgroup (cgroup v1 only) or linuxproc
#   TESTBED_SEED=1           submit the demo workload and set node states (first start only)
#   TESTBED_USERS="alice:2001 bob:2002"   job owners, created inside the root fs only
#   TESTBED_JWT_USER=alice   user the REST token in testbed.env is made for
#   TESTBED_CLUSTER=modern
#   Ports: TESTBED_SLURMCTLD_PORT=6917 TESTBED_SLURMD_PORT_BASE=17101 TESTBED_SLURMRESTD_PORT=6920
# Output: $TESTBED_STATE/testbed.env (source it: SLURM_CONF, SLURMRESTD_URL, TESTBED_JWT,
#   TESTBED_CLI_DIR = host wrappers squeue/sinfo/scontrol/... that run the 24.11 CLI in the chroot)
set -euo pipefail
umask 022

STATE=${TESTBED_STATE:-/tmp/testbed-24.11-state}
STATE=${STATE%/}
ROOT=${TESTBED_ROOT:-/tmp/trixie-root}
ROOT=${ROOT%/}
SUITE=${TESTBED_SUITE:-trixie}
MIRROR=${TESTBED_MIRROR:-http://deb.debian.org/debian}
NODES=${TESTBED_NODES:-5}
DOWN_NODES=${TESTBED_DOWN_NODES:-1}
PREFIX=${TESTBED_NODE_PREFIX:-cn}
CLUSTER=${TESTBED_CLUSTER:-modern}
CGROUP_MODE=${TESTBED_CGROUP:-auto}
SEED=${TESTBED_SEED:-1}
INSTALL=${TESTBED_INSTALL:-auto}
USERS=${TESTBED_USERS:-"alice:2001 bob:2002"}
JWT_USER=${TESTBED_JWT_USER:-alice}
CTLD_PORT=${TESTBED_SLURMCTLD_PORT:-6917}
SLURMD_BASE=${TESTBED_SLURMD_PORT_BASE:-17101}
RESTD_PORT=${TESTBED_SLURMRESTD_PORT:-6920}
LOOP=127.0.0.1
API=v0.0.42

ETC=$STATE/etc RUN=$STATE/run LOG=$STATE/log BIN=$STATE/bin
SLURM_CONF=$ETC/slurm.conf
MOUNTS=$RUN/mounts
OWNER=.testbed-24.11-owner            # file in the root fs: state dir that holds its mounts
ROOT_PKGS=(munge slurmctld slurmd slurmrestd slurm-client slurm-wlm-jwt-plugin)
T_START=$(date +%s.%N)

log() { printf '[testbed-24.11 %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}'; }
# run a command inside the root fs with a clean environment
inroot() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root SLURM_CONF="$SLURM_CONF" "$@"; }
# A PID is "ours" if it is alive, chrooted into $ROOT, and its command line (or
# its SLURM_CONF) names our state dir.
is_ours() {
  local p=${1:-}
  [[ -n $p && -r /proc/$p/cmdline ]] || return 1
  [[ $(readlink "/proc/$p/root" 2>/dev/null) == "$ROOT" ]] || return 1
  { tr '\0' '\n' <"/proc/$p/cmdline"; } 2>/dev/null | grep -qF -- "$STATE/" && return 0
  { tr '\0' '\n' <"/proc/$p/environ"; } 2>/dev/null | grep -qxF -- "SLURM_CONF=$SLURM_CONF"
}
pid_of() { [[ -s $RUN/$1.pid ]] && tr -dc '0-9' <"$RUN/$1.pid"; }
running() { local p; p=$(pid_of "$1") && is_ours "$p"; }
wait_until() {   # wait_until SECONDS CMD...: poll CMD every 0.1 s
  local limit=$1; shift
  local end=$(( $(date +%s%N) + limit * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s%N) < end )) || return 1
    sleep 0.1
  done
}
port_busy() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
need_port() { ! port_busy "$1" || die "port $1 is already in use by another process (ss -ltnp 'sport = :$1')"; }
bg() {           # bg NAME CMD...: start CMD detached (own session), stdio to log, record PID
  local name=$1; shift
  setsid "$@" </dev/null >>"$LOG/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
}
node_name() { printf '%s%02d' "$PREFIX" "$1"; }
is_mounted() { findmnt -rn --mountpoint "$1" >/dev/null 2>&1; }
mounts_under() { findmnt -rn -o TARGET | awk -v r="$1/" 'index($0, r) == 1 || $0 == substr(r, 1, length(r) - 1)'; }

[[ $(id -u) -eq 0 ]] || die "must run as root (chroot, mount, daemons, cgroups)"
for v in STATE ROOT; do
  [[ ${!v} == /* && ${!v} != / && ${!v} != *" "* ]] || die "TESTBED_$v must be an absolute path without spaces (got '${!v}')"
done
STATE=$(realpath -m "$STATE") ROOT=$(realpath -m "$ROOT")
ETC=$STATE/etc RUN=$STATE/run LOG=$STATE/log BIN=$STATE/bin SLURM_CONF=$ETC/slurm.conf MOUNTS=$RUN/mounts
[[ $STATE/ != "$ROOT"/* && $ROOT/ != "$STATE"/* ]] || die "TESTBED_STATE and TESTBED_ROOT must not contain each other"
[[ $NODES =~ ^[0-9]+$ && $DOWN_NODES =~ ^[0-9]+$ ]] || die "TESTBED_NODES / TESTBED_DOWN_NODES must be numbers"
(( NODES >= 1 && NODES + DOWN_NODES <= 99 )) || die "TESTBED_NODES must be 1..99"
[[ $PREFIX =~ ^[a-z][a-z0-9-]*$ ]] || die "TESTBED_NODE_PREFIX must be lowercase letters/digits"

# ---------------------------------------------------------------- root fs (debootstrap)
T_ROOT=-
if [[ ${TESTBED_REBUILD_ROOT:-0} == 1 && -e $ROOT ]]; then
  [[ -z $(mounts_under "$ROOT") ]] || die "TESTBED_REBUILD_ROOT=1 but something is mounted under $ROOT; run stop-testbed-24.11.sh first"
  [[ -e $ROOT/.testbed-root ]] || die "$ROOT is not a testbed root fs (no .testbed-root marker); not deleting it"
  rm -rf --one-file-system "$ROOT"
  log "deleted $ROOT"
fi
if [[ ! -e $ROOT/.testbed-root ]]; then
  [[ $INSTALL == 0 ]] && die "no root fs at $ROOT (TESTBED_INSTALL=0)"
  [[ ! -e $ROOT || -z $(ls -A "$ROOT" 2>/dev/null) ]] || die "$ROOT exists, is not empty and is not a testbed root fs"
  t=$(date +%s.%N)
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap on the host"
    : >/tmp/testbed-24.11-apt.$$.log
    # a fresh system (e.g. a container image) has no package lists at all
    compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt-get update >>/tmp/testbed-24.11-apt.$$.log 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >>/tmp/testbed-24.11-apt.$$.log 2>&1 \
      || { apt-get update >>/tmp/testbed-24.11-apt.$$.log 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >>/tmp/testbed-24.11-apt.$$.log 2>&1; } \
      || die "apt-get install debootstrap failed, see /tmp/testbed-24.11-apt.$$.log"
    rm -f /tmp/testbed-24.11-apt.$$.log
  fi
  [[ -e /usr/share/debootstrap/scripts/$SUITE ]] || die "this debootstrap ($(dpkg-query -W -f='${Version}' debootstrap 2>/dev/null)) has no script for '$SUITE'"
  partial=$ROOT.partial
  if [[ -e $partial ]]; then
    [[ -z $(mounts_under "$partial") ]] || die "$partial has mounts left from an aborted debootstrap: $(mounts_under "$partial" | tr '\n' ' ')"
    rm -rf --one-file-system "$partial"
  fi
  mkdir -p "$(dirname "$ROOT")"
  log "debootstrap --variant=minbase $SUITE $partial $MIRROR (log: $ROOT.debootstrap.log)"
  # release signature checked with the host's debian-archive-keyring (it has the trixie keys)
  debootstrap --variant=minbase "$SUITE" "$partial" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
    || die "debootstrap failed: $(tail -5 "$ROOT.debootstrap.log"; tail -5 "$partial/debootstrap/debootstrap.log" 2>/dev/null)"
  [[ -z $(mounts_under "$partial") ]] || die "debootstrap left mounts: $(mounts_under "$partial" | tr '\n' ' ')"
  mv "$partial" "$ROOT"
  mv "$ROOT.debootstrap.log" "$ROOT/.testbed-debootstrap.log"
  # package scripts in the root fs never start services
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"; chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  echo "debian $SUITE minbase, built by start-testbed-24.11.sh at $(date -Is)" >"$ROOT/.testbed-root"
  T_ROOT=$(since "$t")
  log "root fs built in $T_ROOT"
fi

# ---------------------------------------------------------------- state dir
# one running testbed per root fs: the owner file names the state dir that holds the mounts
if [[ -s $ROOT/$OWNER ]]; then
  other=$(cat "$ROOT/$OWNER")
  if [[ $other != "$STATE" && -n $(mounts_under "$ROOT") ]]; then
    die "$ROOT is in use by the testbed with state $other (its mounts are in place); stop it or use another TESTBED_ROOT"
  fi
fi
any_running() {
  local f p
  for f in "$RUN"/*.pid; do [[ -e $f ]] || continue; p=$(tr -dc '0-9' <"$f"); is_ours "$p" && return 0; done
  return 1
}
if [[ -d $STATE && ! -e $STATE/.testbed-state && -n $(ls -A "$STATE" 2>/dev/null) ]]; then
  die "$STATE exists, is not empty and is not a testbed state dir (no .testbed-state marker)"
fi
if [[ ${TESTBED_FRESH:-0} == 1 && -d $STATE ]]; then
  any_running && die "TESTBED_FRESH=1 but testbed processes are running; run stop-testbed-24.11.sh first"
  [[ -z $(mounts_under "$ROOT$STATE") ]] || die "TESTBED_FRESH=1 but $ROOT$STATE is still mounted; run stop-testbed-24.11.sh first"
  rm -rf --one-file-system "$STATE"
  log "wiped $STATE"
fi
mkdir -p "$ETC" "$RUN" "$LOG" "$BIN" "$BIN/cli" "$STATE/slurmctld" "$STATE/jobs"
chmod 755 "$STATE" "$ETC" "$RUN" "$LOG" "$BIN"
echo "$STATE" >"$STATE/.testbed-state"   # marker checked by the stop script before it deletes anything

# ---------------------------------------------------------------- mounts
echo "$STATE" >"$ROOT/$OWNER"
touch "$MOUNTS"
mnt() {          # mnt TARGET MOUNT-ARGS...: mount unless already mounted; remember it
  local tgt=$1; shift
  if is_mounted "$tgt"; then
    grep -qxF -- "$tgt" "$MOUNTS" || die "$tgt is already mounted, but not by this testbed"
    return 0
  fi
  mkdir -p "$tgt"
  mount "$@" "$tgt" || die "mount $* $tgt failed"
  grep -qxF -- "$tgt" "$MOUNTS" || echo "$tgt" >>"$MOUNTS"
}
t=$(date +%s.%N)
mnt "$ROOT/proc" -t proc proc
if ! is_mounted "$ROOT/sys"; then mnt "$ROOT/sys" --rbind /sys; mount --make-rslave "$ROOT/sys"; fi
if ! is_mounted "$ROOT/dev"; then mnt "$ROOT/dev" --rbind /dev; mount --make-rslave "$ROOT/dev"; fi
mnt "$ROOT$STATE" --bind "$STATE"
T_MOUNT=$(since "$t")

# ---------------------------------------------------------------- packages in the root fs
missing=()
for p in "${ROOT_PKGS[@]}"; do
  chroot "$ROOT" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
T_PKG=-
if [[ ${#missing[@]} -gt 0 ]]; then
  [[ $INSTALL == 0 ]] && die "missing packages in $ROOT (TESTBED_INSTALL=0): ${missing[*]}"
  t=$(date +%s.%N)
  log "installing in the root fs: ${missing[*]}"
  [[ -e $ROOT/usr/sbin/policy-rc.d ]] || { printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"; chmod 755 "$ROOT/usr/sbin/policy-rc.d"; }
  # the caller's environment is kept (proxy settings, if any), as for apt-get on the host
  if ! { chroot "$ROOT" /usr/bin/env PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive apt-get update \
         && chroot "$ROOT" /usr/bin/env PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
              apt-get install -y --no-install-recommends "${ROOT_PKGS[@]}"; } >"$LOG/apt-root.log" 2>&1; then
    die "apt-get in the root fs failed, see $LOG/apt-root.log: $(tail -3 "$LOG/apt-root.log")"
  fi
  # drop the .deb cache and the package lists (about 90 MB); the next install runs apt-get update first
  chroot "$ROOT" apt-get clean
  rm -rf "$ROOT"/var/lib/apt/lists/*
  T_PKG=$(since "$t")
  log "packages ready in $T_PKG"
fi
SLURM_VERSION=$(inroot slurmctld -V | awk '{print $2}')

# ---------------------------------------------------------------- users, hosts (inside the root fs only)
for u in $USERS; do
  name=${u%%:*} uid=${u##*:}
  if ! chroot "$ROOT" getent passwd "$name" >/dev/null; then
    chroot "$ROOT" getent passwd "$uid" >/dev/null && die "uid $uid for test user $name is taken in $ROOT"
    chroot "$ROOT" useradd -M -d /nonexistent -s /bin/bash -u "$uid" -U "$name"
    log "created user $name ($uid) in the root fs"
  fi
  install -d -o "$uid" -g "$uid" -m 755 "$STATE/jobs/$name"
done
HOST=$(hostname -s)
# slurmctld needs SlurmctldHost (= this host's name) to resolve inside the chroot
cat >"$ROOT/etc/hosts" <<EOF
# written by start-testbed-24.11.sh
127.0.0.1 localhost $HOST
::1 localhost ip6-localhost ip6-loopback
EOF

# ---------------------------------------------------------------- cgroups
use_cgroup=0
cgroup_v1_ok() {
  [[ $(stat -fc %T "$ROOT/sys/fs/cgroup" 2>/dev/null) == tmpfs ]] || return 1
  local c d
  for c in cpuacct memory cpuset freezer; do
    [[ $(stat -fc %T "$ROOT/sys/fs/cgroup/$c" 2>/dev/null) == cgroupfs ]] || return 1
  done
  d=$ROOT/sys/fs/cgroup/memory/testbed-probe.$$
  mkdir "$d" 2>/dev/null && rmdir "$d"
}
case $CGROUP_MODE in
  1) cgroup_v1_ok || die "TESTBED_CGROUP=1 but no writable cgroup v1 hierarchy"; use_cgroup=1 ;;
  auto) cgroup_v1_ok && use_cgroup=1 ;;
esac

# ---------------------------------------------------------------- nodes
RUN_NODES=() DOWN_LIST=() ALL_NODES=()
for ((i = 1; i <= NODES; i++)); do RUN_NODES+=("$(node_name $i)"); done
for ((i = NODES + 1; i <= NODES + DOWN_NODES; i++)); do DOWN_LIST+=("$(node_name $i)"); done
ALL_NODES=("${RUN_NODES[@]}" "${DOWN_LIST[@]}")
join() { local IFS=,; echo "$*"; }
GPU_NODES=("${RUN_NODES[@]: -1}" "${DOWN_LIST[@]}")
(( NODES >= 4 )) && GPU_NODES=("${RUN_NODES[@]:3}" "${DOWN_LIST[@]}")
DEBUG_NODES=("${RUN_NODES[@]:0:3}")

# ---------------------------------------------------------------- keys
install -d -m 700 "$STATE/munge" "$STATE/jwt"
[[ -s $STATE/munge/munge.key ]] || inroot mungekey --create --keyfile="$STATE/munge/munge.key" --bits=1024
chmod 600 "$STATE/munge/munge.key"
[[ -s $STATE/jwt/jwt_hs256.key ]] || dd if=/dev/urandom of="$STATE/jwt/jwt_hs256.key" bs=32 count=1 status=none
chmod 600 "$STATE/jwt/jwt_hs256.key"

# ---------------------------------------------------------------- slurm.conf
if [[ $use_cgroup == 1 ]]; then
  PROCTRACK=proctrack/cgroup TASK=task/cgroup JOBACCT=jobacct_gather/cgroup
else
  PROCTRACK=proctrack/linuxproc TASK=task/none JOBACCT=jobacct_gather/linux
fi
is_gpu() { local n; for n in "${GPU_NODES[@]}"; do [[ $n == "$1" ]] && return 0; done; return 1; }
# configs are written to *.new and only replace the old ones when they differ, so a
# start while running reconfigures only after a change (in 24.11 "scontrol reconfigure"
# restarts slurmctld and every slurmd: new PIDs, about 3 s)
CONF_CHANGED=0
install_conf() { local f=$1; chmod 644 "$f.new"; if cmp -s "$f.new" "$f"; then rm -f "$f.new"; else mv "$f.new" "$f"; CONF_CHANGED=1; fi; }
{
  cat <<EOF
# generated by start-testbed-24.11.sh - do not edit (rewritten at every start)
ClusterName=$CLUSTER
SlurmctldHost=$HOST($LOOP)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_BASE
# bind slurmctld/slurmd to their configured address (127.0.0.1), not 0.0.0.0
TopologyParam=NoCtldInAddrAny,NoInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$RUN/munge.socket
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$STATE/jwt/jwt_hs256.key
CredType=cred/munge
StateSaveLocation=$STATE/slurmctld
SlurmdSpoolDir=$STATE/slurmd/%n
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd-%n.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=$PROCTRACK
TaskPlugin=$TASK
JobAcctGatherType=$JOBACCT
JobAcctGatherFrequency=10
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG/jobcomp.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
# backfill every 5 s (default 30): jobs behind a blocked one start quickly
SchedulerParameters=bf_interval=5
PriorityType=priority/basic
GresTypes=gpu
Licenses=matlab:4,ansys:2
DefMemPerCPU=500
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# keep finished jobs visible in squeue/scontrol/REST for an hour
MinJobAge=3600
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
# node definitions may exceed the real hardware (2 cores here)
SlurmdParameters=config_overrides
EOF
  i=0
  for n in "${ALL_NODES[@]}"; do
    port=$((SLURMD_BASE + i)); i=$((i + 1))
    if is_gpu "$n"; then
      echo "NodeName=$n NodeHostname=$n NodeAddr=$LOOP Port=$port CPUs=4 Boards=1 SocketsPerBoard=1 CoresPerSocket=4 ThreadsPerCore=1 RealMemory=8000 Gres=gpu:a100:2 Features=gpu,a100 State=UNKNOWN"
    else
      echo "NodeName=$n NodeHostname=$n NodeAddr=$LOOP Port=$port CPUs=8 Boards=1 SocketsPerBoard=2 CoresPerSocket=4 ThreadsPerCore=1 RealMemory=16000 Features=cpu,avx2 State=UNKNOWN"
    fi
  done
  echo "PartitionName=debug Nodes=$(join "${DEBUG_NODES[@]}") Default=YES MaxTime=01:00:00 DefaultTime=00:30:00 State=UP"
  echo "PartitionName=batch Nodes=$(join "${ALL_NODES[@]}") MaxTime=2-00:00:00 DefaultTime=01:00:00 State=UP"
  echo "PartitionName=gpu Nodes=$(join "${GPU_NODES[@]}") MaxTime=1-00:00:00 State=UP"
  echo "PartitionName=long Nodes=$(join "${DEBUG_NODES[@]}") MaxTime=7-00:00:00 State=DOWN"
} >"$ETC/slurm.conf.new"
install_conf "$ETC/slurm.conf"
{
  echo "# generated by start-testbed-24.11.sh"
  # fake GPUs: character device nodes with the numbers of /dev/null (never opened by Slurm here)
  for n in "${GPU_NODES[@]}"; do echo "NodeName=$n Name=gpu Type=a100 File=$STATE/dev/gpu[0-1]"; done
} >"$ETC/gres.conf.new"
install_conf "$ETC/gres.conf"
install -d -m 755 "$STATE/dev"
for g in 0 1; do [[ -c $STATE/dev/gpu$g ]] || { rm -f "$STATE/dev/gpu$g"; mknod -m 666 "$STATE/dev/gpu$g" c 1 3; }; done
cat >"$ETC/cgroup.conf.new" <<EOF
# generated by start-testbed-24.11.sh (only used with proctrack/cgroup, task/cgroup)
CgroupPlugin=cgroup/v1
ConstrainCores=yes
ConstrainRAMSpace=yes
ConstrainSwapSpace=no
EOF
install_conf "$ETC/cgroup.conf"
for n in "${RUN_NODES[@]}"; do mkdir -p "$STATE/slurmd/$n"; done

# ---------------------------------------------------------------- helper programs
cat >"$BIN/workload.sh" <<'EOF'
#!/bin/bash
# workload.sh CPU_PERCENT MEM_MB SECONDS - light, bounded load for testbed jobs:
# holds MEM_MB of memory and burns CPU_PERCENT of one core, for SECONDS.
# (bash only: perl's Time::HiRes is not in a minbase root fs)
export LC_ALL=C
pct=${1:-5} mb=${2:-0} dur=${3:-60}
buf=
(( mb > 0 )) && buf=$(head -c $((mb * 1048576)) /dev/zero | tr '\0' x)
period=200000 busy=$((200000 * pct / 100))
idle=$(printf '%d.%06d' $(((period - busy) / 1000000)) $(((period - busy) % 1000000)))
end=$(( ${EPOCHREALTIME/./} + dur * 1000000 ))
while (( ${EPOCHREALTIME/./} < end )); do
  t=${EPOCHREALTIME/./}
  while (( ${EPOCHREALTIME/./} - t < busy )); do :; done
  sleep "$idle"
done
: "${#buf}"
EOF
chmod 755 "$BIN/workload.sh"
# host-side wrappers: the 24.11 CLI, run in the chroot with this testbed's slurm.conf.
# They keep the caller's environment (SQUEUE_FORMAT, SLURM_TIME_FORMAT, ...) except
# LD_* and PATH, and the working directory when it exists inside the root fs.
# srun, salloc, sattach are left out: they listen on all interfaces.
# $BIN/in-root CMD ARGS... runs any command the same way.
wrapper() { # wrapper FILE COMMAND-WORDS
  cat >"$1" <<EOF
#!/bin/sh
# generated by start-testbed-24.11.sh: run ${2:-a command} from Slurm $SLURM_VERSION in $ROOT; needs root (chroot)
if [ ! -e $ROOT$SLURM_CONF ]; then
  echo "\${0##*/}: the Slurm 24.11 testbed is not running ($ROOT$SLURM_CONF is missing); run start-testbed-24.11.sh" >&2
  exit 1
fi
exec chroot $ROOT /usr/bin/env -u LD_LIBRARY_PATH -u LD_PRELOAD PATH=/usr/sbin:/usr/bin:/sbin:/bin \\
  SLURM_CONF=$SLURM_CONF /bin/sh -c 'cd "\$1" 2>/dev/null || cd /; shift; exec "\$@"' sh "\$PWD" $2 "\$@"
EOF
  chmod 755 "$1"
}
for c in squeue sinfo scontrol sbatch scancel sdiag sprio sshare sstat sacct sacctmgr sreport strigger; do
  wrapper "$BIN/cli/$c" "$c"
done
wrapper "$BIN/in-root" ""

# ---------------------------------------------------------------- daemons
STARTED=()
t=$(date +%s.%N)
if running munged; then log "munged already running (pid $(pid_of munged))"; else
  rm -f "$RUN/munge.socket" "$RUN/munge.socket.lock"
  inroot munged --key-file="$STATE/munge/munge.key" --socket="$RUN/munge.socket" --pid-file="$RUN/munged.pid" \
         --log-file="$LOG/munged.log" --seed-file="$STATE/munge/munged.seed" </dev/null >>"$LOG/munged.log" 2>&1 \
    || die "munged failed: $(tail -3 "$LOG/munged.log")"
  STARTED+=(munged)
fi
wait_until 10 inroot sh -c "munge -S '$RUN/munge.socket' -n | unmunge -S '$RUN/munge.socket'" || die "munge does not work: $(tail -3 "$LOG/munged.log")"
T_MUNGE=$(since "$t")

t=$(date +%s.%N)
if running slurmctld; then
  if [[ $CONF_CHANGED == 1 ]]; then
    log "slurmctld already running (pid $(pid_of slurmctld)); config changed: scontrol reconfigure (restarts slurmctld and slurmd)"
    old=$(pid_of slurmctld)
    inroot scontrol reconfigure >/dev/null 2>&1 || true
    new_ctld() { local p; p=$(pid_of slurmctld) && [[ $p != "$old" ]] && is_ours "$p"; }
    wait_until 15 new_ctld || log "WARNING: slurmctld did not restart after scontrol reconfigure"
  else
    log "slurmctld already running (pid $(pid_of slurmctld)), config unchanged"
  fi
else
  need_port "$CTLD_PORT"
  inroot slurmctld -f "$SLURM_CONF" </dev/null >>"$LOG/slurmctld.log" 2>&1 || die "slurmctld failed: $(tail -5 "$LOG/slurmctld.log")"
  STARTED+=(slurmctld)
fi
wait_until 30 sh -c "chroot '$ROOT' /usr/bin/env -i SLURM_CONF='$SLURM_CONF' /usr/bin/scontrol ping | grep -q 'is UP'" \
  || die "slurmctld not answering: $(tail -5 "$LOG/slurmctld.log")"
T_CTLD=$(since "$t")

t=$(date +%s.%N)
i=0
for n in "${RUN_NODES[@]}"; do
  port=$((SLURMD_BASE + i)); i=$((i + 1))
  if running "slurmd-$n"; then continue; fi
  # just reconfigured: slurmd is restarting itself under a new PID
  if port_busy "$port" && wait_until 10 running "slurmd-$n"; then continue; fi
  need_port "$port"
  inroot slurmd -f "$SLURM_CONF" -N "$n" </dev/null >>"$LOG/slurmd-$n.log" 2>&1 || die "slurmd $n failed: $(tail -5 "$LOG/slurmd-$n.log")"
  STARTED+=("slurmd-$n")
done
nodes_registered() {
  local bad
  bad=$(inroot sinfo -h -N -n "$(join "${RUN_NODES[@]}")" -o '%N %T' | awk '$2 ~ /unknown|not_responding|\*$/ {print $1}')
  [[ -z $bad ]]
}
wait_until 60 nodes_registered || die "slurmd nodes did not register: $(inroot sinfo -N 2>&1 | head -20)"
T_SLURMD=$(since "$t")

# slurmrestd (JWT; SLURM_JWT=daemon makes it use auth/jwt toward slurmctld)
t=$(date +%s.%N)
if running slurmrestd; then log "slurmrestd already running"; else
  need_port "$RESTD_PORT"
  bg slurmrestd chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 SLURM_CONF="$SLURM_CONF" SLURM_JWT=daemon \
     slurmrestd -f "$SLURM_CONF" -a rest_auth/jwt -s openapi/slurmctld -u nobody "$LOOP:$RESTD_PORT"
  STARTED+=(slurmrestd)
fi
TOKEN=$(inroot scontrol token username="$JWT_USER" lifespan=86400 | sed -n 's/^SLURM_JWT=//p')
[[ -n $TOKEN ]] || die "scontrol token failed"
echo "$TOKEN" >"$STATE/jwt/$JWT_USER.token"; chmod 644 "$STATE/jwt/$JWT_USER.token"
restd_ok() { [[ $(curl -s -o /dev/null -w '%{http_code}' -H "X-SLURM-USER-NAME: $JWT_USER" -H "X-SLURM-USER-TOKEN: $TOKEN" "http://$LOOP:$RESTD_PORT/slurm/$API/ping") == 200 ]]; }
wait_until 20 restd_ok || die "slurmrestd not answering: $(tail -5 "$LOG/slurmrestd.log")"
T_RESTD=$(since "$t")

# ---------------------------------------------------------------- demo workload
# Node states after seeding (default 5 running + 1 down node):
#   cn01 allocated (exclusive job), cn02 mixed (jobs + array tasks), cn03 idle,
#   cn04 drained (GPU node), cn05 mixed with 1 of 2 GPUs allocated, cn06 down* (no slurmd).
# Jobs: running, pending (Resources, Dependency, JobHeldUser, BeginTime,
#   JobArrayTaskLimit, ReqNodeNotAvail/Resources on gpu), completed, failed,
#   cancelled, out-of-memory (cgroup mode only), timeout (after 1-2 min).
t=$(date +%s.%N)
SEEDED=no
as() { local u=$1; shift; inroot runuser -u "$u" -- "$@"; }
sub() { # sub USER NAME sbatch-args... -- command
  local u=$1 name=$2; shift 2
  local opts=() out
  while [[ $# -gt 0 && $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  out=$(as "$u" sbatch --parsable -J "$name" -D "$STATE/jobs/$u" -o "%x-%j.out" "${opts[@]}" --wrap "$*" 2>&1) \
    || die "sbatch $name failed: $out"
  echo "${out%%;*}"
}
if [[ $SEED == 1 && ! -e $STATE/seeded ]]; then
  u1=${USERS%% *}; u1=${u1%%:*}
  u2=${USERS#* }; u2=${u2%% *}; u2=${u2%%:*}
  W=$BIN/workload.sh
  N1=${RUN_NODES[0]} N2=${RUN_NODES[1]:-} N3=${RUN_NODES[2]:-} N4=${RUN_NODES[3]:-} N5=${RUN_NODES[4]:-}
  for n in "${DOWN_LIST[@]}"; do inroot scontrol update nodename="$n" state=down reason="testbed: powered off (no slurmd)"; done
  [[ -n $N4 ]] && inroot scontrol update nodename="$N4" state=drain reason="testbed: maintenance"
  [[ -n $N3 ]] && inroot scontrol create reservation reservationname=maint-"$N3" starttime=now+1days duration=02:00:00 \
      nodes="$N3" users=root flags=maint >/dev/null
  ids=()
  rec() { [[ -n ${2:-} ]] || die "submitting seed job $1 failed"; ids+=("$1=$2"); }
  if [[ -n $N3 ]]; then
    rec SEED_COMPLETED "$(sub "$u1" hello -p debug -w "$N3" -t 5 -- echo hello from testbed)"
    rec SEED_FAILED "$(sub "$u2" broken -p debug -w "$N3" -t 5 -- 'echo about to fail >&2; exit 3')"
    [[ $use_cgroup == 1 ]] && rec SEED_OOM "$(sub "$u2" oom -p debug -w "$N3" --mem=50M -t 5 -- "$W" 0 400 20)"
    rec SEED_ARRAY_DONE "$(sub "$u1" postprocess -p debug -w "$N3" --array=1-3 -t 5 -- 'echo task $SLURM_ARRAY_TASK_ID')"
  fi
  cancel=$(sub "$u1" cancelled-run -p debug --hold -t 00:10:00 -- sleep 60)
  as "$u1" scancel "$cancel"
  rec SEED_CANCELLED "$cancel"
  train=$(sub "$u1" train-resnet50 -p batch -w "$N1" --exclusive --mem=2G -t 1-00:00:00 -- "$W" 5 128 86400)
  rec SEED_TRAIN "$train"
  if [[ -n $N2 ]]; then
    rec SEED_ANALYSIS "$(sub "$u2" analysis -p batch -w "$N2" -c 2 --mem=1G -L matlab:1 -t 12:00:00 -- "$W" 3 64 86400)"
    rec SEED_ARRAY "$(sub "$u1" preprocess -p batch -w "$N2" --array=1-6%2 -c 1 --mem=200M -t 12:00:00 -- sleep 86400)"
    rec SEED_TIMEOUT "$(sub "$u2" quick-test -p debug -w "$N2" -t 1 --mem=100M -- sleep 600)"
  fi
  if [[ -n $N5 ]]; then
    rec SEED_GPU "$(sub "$u1" finetune-llm -p gpu -w "$N5" --gres=gpu:1 -c 2 --mem=4G -t 1-00:00:00 -- "$W" 2 32 86400)"
  fi
  rec SEED_PENDING_RESOURCES "$(sub "$u2" mpi-sim -p batch -w "$N1" -c 4 -t 04:00:00 -- sleep 600)"
  rec SEED_PENDING_DEPENDENCY "$(sub "$u1" evaluate -p batch --dependency=afterok:"$train" -t 01:00:00 -- sleep 60)"
  rec SEED_HELD "$(sub "$u2" param-sweep -p debug --hold -t 00:30:00 -- sleep 60)"
  rec SEED_BEGIN "$(sub "$u1" nightly-backup -p debug --begin=now+12hours -t 00:30:00 -- sleep 60)"
  rec SEED_PENDING_GPU "$(sub "$u2" train-llm-70b -p gpu -N 2 --gres=gpu:2 -t 1-00:00:00 -- sleep 600)"
  { echo "# job ids submitted by start-testbed-24.11.sh (seed workload)"; printf '%s\n' "${ids[@]}"; } >"$STATE/seed-jobs.env.tmp"
  mv "$STATE/seed-jobs.env.tmp" "$STATE/seed-jobs.env"
  # shellcheck disable=SC1091
  . "$STATE/seed-jobs.env"
  seed_settled() {
    local st
    st=$(inroot squeue -h -t all -o '%i %T' | sort)
    ! grep -Eq "^(${SEED_COMPLETED:-x}|${SEED_FAILED:-x}|${SEED_OOM:-x}|${SEED_ARRAY_DONE:-x}_[^ ]+) (PENDING|CONFIGURING|RUNNING|COMPLETING)" <<<"$st" \
      && grep -Eq "^$SEED_TRAIN RUNNING" <<<"$st" \
      && { [[ -z ${SEED_ANALYSIS:-} ]] || grep -Eq "^$SEED_ANALYSIS RUNNING" <<<"$st"; } \
      && { [[ -z ${SEED_GPU:-} ]] || grep -Eq "^$SEED_GPU RUNNING" <<<"$st"; }
  }
  wait_until 60 seed_settled || log "WARNING: seed workload not settled after 60s: $(inroot squeue -h -t all -o '%i %j %T %R' | tr '\n' ';')"
  touch "$STATE/seeded"
  SEEDED=yes
fi
T_SEED=$(since "$t")

# ---------------------------------------------------------------- env file + summary
{
  echo "# written by start-testbed-24.11.sh at $(date -Is); source this file"
  echo "export TESTBED_STATE=$STATE"
  echo "export TESTBED_ROOT=$ROOT"
  echo "export TESTBED_SLURM_VERSION=$SLURM_VERSION"
  echo "# the same path inside the chroot and on the host"
  echo "export SLURM_CONF=$SLURM_CONF"
  echo "# host wrappers for the 24.11 CLI (run as root): PATH=\$TESTBED_CLI_DIR:\$PATH"
  echo "export TESTBED_CLI_DIR=$BIN/cli"
  echo "export TESTBED_CLUSTER=$CLUSTER"
  echo "export TESTBED_CGROUP_MODE=$([[ $use_cgroup == 1 ]] && echo cgroup || echo linuxproc)"
  echo "export TESTBED_NODE_LIST=\"${RUN_NODES[*]}\""
  echo "export TESTBED_DOWN_NODE_LIST=\"${DOWN_LIST[*]}\""
  echo "export SLURMRESTD_URL=http://$LOOP:$RESTD_PORT"
  echo "export SLURMRESTD_API_VERSION=$API"
  echo "export SLURMRESTD_API_VERSIONS=\"v0.0.40 v0.0.41 v0.0.42\""
  echo "export SLURMRESTD_USER=$JWT_USER"
  echo "# JWT for SLURMRESTD_USER (24h); new one: $BIN/cli/scontrol token username=$JWT_USER lifespan=SECONDS"
  echo "# (named TESTBED_JWT, not SLURM_JWT: SLURM_JWT in the environment switches the CLI to JWT auth)"
  echo "export TESTBED_JWT=$TOKEN"
  echo "export SLURMCTLD_ADDR=$LOOP:$CTLD_PORT"
  [[ -s $STATE/seed-jobs.env ]] && sed -n 's/^\(SEED_[A-Z_]*=\)/export \1/p' "$STATE/seed-jobs.env"
} >"$STATE/testbed.env"
chmod 644 "$STATE/testbed.env"

log "Slurm $SLURM_VERSION in $ROOT; started: ${STARTED[*]:-(everything was already running)}"
log "timings: root fs $T_ROOT, packages $T_PKG, mounts $T_MOUNT, munge $T_MUNGE, slurmctld $T_CTLD, slurmd x${#RUN_NODES[@]} $T_SLURMD, slurmrestd $T_RESTD, seed $T_SEED ($SEEDED); total $(since "$T_START")"
log "mode: $([[ $use_cgroup == 1 ]] && echo 'cgroup v1 (proctrack/cgroup, task/cgroup)' || echo 'linuxproc (no cgroups)')"
log "env:  . $STATE/testbed.env"
inroot sinfo >&2 || true
