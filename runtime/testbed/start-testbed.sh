#!/usr/bin/env bash
# start-testbed.sh - single-host SLURM 22.05 + Prometheus testbed, loopback only.
#
# Starts (as root, no systemd): munged, slurmctld, N x slurmd (multiple-slurmd on
# one host, one TCP port each), slurmrestd (JWT), N x node_exporter, a test-only
# per-job cgroup exporter (treydock/cgroup_exporter metric names), Prometheus.
# Optional (TESTBED_SLURMDBD=1): MariaDB + slurmdbd, isolated in a private network
# namespace and reached through loopback-only socat relays (slurmdbd 22.05 always
# binds 0.0.0.0).
#
# Node metrics differ per node although all nodes share one host: each
# node_exporter reads its own procfs directory ($TESTBED_STATE/procfs/<node>,
# node_exporter --path.procfs), whose stat, meminfo and loadavg files
# procfs_updater.py rewrites once a second from a fixed per-node profile (CPU busy
# %, memory used %, load1). The other /proc entries there are symlinks to the real
# ones, so disk, network, filesystem and pressure metrics are the host's. Slurm's
# own node figures (CPU_LOAD, FreeMem) still come from the real host.
#
# Idempotent: components already running (PID file + live process whose command
# line names the state dir) are left alone. State lives under $TESTBED_STATE.
# Stop with stop-testbed.sh (same TESTBED_STATE). cgroup_exporter.py and
# procfs_updater.py must sit next to this script; they are copied into the state dir.
#
# Environment (all optional):
#   TESTBED_STATE=/tmp/testbed-state  state dir (configs, keys, logs, pid files, data)
#   TESTBED_FRESH=0          1: wipe the state dir first (refused while our daemons run)
#   TESTBED_INSTALL=auto     auto: apt-get install missing packages; 0: never; 1: always run
#                            apt-get; only: install missing packages, then exit. apt-get update
#                            runs first when there are no package lists, and again after a
#                            failed install (stale lists)
#   TESTBED_EXTRA_PACKAGES=  more Debian packages to install with the testbed's own
#   TESTBED_NODES=5          slurmd nodes started (node01..nodeNN); node04.. are GPU nodes
#   TESTBED_DOWN_NODES=1     extra configured nodes without slurmd (they show as DOWN*)
#   TESTBED_NODE_PROFILES=   per-node metric profiles, "NODE=BUSY_PERCENT:MEMORY_USED_PERCENT:LOAD1 ...";
#                            they replace the defaults of the nodes they name. Defaults:
#                            node01=90:75:7.5 node02=45:40:3.6 node03=5:12:0.4 node04=0:8:0.0
#                            node05=65:55:5.2, and computed values from node06 on
#   TESTBED_CGROUP=auto      auto|1|0: proctrack/cgroup+task/cgroup (cgroup v1 only) or linuxproc
#   TESTBED_SEED=1           submit the demo workload and set node states (first start only)
#   TESTBED_SLURMDBD=0       1: also MariaDB + slurmdbd (accounting, sacct, /slurmdb/ API)
#   TESTBED_WAIT_SCRAPE=1    wait until Prometheus has scraped every running exporter once
#                            (first scrape comes 5-12 s after Prometheus is ready); 0: don't
#   TESTBED_USERS="alice:2001 bob:2002"   job owners created with useradd if missing
#   TESTBED_JWT_USER=alice   user the REST token in testbed.env is made for
#   TESTBED_CLUSTER=testbed  TESTBED_PROM_RETENTION=2h  TESTBED_SCRAPE_INTERVAL=5s
#   Ports: TESTBED_SLURMCTLD_PORT=6817 TESTBED_SLURMD_PORT_BASE=17001
#          TESTBED_SLURMRESTD_PORT=6820 TESTBED_SLURMDBD_PORT=6819
#          TESTBED_PROMETHEUS_PORT=9090 TESTBED_NODE_EXPORTER_PORT_BASE=9100
#          TESTBED_CGROUP_EXPORTER_PORT_BASE=9306
# Output: $TESTBED_STATE/testbed.env (source it: SLURM_CONF, URLs, JWT token, node
#   metric profiles, ...)
set -euo pipefail
umask 022

STATE=${TESTBED_STATE:-/tmp/testbed-state}
STATE=${STATE%/}
NODES=${TESTBED_NODES:-5}
DOWN_NODES=${TESTBED_DOWN_NODES:-1}
CLUSTER=${TESTBED_CLUSTER:-testbed}
CGROUP_MODE=${TESTBED_CGROUP:-auto}
SEED=${TESTBED_SEED:-1}
WITH_DBD=${TESTBED_SLURMDBD:-0}
WAIT_SCRAPE=${TESTBED_WAIT_SCRAPE:-1}
INSTALL=${TESTBED_INSTALL:-auto}
EXTRA_PACKAGES=${TESTBED_EXTRA_PACKAGES:-}
NODE_PROFILES=${TESTBED_NODE_PROFILES:-}
USERS=${TESTBED_USERS:-"alice:2001 bob:2002"}
JWT_USER=${TESTBED_JWT_USER:-alice}
PROM_RETENTION=${TESTBED_PROM_RETENTION:-2h}
SCRAPE=${TESTBED_SCRAPE_INTERVAL:-5s}
CTLD_PORT=${TESTBED_SLURMCTLD_PORT:-6817}
SLURMD_BASE=${TESTBED_SLURMD_PORT_BASE:-17001}
RESTD_PORT=${TESTBED_SLURMRESTD_PORT:-6820}
DBD_PORT=${TESTBED_SLURMDBD_PORT:-6819}
PROM_PORT=${TESTBED_PROMETHEUS_PORT:-9090}
NE_BASE=${TESTBED_NODE_EXPORTER_PORT_BASE:-9100}
CGX_BASE=${TESTBED_CGROUP_EXPORTER_PORT_BASE:-9306}
LOOP=127.0.0.1
# hardware declared in slurm.conf; the fake procfs of each node reports the same
CPU_NODE_CPUS=8 CPU_NODE_MEM_MB=16000 CPU_NODE_MEM_GIB=16
GPU_NODE_CPUS=4 GPU_NODE_MEM_MB=8000 GPU_NODE_MEM_GIB=8
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

