#!/usr/bin/env bash
# run.sh - the Prometheus client benchmarks of docs/benchmarks.md ("Prometheus client").
#
# Usage: bundles/prometheus/src/benchmark/run.sh [JMH-ARGS...]   (from any directory)
#   PROMETHEUS_URL   the server QueryBenchmark and curl query (default http://127.0.0.1:9090)
#   CURL_RUNS        curl requests timed for the comparison (default 500)
#
# Compiles the JMH benchmarks with the benchmark profile, runs them, then sends the same instant
# query CURL_RUNS times with curl (a form-encoded POST, as the client sends it) and prints the mean,
# median and 90th percentile of curl's time_total. Needs mvn, java and curl; takes about a minute.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=$(cd "$HERE/../.." && pwd)
REPO=$(cd "$MODULE/../.." && pwd)
URL=${PROMETHEUS_URL:-http://127.0.0.1:9090}
RUNS=${CURL_RUNS:-500}
QUERY='100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m])))'

cd "$REPO"
# JMH generates code and a benchmark list at compile time: stale ones from an earlier compile
# make it fail with "Benchmark does not match a class".
rm -rf "$MODULE/target/test-classes" "$MODULE/target/generated-test-sources"
mvn -B -q -Pbenchmark -pl bundles/prometheus test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$MODULE/target/benchmark.classpath"
CLASSPATH="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/benchmark.classpath")"

PROMETHEUS_URL=$URL java -cp "$CLASSPATH" org.openjdk.jmh.Main "$@"

echo "curl: $RUNS POST requests of the same query to $URL/api/v1/query"
for _ in $(seq "$RUNS"); do
  curl -sS -o /dev/null -w '%{time_total}\n' --data-urlencode "query=$QUERY" "$URL/api/v1/query"
done | sort -n | awk '{ t[NR] = $1; sum += $1 }
  END { printf "curl time_total: mean %.1f us, median %.1f us, p90 %.1f us over %d requests\n",
        sum / NR * 1e6, t[int((NR + 1) / 2)] * 1e6, t[int(NR * 0.9)] * 1e6, NR }'
