#!/usr/bin/env bash
# run-tests.sh - the whole test run on a Debian 12 machine, as root: install what
# is missing, start the SLURM + Prometheus testbed fresh, run `mvn -B verify` from
# the repository root with the testbed's environment, stop the testbed.
#
# Usage: runtime/testbed/run-tests.sh [MAVEN-ARGS...]   (from any directory)
#   e.g. run-tests.sh -pl bundles/api   or   run-tests.sh -Dtest=SomeTest
#
# Steps, one output line each:
#   1. packages: Debian's maven and openjdk-17-jdk-headless when mvn or java is
#      missing, tmux for the terminal tests, and the testbed's own packages
#      (start-testbed.sh TESTBED_INSTALL=only; apt-get update first when needed)
#   2. stop a testbed left running on the same state dir (start needs it stopped),
#      and a Slurm 24.11 testbed left running
#   3. start the testbed fresh (TESTBED_FRESH=1), waiting for Prometheus's first
#      scrape of every exporter, then the Slurm 24.11 testbed
#      (start-testbed-24.11.sh; its first start builds a Debian trixie root fs)
#   4. mvn -B verify "$@" with testbed.env exported, the 24.11 testbed's
#      SLURM_CONF, TESTBED_CLI_DIR, SLURMRESTD_URL, SLURMRESTD_USER and TESTBED_JWT
#      as TESTBED2411_*, plus SLURMSCOPE_TESTBED=1
#      (Maven prints its own output, then this script one status line)
#   5. stop both testbeds, also when a step fails or the run is interrupted
# Exit status: Maven's, with three exceptions. A failed set-up step gives 1, and
# so does a testbed that did not stop cleanly after Maven passed. SIGINT and
# SIGTERM give 130 and 143.
#
# Environment (optional): TESTBED_STATE (default /tmp/testbed-state) and the other
# TESTBED_* settings of start-testbed.sh; TESTBED2411_STATE (default
# /tmp/testbed-24.11-state) for the 24.11 testbed; RUN_TESTS_LOG_DIR (default
# /tmp/slurmscope-run-tests) for the logs of the set-up and teardown steps.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export TESTBED_STATE=${TESTBED_STATE:-/tmp/testbed-state}
STATE2411=${TESTBED2411_STATE:-/tmp/testbed-24.11-state}
LOG_DIR=${RUN_TESTS_LOG_DIR:-/tmp/slurmscope-run-tests}