ETC=$STATE/etc RUN=$STATE/run LOG=$STATE/log BIN=$STATE/bin
export SLURM_CONF=$ETC/slurm.conf
T_START=$(date +%s.%N)

log() { printf '[testbed %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}'; }
# A PID is "ours" if it is alive and its command line (or, for slurmdbd, its
# environment: SLURM_CONF) names our state dir.
is_ours() {
  [[ -n "${1:-}" && -r /proc/$1/cmdline ]] || return 1
  { tr '\0' '\n' <"/proc/$1/cmdline"; } 2>/dev/null | grep -qF -- "$STATE/" && return 0
  { tr '\0' '\n' <"/proc/$1/environ"; } 2>/dev/null | grep -qxF -- "SLURM_CONF=$STATE/etc/slurm.conf"
}
pid_of() { [[ -s $RUN/$1.pid ]] && tr -dc '0-9' <"$RUN/$1.pid"; }
running() { local p; p=$(pid_of "$1") && is_ours "$p"; }
# wait_until SECONDS CMD...: poll CMD every 0.1s
wait_until() {
  local limit=$1; shift
  local end=$(( $(date +%s%N) + limit * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s%N) < end )) || return 1
    sleep 0.1
  done
}
port_busy() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
need_port() { ! port_busy "$1" || die "port $1 is already in use by another process (ss -ltnp 'sport = :$1')"; }
# bg NAME CMD...: start CMD detached (own session), stdio to log, record PID
bg() {
  local name=$1; shift
  setsid "$@" </dev/null >>"$LOG/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
}
node_name() { printf 'node%02d' "$1"; }

