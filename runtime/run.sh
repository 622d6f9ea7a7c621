#!/usr/bin/env bash
# Builds the distribution when it is missing or older than the sources, then runs bin/slurmscope
# with the given arguments, for example: runtime/run.sh --demo
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=0.1.0-SNAPSHOT
dist=$repo/runtime/distribution/target/slurmscope-$version/slurmscope-$version

stale() {
  [[ ! -x $dist/bin/slurmscope ]] && return 0
  # Any source, pom or configuration file newer than the built launcher means a rebuild.
  [[ -n $(find "$repo/pom.xml" "$repo/bundles" "$repo/features" "$repo/config" \
      "$repo/runtime/launcher" "$repo/runtime/distribution/src" "$repo/runtime/distribution/pom.xml" \
      -newer "$dist/bin/slurmscope" -not -path '*/target/*' -print -quit) ]]
}

if stale; then
  echo "Building slurmscope (mvn package, tests skipped)..." >&2
  (cd "$repo" && mvn -B -q -DskipTests -pl runtime/distribution -am package) >&2
fi
exec "$dist/bin/slurmscope" "$@"
