#!/usr/bin/env bash
# Idle sessions at length: PostgresIdleSessionsIT's churn, in which a real agent JVM with store=postgres and
# sessionIdleMs=200 creates sessions one after another (three checkpoints of 512 bytes each, four threads)
# and the test reads its heap over JMX after a full GC at each quarter. mvn verify churns 20 000 sessions;
# this churns as many as asked. Starts the throwaway cluster of scripts/postgres.sh when none answers.
# Usage: scripts/idle-sessions.sh [sessions]   (default 1000000; builds and packages the agent itself)
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-1000000}
[[ $sessions =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [sessions]   (sessions >= 1, got '$sessions')" >&2; exit 2; }
status=0
scripts/postgres-it.sh idle-sessions \
  'PostgresIdleSessionsIT#aServiceWhoseSessionsComeAndGoKeepsAFlatHeapAndStoresEverySession' \
  -Dcheckpoint.churn.sessions="$sessions" || status=$?
grep -h 'PostgresIdleSessionsIT churn:' target/idle-sessions.log | tail -1 || true
exit "$status"