step() { printf '[run-tests %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
fail() {
  step "FAILED: $1 (log: $2)"
  tail -n 20 "$2" | sed 's/^/    /'
  exit 1
}

if [[ $(id -u) -ne 0 ]]; then
  step "FAILED: must run as root: the testbed installs packages and starts Slurm daemons (try sudo)"
  exit 1
fi
mkdir -p "$LOG_DIR" "$(dirname "$TESTBED_STATE")"
# one run per state dir: a second run would stop or wipe the first one's testbed.
# Commands started below get `9>&-`, so that no daemon keeps the lock.
exec 9>"$TESTBED_STATE.lock"
if ! flock -n 9; then
  step "FAILED: another run-tests.sh uses $TESTBED_STATE (lock $TESTBED_STATE.lock is taken)"
  exit 1
fi

testbed_started=0
testbed2411_started=0
maven_pid=
stop_testbed() {
  local status=$? t
  trap - EXIT
  if [[ -n $maven_pid ]] && kill -0 "$maven_pid" 2>/dev/null; then
    step "stopping mvn (pid $maven_pid)"
    kill -TERM "$maven_pid" 2>/dev/null
    wait "$maven_pid" 2>/dev/null
  fi
  if [[ $testbed_started == 1 ]]; then
    t=$(date +%s.%N)
    if "$HERE/stop-testbed.sh" >"$LOG_DIR/stop-testbed.log" 2>&1 9>&-; then
      step "5/5 testbed stopped in $(since "$t") (log: $LOG_DIR/stop-testbed.log)"
    else
      step "5/5 testbed did NOT stop cleanly after $(since "$t"): processes left running (log: $LOG_DIR/stop-testbed.log)"
      tail -n 5 "$LOG_DIR/stop-testbed.log" | sed 's/^/    /'
      [[ $status == 0 ]] && status=1
    fi
  fi
  if [[ $testbed2411_started == 1 ]]; then
    t=$(date +%s.%N)
    if TESTBED_STATE=$STATE2411 "$HERE/stop-testbed-24.11.sh" >"$LOG_DIR/stop-testbed-24.11.log" 2>&1 9>&-; then
      step "5/5 Slurm 24.11 testbed stopped in $(since "$t") (log: $LOG_DIR/stop-testbed-24.11.log)"
    else
      step "5/5 Slurm 24.11 testbed did NOT stop cleanly after $(since "$t") (log: $LOG_DIR/stop-testbed-24.11.log)"
      tail -n 5 "$LOG_DIR/stop-testbed-24.11.log" | sed 's/^/    /'
      [[ $status == 0 ]] && status=1
    fi
  fi
  exit "$status"
}
trap stop_testbed EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. packages
t=$(date +%s.%N)
extra=()
command -v tmux >/dev/null || extra+=(tmux)
command -v mvn >/dev/null || extra+=(maven)
command -v java >/dev/null || extra+=(openjdk-17-jdk-headless)
TESTBED_INSTALL=only TESTBED_EXTRA_PACKAGES="${extra[*]}" "$HERE/start-testbed.sh" >"$LOG_DIR/packages.log" 2>&1 9>&- \
  || fail "1/5 installing packages" "$LOG_DIR/packages.log"
step "1/5 packages ready in $(since "$t")${extra[*]:+, with ${extra[*]}} (log: $LOG_DIR/packages.log)"

# 2. a testbed left running from an earlier run
t=$(date +%s.%N)
testbed_started=1
"$HERE/stop-testbed.sh" >"$LOG_DIR/stop-earlier-testbed.log" 2>&1 9>&- \
  || fail "2/5 stopping a testbed left running in $TESTBED_STATE" "$LOG_DIR/stop-earlier-testbed.log"
stopped=$(sed -n 's/.*stopped \([0-9]*\) testbed processes.*/\1/p' "$LOG_DIR/stop-earlier-testbed.log")
if [[ ${stopped:-0} == 0 ]]; then
  step "2/5 no earlier testbed runs in $TESTBED_STATE ($(since "$t"))"
else
  step "2/5 stopped an earlier testbed in $TESTBED_STATE ($stopped processes) in $(since "$t")"
fi
t=$(date +%s.%N)
testbed2411_started=1
TESTBED_STATE=$STATE2411 "$HERE/stop-testbed-24.11.sh" >"$LOG_DIR/stop-earlier-testbed-24.11.log" 2>&1 9>&- \
  || fail "2/5 stopping a Slurm 24.11 testbed left running in $STATE2411" "$LOG_DIR/stop-earlier-testbed-24.11.log"
step "2/5 no Slurm 24.11 testbed runs in $STATE2411 any more ($(since "$t"), log: $LOG_DIR/stop-earlier-testbed-24.11.log)"

# 3. fresh testbed
t=$(date +%s.%N)
TESTBED_FRESH=1 TESTBED_WAIT_SCRAPE=1 TESTBED_INSTALL=0 "$HERE/start-testbed.sh" >"$LOG_DIR/start-testbed.log" 2>&1 9>&- \
  || fail "3/5 starting the testbed" "$LOG_DIR/start-testbed.log"
step "3/5 testbed started fresh in $(since "$t"), Prometheus has scraped every exporter (log: $LOG_DIR/start-testbed.log)"
t=$(date +%s.%N)
TESTBED_STATE=$STATE2411 TESTBED_FRESH=1 "$HERE/start-testbed-24.11.sh" >"$LOG_DIR/start-testbed-24.11.log" 2>&1 9>&- \
  || fail "3/5 starting the Slurm 24.11 testbed" "$LOG_DIR/start-testbed-24.11.log"
step "3/5 Slurm 24.11 testbed started fresh in $(since "$t") (log: $LOG_DIR/start-testbed-24.11.log)"

# 4. maven, with the testbed's environment
# shellcheck disable=SC1091
. "$TESTBED_STATE/testbed.env"
# the 24.11 testbed's variables under their own names, read in a subshell so that they do not
# replace the 22.05 testbed's
while IFS='=' read -r name value; do
  export "TESTBED2411_$name=$value"
done < <(set -a; . "$STATE2411/testbed.env"; for v in SLURM_CONF TESTBED_CLI_DIR SLURMRESTD_URL SLURMRESTD_USER TESTBED_JWT; do printf '%s=%s\n' "${v#TESTBED_}" "${!v}"; done)
export SLURMSCOPE_TESTBED=1
# SLURM_JWT in the environment would switch the Slurm CLI to JWT authentication
unset SLURM_JWT
step "4/5 mvn -B verify $* (in $REPO, testbed environment from $TESTBED_STATE/testbed.env)"
t=$(date +%s.%N)
cd "$REPO"
# in the background, so that SIGINT/SIGTERM reach the trap at once rather than after Maven ends
set +e
mvn -B verify "$@" 9>&- &
maven_pid=$!
wait "$maven_pid"
maven_status=$?
maven_pid=
set -e
# Debian's Maven 3.8.7 ends its output with colour reset codes and no newline, even with -B
echo
step "mvn finished with status $maven_status in $(since "$t")"
exit "$maven_status"
