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
scripts/postgres.sh start > /dev/null
mkdir -p target
log=target/idle-sessions.log
start=$(date +%s)
status=0
mvn -B verify -Djdk25.skip=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dcheckpoint.churn.sessions="$sessions" \
  -Dit.test='PostgresIdleSessionsIT#aServiceWhoseSessionsComeAndGoKeepsAFlatHeapAndStoresEverySession' > "$log" 2>&1 || status=$?
grep -h 'PostgresIdleSessionsIT churn:' "$log" target/failsafe-reports/*PostgresIdleSessionsIT-output.txt 2>/dev/null | tail -1 || true
grep -E 'Tests run:|FAILURE|^\[ERROR\]   ' "$log" | tail -3 || true
echo "idle-sessions.sh: $sessions sessions, exit $status, $(( $(date +%s) - start )) s with the build; full log in $log"
exit "$status"
