#!/usr/bin/env bash
# squeue-decode.sh - how long slurmscope's decoder takes for one squeue --json output, next to
# how long squeue takes to print it. Results: docs/benchmarks.md, "SLURM JSON decoding".
#
# Usage: bundles/slurm-json/bench/squeue-decode.sh [SQUEUE] [RUNS]
#   SQUEUE  the squeue to run (default: squeue on PATH), for example the 24.11 testbed's wrapper
#           /tmp/testbed-24.11-state/bin/cli/squeue; SLURM_CONF is passed on as set
#   RUNS    timed runs of each side (default 5)
# Needs: a built slurm-json module (mvn -pl bundles/slurm-json install), /usr/bin/time.
# The decoder runs with the heap cap and collector of bin/slurmscope (-Xmx256m, SerialGC).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=$(cd "$HERE/.." && pwd)
REPO=$(cd "$MODULE/../.." && pwd)
SQUEUE=${1:-squeue}
RUNS=${2:-5}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "squeue: $("$SQUEUE" --version)"

# 1. squeue --states=all --json, as the command line source runs it
times=()
for ((i = 0; i < RUNS; i++)); do
  start=$(date +%s.%N)
  "$SQUEUE" --states=all --json >"$OUT/squeue.json"
  times+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "squeue --states=all --json: best $(head -1 <<<"$sorted") s, median $(sed -n "$(( (RUNS + 1) / 2 ))p" <<<"$sorted") s over $RUNS runs"

# 2. the decoder, from the last output
cd "$REPO"
mvn -B -o -q -pl bundles/slurm-json dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
classpath="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$OUT/cp.txt")"
/usr/bin/time -f "JVM: %e s wall, %M KiB maximum resident set" \
  java -Xmx256m -XX:+UseSerialGC -cp "$classpath" org.slurmscope.slurm.json.SqueueDecodeBenchmark \
  "$OUT/squeue.json" "$RUNS"
