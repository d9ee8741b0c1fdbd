#!/usr/bin/env bash
# The crash soak at length: CrashRecoveryIT's soak, in which a JVM creating, rewinding and forking
# checkpoints with fsync=always from three threads, its journal compacting all the time, is SIGKILLed
# at random moments and as compactions start; after every kill the journal must hold exactly what the
# acknowledged changes give, the next JVM must restore exactly that, ids must only grow, and
# `journal verify` must pass. mvn verify runs 20 cycles; this runs as many as asked and prints the figures.
# Usage: scripts/crash-soak.sh [cycles]   (default 50; builds and packages the agent itself; the build JDK only)
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-50}
[[ $cycles =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [cycles]   (cycles >= 1, got '$cycles')" >&2; exit 2; }
mkdir -p target
log=target/crash-soak.log
start=$(date +%s)
status=0
mvn -B verify -Djdk25.skip=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dcrash.cycles="$cycles" \
  -Dit.test='CrashRecoveryIT#acknowledgedCreatesRewindsAndForksSurviveSigkillsDuringCompaction' > "$log" 2>&1 || status=$?
grep -E '^crash soak:|FAILURE|^\[ERROR\]   ' "$log" || true
echo "crash-soak.sh: $cycles cycles, exit $status, $(( $(date +%s) - start )) s with the build; full log in $log"
exit "$status"
