#!/usr/bin/env bash
# The load test (LoadIT) for longer: 16 threads in 1 000 sessions through a real agent JVM for the
# given seconds (default 300); checks every id, the retention, the heap bound and the journal, and
# prints calls per second and heap figures. The run in `mvn verify` lasts 30 s.
# Usage: scripts/load.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
[[ $seconds =~ ^[0-9]+$ ]] && (( seconds >= 10 )) || { echo "usage: $0 [seconds >= 10]   (got '$seconds')" >&2; exit 2; }
mvn -B verify -Djdk25.skip=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LoadIT -Dload.seconds="$seconds" \
  | grep -E '^load test:|Tests run:|FAIL|ERROR'
