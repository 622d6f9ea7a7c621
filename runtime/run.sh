#!/usr/bin/env bash
# Builds the distribution when it is missing or older than the sources, then runs bin/slurmscope
# with the given arguments, for example: runtime/run.sh --demo
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=0.1.0-SNAPSHOT
dist=$repo/runtime/distribution/target/slurmscope-$version/slurmscope-$version

# Written after each build by this script. The built files themselves cannot serve: their
# timestamps are fixed for reproducible builds.
stamp=$repo/runtime/distribution/target/run-sh.stamp

stale() {
  [[ ! -x $dist/bin/slurmscope || ! -f $stamp ]] && return 0
  # Any source, pom or configuration file changed since the last build means a rebuild.
  [[ -n $(find "$repo/pom.xml" "$repo/bundles" "$repo/features" "$repo/config" \
      "$repo/runtime/launcher" "$repo/runtime/distribution/src" "$repo/runtime/distribution/pom.xml" \
      -newer "$stamp" -not -path '*/target/*' -print -quit) ]]
}

if stale; then
  echo "Building slurmscope (mvn package, tests skipped)..." >&2
  mkdir -p "$(dirname "$stamp")"
  build_log=$repo/runtime/distribution/target/run-sh-build.log
  if ! (cd "$repo" && mvn -B -DskipTests -pl runtime/distribution -am package) >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    echo "slurmscope: the build failed; the whole log is $build_log" >&2
    exit 1
  fi
  touch "$stamp"
fi
exec "$dist/bin/slurmscope" "$@"
