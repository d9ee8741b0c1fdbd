#!/usr/bin/env bash
# The PostgreSQL takeover at length: PostgresTakeoverIT's kill cycles, in which samples/replay-job is
# SIGKILLed mid-job in one JVM and completed by another (its own working directory, the same database)
# once the dead owner's lease ends, without running a completed step again. mvn verify runs 10 cycles;
# this runs as many as asked. Starts the throwaway cluster of scripts/postgres.sh when none answers.
# Usage: scripts/pg-takeover.sh [cycles]   (default 100; builds and packages the agent itself; the build JDK only)
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-100}
[[ $cycles =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [cycles]   (cycles >= 1, got '$cycles')" >&2; exit 2; }
exec scripts/postgres-it.sh pg-takeover \
  'PostgresTakeoverIT#aJobKilledOnOneHostIsCompletedOnAnotherWithoutRunningACompletedStepAgain' \
  -Dpg.takeover.cycles="$cycles"