[[ $(id -u) -eq 0 ]] || die "must run as root (daemons, useradd, cgroups)"
[[ $STATE == /* && $STATE != / && $STATE != *" "* ]] || die "TESTBED_STATE must be an absolute path without spaces"
[[ $NODES =~ ^[0-9]+$ && $DOWN_NODES =~ ^[0-9]+$ ]] || die "TESTBED_NODES / TESTBED_DOWN_NODES must be numbers (got '$NODES' / '$DOWN_NODES')"
(( NODES >= 1 && NODES + DOWN_NODES <= 99 )) || die "TESTBED_NODES must be 1..99"

# ---------------------------------------------------------------- packages
PKGS=(munge slurmctld slurmd slurm-client slurmrestd slurm-wlm-jwt-plugin
      prometheus prometheus-node-exporter python3 perl curl jq iproute2 util-linux procps
      openssl)
[[ $WITH_DBD == 1 ]] && PKGS+=(slurmdbd slurm-wlm-mysql-plugin mariadb-server socat)
read -ra extra <<<"$EXTRA_PACKAGES"
PKGS+=("${extra[@]}")
[[ $INSTALL =~ ^(auto|0|1|only)$ ]] || die "TESTBED_INSTALL must be auto, 0, 1 or only (got '$INSTALL')"
missing=()
for p in "${PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [[ $INSTALL == 1 || ( $INSTALL =~ ^(auto|only)$ && ${#missing[@]} -gt 0 ) ]]; then
  t=$(date +%s.%N)
  log "installing packages: ${missing[*]:-${PKGS[*]}}"
  apt_log=/tmp/testbed-apt.$$.log
  : >"$apt_log"
  # never let package scripts start services (they would bind 0.0.0.0)
  prc_added=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; prc_added=1; fi
  # a fresh system (e.g. a container image) has no package lists at all
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    log "no apt package lists yet: apt-get update"
    apt-get update >>"$apt_log" 2>&1 || true
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PKGS[@]}" >>"$apt_log" 2>&1; then
    # stale lists name package versions the mirror no longer has
    apt-get update >>"$apt_log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PKGS[@]}" >>"$apt_log" 2>&1 \
      || { [[ $prc_added == 1 ]] && rm -f /usr/sbin/policy-rc.d; die "apt-get install failed, see $apt_log"; }
  fi
  [[ $prc_added == 1 ]] && rm -f /usr/sbin/policy-rc.d
  rm -f "$apt_log"
  log "packages ready in $(since "$t")"
elif [[ ${#missing[@]} -gt 0 ]]; then
  die "missing packages (TESTBED_INSTALL=0): ${missing[*]}"
fi
if [[ $INSTALL == only ]]; then
  log "TESTBED_INSTALL=only: packages present, nothing started"
  exit 0
fi

# ---------------------------------------------------------------- fresh state
any_running() {
  local f p
  for f in "$RUN"/*.pid; do [[ -e $f ]] || continue; p=$(tr -dc '0-9' <"$f"); is_ours "$p" && return 0; done
  return 1
}
if [[ -d $STATE && ! -e $STATE/.testbed-state && -n $(ls -A "$STATE" 2>/dev/null) ]]; then
  die "$STATE exists, is not empty and is not a testbed state dir (no .testbed-state marker)"
fi
if [[ ${TESTBED_FRESH:-0} == 1 && -d $STATE ]]; then
  any_running && die "TESTBED_FRESH=1 but testbed processes are running; run stop-testbed.sh first"
  rm -rf "$STATE"
  log "wiped $STATE"
fi
mkdir -p "$ETC" "$RUN" "$LOG" "$BIN" "$STATE/slurmctld" "$STATE/jobs" "$STATE/textfile"
chmod 755 "$STATE" "$ETC" "$RUN" "$LOG" "$BIN"
echo "$STATE" >"$STATE/.testbed-state"   # marker checked by stop-testbed.sh before it deletes anything

# ---------------------------------------------------------------- users
for u in $USERS; do
  name=${u%%:*} uid=${u##*:}
  if ! getent passwd "$name" >/dev/null; then
    getent passwd "$uid" >/dev/null && die "uid $uid for test user $name is taken"
    useradd -M -d /nonexistent -s /bin/bash -u "$uid" -U "$name"
    log "created user $name ($uid)"
  fi
  install -d -o "$name" -g "$name" -m 755 "$STATE/jobs/$name"
done

# ---------------------------------------------------------------- cgroups
use_cgroup=0
cgroup_v1_ok() {
  [[ $(stat -fc %T /sys/fs/cgroup 2>/dev/null) == tmpfs ]] || return 1
  local c d
  for c in cpuacct memory cpuset freezer; do
    [[ $(stat -fc %T /sys/fs/cgroup/$c 2>/dev/null) == cgroupfs ]] || return 1
  done
  d=/sys/fs/cgroup/memory/testbed-probe.$$
  mkdir "$d" 2>/dev/null && rmdir "$d"
}
case $CGROUP_MODE in
  1) cgroup_v1_ok || die "TESTBED_CGROUP=1 but no writable cgroup v1 hierarchy (Slurm 22.05 cgroup/v2 needs systemd)"; use_cgroup=1 ;;
  auto) cgroup_v1_ok && use_cgroup=1 ;;
esac

# ---------------------------------------------------------------- nodes
RUN_NODES=() DOWN_LIST=() ALL_NODES=()
for ((i = 1; i <= NODES; i++)); do RUN_NODES+=("$(node_name $i)"); done
for ((i = NODES + 1; i <= NODES + DOWN_NODES; i++)); do DOWN_LIST+=("$(node_name $i)"); done
ALL_NODES=("${RUN_NODES[@]}" "${DOWN_LIST[@]}")
join() { local IFS=,; echo "$*"; }
GPU_NODES=("${RUN_NODES[@]: -1}" "${DOWN_LIST[@]}")     # last running node + the down ones
(( NODES >= 4 )) && GPU_NODES=("${RUN_NODES[@]:3}" "${DOWN_LIST[@]}")  # node04.. + the down ones
DEBUG_NODES=("${RUN_NODES[@]:0:3}")
is_gpu() { local n; for n in "${GPU_NODES[@]}"; do [[ $n == "$1" ]] && return 0; done; return 1; }

# ---------------------------------------------------------------- node metric profiles
# PROFILE[node]=BUSY_PERCENT:MEMORY_USED_PERCENT:LOAD1, what the node's node_exporter reports.
# The defaults fit the seeded Slurm states: node01 allocated, node02 and node05 mixed,
# node03 idle, node04 drained. Nodes from node06 on get computed values that end in .5,
# so they differ from the defaults, and from each other up to node85 (busy) and node75 (memory).
declare -A PROFILE=(
  [node01]=90:75:7.5 [node02]=45:40:3.6 [node03]=5:12:0.4 [node04]=0:8:0.0 [node05]=65:55:5.2
)
for ((i = 6; i <= NODES; i++)); do
  busy=$(( 10 + (i * 7) % 80 )).5
  PROFILE[$(node_name $i)]=$busy:$(( 20 + (i * 11) % 70 )).5:$(awk -v b="$busy" 'BEGIN { printf "%.2f", b * 8 / 100 }')
done
for entry in $NODE_PROFILES; do
  n=${entry%%=*} spec=${entry#*=}
  [[ " ${RUN_NODES[*]} " == *" $n "* ]] \
    || die "TESTBED_NODE_PROFILES names '$n', which is not a running node (${RUN_NODES[*]})"
  [[ $spec =~ ^[0-9]+(\.[0-9]+)?:[0-9]+(\.[0-9]+)?:[0-9]+(\.[0-9]+)?$ ]] \
    && awk -v s="$spec" 'BEGIN { split(s, f, ":"); exit !(f[1] <= 100 && f[2] <= 100) }' \
    || die "TESTBED_NODE_PROFILES entry '$entry' must be NODE=BUSY_PERCENT:MEMORY_USED_PERCENT:LOAD1 with percentages 0-100 (e.g. node01=90:75:7.5)"
  PROFILE[$n]=$spec
done
node_cpus() { if is_gpu "$1"; then echo "$GPU_NODE_CPUS"; else echo "$CPU_NODE_CPUS"; fi; }
node_mem_total_bytes() { if is_gpu "$1"; then echo $((GPU_NODE_MEM_GIB << 30)); else echo $((CPU_NODE_MEM_GIB << 30)); fi; }

# ---------------------------------------------------------------- keys
install -d -m 700 "$STATE/munge" "$STATE/jwt"
[[ -s $STATE/munge/munge.key ]] || mungekey --create --keyfile="$STATE/munge/munge.key" --bits=1024
chmod 600 "$STATE/munge/munge.key"
[[ -s $STATE/jwt/jwt_hs256.key ]] || { dd if=/dev/urandom of="$STATE/jwt/jwt_hs256.key" bs=32 count=1 status=none; }
chmod 600 "$STATE/jwt/jwt_hs256.key"

# ---------------------------------------------------------------- slurm.conf
HOST=$(hostname -s)
getent hosts "$HOST" >/dev/null || die "hostname '$HOST' does not resolve (slurmctld needs SlurmctldHost = this host); add it to /etc/hosts as 127.0.0.1"
if [[ $use_cgroup == 1 ]]; then
  PROCTRACK=proctrack/cgroup TASK=task/cgroup JOBACCT=jobacct_gather/cgroup
else
  PROCTRACK=proctrack/linuxproc TASK=task/none JOBACCT=jobacct_gather/linux
fi
if [[ $WITH_DBD == 1 ]]; then
  ACCT="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=$LOOP
AccountingStoragePort=$DBD_PORT
# munge socket used toward slurmdbd (AuthInfo is not used for that connection)
AccountingStoragePass=$RUN/munge.socket
AccountingStorageTRES=gres/gpu"
else
  ACCT="AccountingStorageType=accounting_storage/none"
fi
{
  cat <<EOF
# generated by start-testbed.sh - do not edit (rewritten at every start)
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
$ACCT
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
      echo "NodeName=$n NodeHostname=$n NodeAddr=$LOOP Port=$port CPUs=$GPU_NODE_CPUS Boards=1 SocketsPerBoard=1 CoresPerSocket=$GPU_NODE_CPUS ThreadsPerCore=1 RealMemory=$GPU_NODE_MEM_MB Gres=gpu:a100:2 Features=gpu,a100 State=UNKNOWN"
    else
      echo "NodeName=$n NodeHostname=$n NodeAddr=$LOOP Port=$port CPUs=$CPU_NODE_CPUS Boards=1 SocketsPerBoard=2 CoresPerSocket=$((CPU_NODE_CPUS / 2)) ThreadsPerCore=1 RealMemory=$CPU_NODE_MEM_MB Features=cpu,avx2 State=UNKNOWN"
    fi
  done
  echo "PartitionName=debug Nodes=$(join "${DEBUG_NODES[@]}") Default=YES MaxTime=01:00:00 DefaultTime=00:30:00 State=UP"
  echo "PartitionName=batch Nodes=$(join "${ALL_NODES[@]}") MaxTime=2-00:00:00 DefaultTime=01:00:00 State=UP"
  echo "PartitionName=gpu Nodes=$(join "${GPU_NODES[@]}") MaxTime=1-00:00:00 State=UP"
  echo "PartitionName=long Nodes=$(join "${DEBUG_NODES[@]}") MaxTime=7-00:00:00 State=DOWN"
} >"$ETC/slurm.conf"
{
  echo "# generated by start-testbed.sh"
  # Slurm 22.05 drops file-less GPUs, so each fake GPU is a character device
  # node with the numbers of /dev/null under $STATE/dev (never opened by Slurm here)
  for n in "${GPU_NODES[@]}"; do echo "NodeName=$n Name=gpu Type=a100 File=$STATE/dev/gpu[0-1]"; done
} >"$ETC/gres.conf"
install -d -m 755 "$STATE/dev"
for g in 0 1; do [[ -c $STATE/dev/gpu$g ]] || { rm -f "$STATE/dev/gpu$g"; mknod -m 666 "$STATE/dev/gpu$g" c 1 3; }; done
cat >"$ETC/cgroup.conf" <<EOF
# generated by start-testbed.sh (only used with proctrack/cgroup, task/cgroup)
CgroupPlugin=cgroup/v1
CgroupAutomount=no
ConstrainCores=yes
ConstrainRAMSpace=yes
ConstrainSwapSpace=no
EOF
chmod 644 "$ETC"/*.conf
for n in "${RUN_NODES[@]}"; do mkdir -p "$STATE/slurmd/$n"; done

# ---------------------------------------------------------------- prometheus.yml
{
  cat <<EOF
# generated by start-testbed.sh
global:
  scrape_interval: $SCRAPE
  evaluation_interval: $SCRAPE
  external_labels:
    cluster: $CLUSTER
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['$LOOP:$PROM_PORT']
  # one node_exporter per Slurm node; instance is relabelled to <node>:9100 as on a real cluster
  - job_name: node
    static_configs:
EOF
  i=0
  for n in "${ALL_NODES[@]}"; do
    echo "      - targets: ['$LOOP:$((NE_BASE + i))']"
    echo "        labels: {instance: '$n:9100'}"
    i=$((i + 1))
  done
  cat <<EOF
  # per-job metrics, treydock/cgroup_exporter names (test-only exporter)
  - job_name: cgroup
    static_configs:
EOF
  i=0
  for n in "${ALL_NODES[@]}"; do
    echo "      - targets: ['$LOOP:$((CGX_BASE + i))']"
    echo "        labels: {instance: '$n:9306'}"
    i=$((i + 1))
  done
} >"$ETC/prometheus.yml"

# ---------------------------------------------------------------- slurmdbd (optional)
# slurmdbd 22.05 always listens on 0.0.0.0:DbdPort (no bind option), so it and
# MariaDB run in a private network namespace whose only interface is its own lo.
# socat relays join the two loopbacks through unix sockets in $RUN:
#   host 127.0.0.1:DBD_PORT -> dbd.sock -> netns 127.0.0.1:DBD_PORT (slurmdbd)
#   netns 127.0.0.1:CTLD_PORT -> ctld.sock -> host 127.0.0.1:CTLD_PORT (slurmctld)
start_dbd() {
  local t; t=$(date +%s.%N)
  install -d -m 755 -o mysql -g mysql "$STATE/mysql" "$STATE/mysql/data" "$STATE/mysql/run"
  cat >"$ETC/my.cnf" <<EOF
[mariadbd]
datadir=$STATE/mysql/data
socket=$STATE/mysql/run/mysqld.sock
pid-file=$STATE/mysql/run/mysqld.pid
log-error=$STATE/mysql/mariadb.log
bind-address=127.0.0.1
port=3306
user=mysql
skip-name-resolve
innodb_buffer_pool_size=64M
innodb_log_file_size=16M
innodb_lock_wait_timeout=900
performance_schema=OFF
[client]
socket=$STATE/mysql/run/mysqld.sock
EOF
  cat >"$ETC/slurmdbd.conf" <<EOF
# generated by start-testbed.sh
AuthType=auth/munge
AuthInfo=socket=$RUN/munge.socket
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$STATE/jwt/jwt_hs256.key
DbdHost=localhost
DbdAddr=$LOOP
DbdPort=$DBD_PORT
SlurmUser=root
DebugLevel=info
LogFile=$LOG/slurmdbd.log
PidFile=$RUN/slurmdbd.pid
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=3306
StorageUser=slurm
StoragePass=testbed
StorageLoc=slurm_acct_db
EOF
  chmod 600 "$ETC/slurmdbd.conf"
  cat >"$BIN/dbd-netns.sh" <<EOF
#!/bin/bash
# runs inside the private network namespace (started by start-testbed.sh)
set -e
ip link set lo up
# Slurm resolves its wildcard bind address with AF_INET + AI_ADDRCONFIG, which
# fails when 127.0.0.1 is the only IPv4 address; a second loopback address fixes it
ip addr add 127.0.0.2/32 dev lo
if [[ ! -d $STATE/mysql/data/mysql ]]; then
  mariadb-install-db --defaults-file=$ETC/my.cnf --auth-root-authentication-method=socket --skip-test-db >>$LOG/mariadb-install.log 2>&1
fi
setsid mariadbd --defaults-file=$ETC/my.cnf </dev/null >>$LOG/mariadbd.log 2>&1 &
echo \$! >$RUN/mariadbd.pid
for i in \$(seq 1 200); do mariadb --defaults-file=$ETC/my.cnf -e 'select 1' >/dev/null 2>&1 && break; sleep 0.1; done
mariadb --defaults-file=$ETC/my.cnf -e "CREATE DATABASE IF NOT EXISTS slurm_acct_db; CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY 'testbed'; GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';"
rm -f $RUN/dbd.sock
setsid socat UNIX-LISTEN:$RUN/dbd.sock,fork,mode=600 TCP:127.0.0.1:$DBD_PORT </dev/null >>$LOG/socat-dbd-in.log 2>&1 &
echo \$! >$RUN/socat-dbd-in.pid
setsid socat TCP-LISTEN:$CTLD_PORT,bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:$RUN/ctld.sock </dev/null >>$LOG/socat-ctld-in.log 2>&1 &
echo \$! >$RUN/socat-ctld-in.pid
SLURM_CONF=$ETC/slurm.conf slurmdbd </dev/null >>$LOG/slurmdbd.log 2>&1
EOF
  chmod 755 "$BIN/dbd-netns.sh"
  if running slurmdbd; then log "slurmdbd already running"; else
    need_port "$DBD_PORT"
    rm -f "$RUN/ctld.sock"
    bg socat-ctld-out socat "UNIX-LISTEN:$RUN/ctld.sock,fork,mode=600" "TCP:$LOOP:$CTLD_PORT"
    bg socat-dbd-out socat "TCP-LISTEN:$DBD_PORT,bind=$LOOP,reuseaddr,fork" "UNIX-CONNECT:$RUN/dbd.sock"
    unshare --net -- "$BIN/dbd-netns.sh" || die "slurmdbd netns start failed: $(tail -5 "$LOG/slurmdbd.log" "$STATE/mysql/mariadb.log" 2>/dev/null)"
    STARTED+=(mariadbd slurmdbd socat-relays)
  fi
  wait_until 30 sacctmgr -n list cluster || die "slurmdbd not answering: $(tail -5 "$LOG/slurmdbd.log")"
  if ! sacctmgr -n -P list cluster format=cluster | grep -qx "$CLUSTER"; then
    sacctmgr -i add cluster "$CLUSTER" >/dev/null
    sacctmgr -i add account research Description="testbed research" Organization=testbed >/dev/null
    for u in $USERS; do sacctmgr -i add user "${u%%:*}" account=research >/dev/null; done
  fi
  T_DBD=$(since "$t")
}

# ---------------------------------------------------------------- helper programs
cat >"$BIN/workload.sh" <<'EOF'
#!/bin/bash
# workload.sh CPU_PERCENT MEM_MB SECONDS - light, bounded load for testbed jobs:
# holds MEM_MB of memory and burns CPU_PERCENT of one core, for SECONDS.
exec perl -MTime::HiRes=time,sleep -e '
  my ($pct, $mb, $dur) = @ARGV;
  my $buf = "x" x ($mb * 1048576);
  my $end = time + $dur; my $period = 0.2; my $busy = $period * $pct / 100;
  while (time < $end) { my $t = time; 1 while time - $t < $busy; sleep($period - $busy) if $period > $busy; }
' "$@"
EOF
chmod 755 "$BIN/workload.sh"
# the test-only per-job exporter and the per-node procfs writer run from the state dir,
# so that their command lines name it (the PID checks above rely on that)
install -m 755 "$HERE/cgroup_exporter.py" "$HERE/procfs_updater.py" "$BIN/"

# ---------------------------------------------------------------- daemons
STARTED=()
t=$(date +%s.%N)
# munge
if running munged; then log "munged already running (pid $(pid_of munged))"; else
  rm -f "$RUN/munge.socket" "$RUN/munge.socket.lock"
  munged --key-file="$STATE/munge/munge.key" --socket="$RUN/munge.socket" --pid-file="$RUN/munged.pid" \
         --log-file="$LOG/munged.log" --seed-file="$STATE/munge/munged.seed" </dev/null >>"$LOG/munged.log" 2>&1 \
    || die "munged failed: $(tail -3 "$LOG/munged.log")"
  STARTED+=(munged)
fi
wait_until 10 sh -c "munge -S '$RUN/munge.socket' -n | unmunge -S '$RUN/munge.socket'" || die "munge does not work: $(tail -3 "$LOG/munged.log")"
T_MUNGE=$(since "$t")
T_DBD=
[[ $WITH_DBD == 1 ]] && start_dbd

# slurmctld
t=$(date +%s.%N)
if running slurmctld; then
  log "slurmctld already running (pid $(pid_of slurmctld)), asking it to re-read slurm.conf"
  scontrol reconfigure >/dev/null 2>&1 || true
else
  need_port "$CTLD_PORT"
  slurmctld -f "$ETC/slurm.conf" </dev/null >>"$LOG/slurmctld.log" 2>&1 || die "slurmctld failed: $(tail -5 "$LOG/slurmctld.log")"
  STARTED+=(slurmctld)
fi
wait_until 30 sh -c "scontrol ping | grep -q 'is UP'" || die "slurmctld not answering: $(tail -5 "$LOG/slurmctld.log")"
T_CTLD=$(since "$t")

# slurmd, one per node (multiple-slurmd build: -N <nodename>, own port)
t=$(date +%s.%N)
i=0
for n in "${RUN_NODES[@]}"; do
  port=$((SLURMD_BASE + i)); i=$((i + 1))
  if running "slurmd-$n"; then continue; fi
  need_port "$port"
  slurmd -f "$ETC/slurm.conf" -N "$n" </dev/null >>"$LOG/slurmd-$n.log" 2>&1 || die "slurmd $n failed: $(tail -5 "$LOG/slurmd-$n.log")"
  STARTED+=("slurmd-$n")
done
nodes_registered() {
  local bad
  bad=$(sinfo -h -N -n "$(join "${RUN_NODES[@]}")" -o '%N %T' | awk '$2 ~ /unknown|not_responding|\*$/ {print $1}')
  [[ -z $bad ]]
}
wait_until 60 nodes_registered || die "slurmd nodes did not register: $(sinfo -N 2>&1 | head -20)"
T_SLURMD=$(since "$t")

# slurmrestd (JWT; SLURM_JWT=daemon makes it use auth/jwt toward slurmctld)
t=$(date +%s.%N)
if running slurmrestd; then log "slurmrestd already running"; else
  need_port "$RESTD_PORT"
  plugins=openapi/v0.0.36,openapi/v0.0.37,openapi/v0.0.38
  [[ $WITH_DBD == 1 ]] && plugins+=,openapi/dbv0.0.36,openapi/dbv0.0.37,openapi/dbv0.0.38
  SLURM_JWT=daemon bg slurmrestd slurmrestd -f "$ETC/slurm.conf" -a rest_auth/jwt -s "$plugins" -u nobody "$LOOP:$RESTD_PORT"
  STARTED+=(slurmrestd)
fi
TOKEN=$(scontrol token username="$JWT_USER" lifespan=86400 | sed -n 's/^SLURM_JWT=//p')
[[ -n $TOKEN ]] || die "scontrol token failed"
echo "$TOKEN" >"$STATE/jwt/$JWT_USER.token"; chmod 644 "$STATE/jwt/$JWT_USER.token"
restd_ok() { [[ $(curl -s -o /dev/null -w '%{http_code}' -H "X-SLURM-USER-NAME: $JWT_USER" -H "X-SLURM-USER-TOKEN: $TOKEN" "http://$LOOP:$RESTD_PORT/slurm/v0.0.38/ping") == 200 ]]; }
wait_until 20 restd_ok || die "slurmrestd not answering: $(tail -5 "$LOG/slurmrestd.log")"
T_RESTD=$(since "$t")

# per-node procfs for node_exporter: stat, meminfo and loadavg come from procfs_updater.py,
# every other entry is a symlink to the real /proc entry (node_exporter also reads net/dev,
# diskstats, pressure/*, 1/mounts and more there). PID directories other than 1 are left
# out: they come and go, and node_exporter's default collectors do not read them.
t=$(date +%s.%N)
make_procfs_dir() {
  local dir=$STATE/procfs/$1 entry links=()
  install -d -m 755 "$dir"
  for entry in /proc/*; do
    case ${entry#/proc/} in
      stat | meminfo | loadavg) ;;
      1 | *[!0-9]*) links+=("$entry") ;;
    esac
  done
  # one ln call for all entries, rather than about 50 processes per node
  ln -sfn -t "$dir" "${links[@]}"
}
updater_args=()
for n in "${RUN_NODES[@]}"; do
  make_procfs_dir "$n"
  updater_args+=("$n=${PROFILE[$n]}:$(node_cpus "$n"):$(node_mem_total_bytes "$n")")
done
# A running updater with other profiles (TESTBED_NODE_PROFILES changed) is replaced.
# NOTE: the CPU counters then jump to the new profile's values, and may go down, so rate()
# over a window that spans the change is wrong.
if running procfs_updater && [[ "${updater_args[*]}" != "$(cat "$RUN/procfs_updater.args" 2>/dev/null)" ]]; then
  old=$(pid_of procfs_updater)
  log "node profiles changed, restarting procfs_updater (pid $old)"
  kill -TERM "$old"
  updater_stopped() { ! running procfs_updater; }
  wait_until 5 updater_stopped || die "procfs_updater (pid $old) did not stop"
fi
if ! running procfs_updater; then
  rm -f "$STATE/procfs"/*/stat "$STATE/procfs"/*/meminfo "$STATE/procfs"/*/loadavg
  bg procfs_updater python3 "$BIN/procfs_updater.py" "$STATE/procfs" "${updater_args[@]}"
  echo "${updater_args[*]}" >"$RUN/procfs_updater.args"
  STARTED+=(procfs_updater)
fi
procfs_written() {
  local n
  for n in "${RUN_NODES[@]}"; do [[ -s $STATE/procfs/$n/stat && -s $STATE/procfs/$n/meminfo && -s $STATE/procfs/$n/loadavg ]] || return 1; done
}
wait_until 10 procfs_written || die "procfs_updater wrote no files: $(tail -3 "$LOG/procfs_updater.log")"

# node_exporter per node (own procfs and textfile collector dir per node), as user nobody
i=0
for n in "${RUN_NODES[@]}"; do
  port=$((NE_BASE + i)); i=$((i + 1))
  install -d -m 755 "$STATE/textfile/$n"
  running "node_exporter-$n" && continue
  need_port "$port"
  bg "node_exporter-$n" setpriv --reuid=nobody --regid=nogroup --clear-groups \
     prometheus-node-exporter --web.listen-address="$LOOP:$port" --path.procfs="$STATE/procfs/$n" \
     --collector.textfile.directory="$STATE/textfile/$n" --no-collector.systemd
  STARTED+=("node_exporter-$n")
done
# per-job exporter (one process, one loopback port per node)
if ! running cgroup_exporter; then
  args=() i=0
  for n in "${RUN_NODES[@]}"; do need_port $((CGX_BASE + i)); args+=("$n=$((CGX_BASE + i))"); i=$((i + 1)); done
  bg cgroup_exporter python3 "$BIN/cgroup_exporter.py" "${args[@]}"
  STARTED+=(cgroup_exporter)
fi
# prometheus, as user prometheus (created by the Debian package)
install -d -m 755 "$STATE/prometheus"
install -d -m 755 -o prometheus -g prometheus "$STATE/prometheus/data"
if running prometheus; then
  curl -s -X POST "http://$LOOP:$PROM_PORT/-/reload" >/dev/null || true
else
  need_port "$PROM_PORT"
  bg prometheus setpriv --reuid=prometheus --regid=prometheus --clear-groups \
     prometheus --config.file="$ETC/prometheus.yml" --storage.tsdb.path="$STATE/prometheus/data" \
     --storage.tsdb.retention.time="$PROM_RETENTION" --web.listen-address="$LOOP:$PROM_PORT" \
     --web.enable-lifecycle
  date +%s >"$RUN/prometheus.started-at"
  STARTED+=(prometheus)
fi
wait_until 30 curl -sf "http://$LOOP:$PROM_PORT/-/ready" || die "prometheus not ready: $(tail -5 "$LOG/prometheus.log")"
i=0
for n in "${RUN_NODES[@]}"; do
  wait_until 10 curl -sf -o /dev/null "http://$LOOP:$((NE_BASE + i))/metrics" || die "node_exporter $n not answering"
  wait_until 10 curl -sf -o /dev/null "http://$LOOP:$((CGX_BASE + i))/metrics" || die "cgroup exporter $n not answering: $(tail -3 "$LOG/cgroup_exporter.log")"
  i=$((i + 1))
done
T_PROM=$(since "$t")

# ---------------------------------------------------------------- demo workload
# Node states after seeding (default 5 running + 1 down node):
#   node01 allocated (exclusive job), node02 mixed (jobs + array tasks), node03 idle,
#   node04 drained (GPU node), node05 mixed with 1 of 2 GPUs allocated,
#   node06 down* (no slurmd).
# Jobs: running, pending (Resources, Dependency, JobHeldUser, BeginTime,
#   JobArrayTaskLimit, ReqNodeNotAvail/Resources on gpu), completed, failed,
#   cancelled, out-of-memory (cgroup mode only), timeout (after 1-2 min).
t=$(date +%s.%N)
SEEDED=no
as() { local u=$1; shift; runuser -u "$u" -- env SLURM_CONF="$SLURM_CONF" "$@"; }
sub() { # sub USER NAME sbatch-args... -- command
  local u=$1 name=$2; shift 2
  local opts=() out
  while [[ $# -gt 0 && $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  out=$(cd "$STATE/jobs/$u" && as "$u" sbatch --parsable -J "$name" -D "$STATE/jobs/$u" -o "%x-%j.out" "${opts[@]}" --wrap "$*") \
    || die "sbatch $name failed: $out"
  echo "${out%%;*}"
}
if [[ $SEED == 1 && ! -e $STATE/seeded ]]; then
  u1=${USERS%% *}; u1=${u1%%:*}
  u2=${USERS#* }; u2=${u2%% *}; u2=${u2%%:*}
  W=$BIN/workload.sh
  N1=${RUN_NODES[0]} N2=${RUN_NODES[1]:-} N3=${RUN_NODES[2]:-} N4=${RUN_NODES[3]:-} N5=${RUN_NODES[4]:-}
  for n in "${DOWN_LIST[@]}"; do scontrol update nodename="$n" state=down reason="testbed: powered off (no slurmd)"; done
  [[ -n $N4 ]] && scontrol update nodename="$N4" state=drain reason="testbed: maintenance"
  [[ -n $N3 ]] && scontrol create reservation reservationname=maint-"$N3" starttime=now+1days duration=02:00:00 \
      nodes="$N3" users=root flags=maint >/dev/null
  ids=()
  rec() { [[ -n ${2:-} ]] || die "submitting seed job $1 failed"; ids+=("$1=$2"); }
  # short jobs first (they finish on node03 within seconds)
  if [[ -n $N3 ]]; then
    rec SEED_COMPLETED "$(sub "$u1" hello -p debug -w "$N3" -t 5 -- echo hello from testbed)"
    rec SEED_FAILED "$(sub "$u2" broken -p debug -w "$N3" -t 5 -- 'echo about to fail >&2; exit 3')"
    [[ $use_cgroup == 1 ]] && rec SEED_OOM "$(sub "$u2" oom -p debug -w "$N3" --mem=50M -t 5 -- "$W" 0 400 20)"
    rec SEED_ARRAY_DONE "$(sub "$u1" postprocess -p debug -w "$N3" --array=1-3 -t 5 -- 'echo task $SLURM_ARRAY_TASK_ID')"
  fi
  cancel=$(sub "$u1" cancelled-run -p debug --hold -t 00:10:00 -- sleep 60)
  as "$u1" scancel "$cancel"
  rec SEED_CANCELLED "$cancel"
  # long-running jobs (1 day / 12 h), light CPU + memory load
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
  # pending jobs
  # waits for node01 (a multi-node request would make backfill mark node03 PLANNED)
  rec SEED_PENDING_RESOURCES "$(sub "$u2" mpi-sim -p batch -w "$N1" -c 4 -t 04:00:00 -- sleep 600)"
  rec SEED_PENDING_DEPENDENCY "$(sub "$u1" evaluate -p batch --dependency=afterok:"$train" -t 01:00:00 -- sleep 60)"
  rec SEED_HELD "$(sub "$u2" param-sweep -p debug --hold -t 00:30:00 -- sleep 60)"
  rec SEED_BEGIN "$(sub "$u1" nightly-backup -p debug --begin=now+12hours -t 00:30:00 -- sleep 60)"
  rec SEED_PENDING_GPU "$(sub "$u2" train-llm-70b -p gpu -N 2 --gres=gpu:2 -t 1-00:00:00 -- sleep 600)"
  { echo "# job ids submitted by start-testbed.sh (seed workload)"; printf '%s\n' "${ids[@]}"; } >"$STATE/seed-jobs.env.tmp"
  mv "$STATE/seed-jobs.env.tmp" "$STATE/seed-jobs.env"
  # shellcheck disable=SC1091
  . "$STATE/seed-jobs.env"
  seed_settled() {
    local st
    st=$(squeue -h -t all -o '%i %T' | sort)
    # the short jobs have finished and the long ones run
    ! grep -Eq "^(${SEED_COMPLETED:-x}|${SEED_FAILED:-x}|${SEED_OOM:-x}|${SEED_ARRAY_DONE:-x}_[^ ]+) (PENDING|CONFIGURING|RUNNING|COMPLETING)" <<<"$st" \
      && grep -Eq "^$SEED_TRAIN RUNNING" <<<"$st" \
      && { [[ -z ${SEED_ANALYSIS:-} ]] || grep -Eq "^$SEED_ANALYSIS RUNNING" <<<"$st"; } \
      && { [[ -z ${SEED_GPU:-} ]] || grep -Eq "^$SEED_GPU RUNNING" <<<"$st"; }
  }
  wait_until 60 seed_settled || log "WARNING: seed workload not settled after 60s: $(squeue -h -t all -o '%i %j %T %R' | tr '\n' ';')"
  touch "$STATE/seeded"
  SEEDED=yes
fi
T_SEED=$(since "$t")

# ---------------------------------------------------------------- first scrape
t=$(date +%s.%N)
# (only when Prometheus was started now; samples kept from an earlier run do not count)
scraped() {
  local n q="count((up{job=~\"node|cgroup\"} == 1) and (timestamp(up{job=~\"node|cgroup\"}) > ${T_START%.*}))"
  n=$(curl -sf -G "http://$LOOP:$PROM_PORT/api/v1/query" --data-urlencode "query=$q" | jq -r '.data.result[0].value[1] // 0')
  (( n >= 2 * ${#RUN_NODES[@]} ))
}
if [[ $WAIT_SCRAPE == 1 && " ${STARTED[*]} " == *" prometheus "* ]]; then
  wait_until 30 scraped || log "WARNING: Prometheus has not scraped all exporters after 30 s"
fi
T_SCRAPE=$(since "$t")

# ---------------------------------------------------------------- env file + summary
{
  echo "# written by start-testbed.sh at $(date -Is); source this file"
  echo "export TESTBED_STATE=$STATE"
  echo "export SLURM_CONF=$ETC/slurm.conf"
  echo "export TESTBED_CLUSTER=$CLUSTER"
  echo "export TESTBED_CGROUP_MODE=$([[ $use_cgroup == 1 ]] && echo cgroup || echo linuxproc)"
  echo "export TESTBED_NODE_LIST=\"${RUN_NODES[*]}\""
  echo "export TESTBED_DOWN_NODE_LIST=\"${DOWN_LIST[*]}\""
  echo "export SLURMRESTD_URL=http://$LOOP:$RESTD_PORT"
  echo "export SLURMRESTD_API_VERSION=v0.0.38"
  echo "export SLURMRESTD_USER=$JWT_USER"
  echo "# JWT for SLURMRESTD_USER (24h); new one: scontrol token username=$JWT_USER lifespan=SECONDS"
  echo "# (named TESTBED_JWT, not SLURM_JWT: SLURM_JWT in the environment switches the CLI to JWT auth)"
  echo "export TESTBED_JWT=$TOKEN"
  echo "export SLURMCTLD_ADDR=$LOOP:$CTLD_PORT"
  [[ $WITH_DBD == 1 ]] && echo "export SLURMDBD_ADDR=$LOOP:$DBD_PORT"
  echo "export PROMETHEUS_URL=http://$LOOP:$PROM_PORT"
  i=0; ne=() cg=()
  for n in "${RUN_NODES[@]}"; do ne+=("$n=http://$LOOP:$((NE_BASE + i))/metrics"); cg+=("$n=http://$LOOP:$((CGX_BASE + i))/metrics"); i=$((i + 1)); done
  echo "export TESTBED_NODE_EXPORTERS=\"${ne[*]}\""
  echo "export TESTBED_CGROUP_EXPORTERS=\"${cg[*]}\""
  echo "export TESTBED_TEXTFILE_DIR=$STATE/textfile"
  echo "# what each node's node_exporter reports: NODE=BUSY_PERCENT:MEMORY_USED_PERCENT:LOAD1"
  echo "# (load5 = 0.9 x load1, load15 = 0.8 x load1), and the CPU count and MemTotal behind it"
  prof=() cpus=() mem=()
  for n in "${RUN_NODES[@]}"; do prof+=("$n=${PROFILE[$n]}"); cpus+=("$n=$(node_cpus "$n")"); mem+=("$n=$(node_mem_total_bytes "$n")"); done
  echo "export TESTBED_NODE_PROFILES=\"${prof[*]}\""
  echo "export TESTBED_NODE_CPUS=\"${cpus[*]}\""
  echo "export TESTBED_NODE_MEM_TOTAL_BYTES=\"${mem[*]}\""
  echo "export TESTBED_PROCFS_DIR=$STATE/procfs"
  echo "# epoch seconds when Prometheus started; rate(x[W]) sees a full window from about here + W + 15 s"
  echo "# on, because the first scrape comes 5-12 s after the start"
  echo "export TESTBED_PROMETHEUS_STARTED_AT=$(cat "$RUN/prometheus.started-at" 2>/dev/null || echo 0)"
  echo "export TESTBED_SCRAPE_INTERVAL=$SCRAPE"
  [[ -s $STATE/seed-jobs.env ]] && sed -n 's/^\(SEED_[A-Z_]*=\)/export \1/p' "$STATE/seed-jobs.env"
} >"$STATE/testbed.env"
chmod 644 "$STATE/testbed.env"

log "started: ${STARTED[*]:-(everything was already running)}"
log "timings: munge $T_MUNGE, slurmctld $T_CTLD, slurmd x${#RUN_NODES[@]} $T_SLURMD, slurmrestd $T_RESTD, exporters+prometheus $T_PROM${T_DBD:+, slurmdbd $T_DBD}, seed $T_SEED ($SEEDED), first scrape $T_SCRAPE; total $(since "$T_START")"
log "mode: $([[ $use_cgroup == 1 ]] && echo 'cgroup v1 (proctrack/cgroup, task/cgroup)' || echo 'linuxproc (no cgroups)')"
log "env:  . $STATE/testbed.env"
sinfo >&2 || true
