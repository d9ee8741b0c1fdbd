#!/usr/bin/env bash
# Runs one PostgreSQL integration test through mvn verify on the build JDK, against the throwaway cluster
# of scripts/postgres.sh (started when none answers), and says how it went and how long it took with the
# build. The scripts that run a test at length (pg-takeover.sh, idle-sessions.sh) call it.
# Usage: scripts/postgres-it.sh NAME TEST [MAVEN-ARGUMENTS...]   (TEST as -Dit.test takes it; log: target/NAME.log)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 NAME TEST [MAVEN-ARGUMENTS...]" >&2; exit 2; }
name=$1
test=$2
shift 2
scripts/postgres.sh start > /dev/null
mkdir -p target
log=target/$name.log
start=$(date +%s)
status=0
mvn -B verify -Djdk25.skip=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$test" "$@" \
  > "$log" 2>&1 || status=$?
grep -E 'Tests run:|FAILURE|^\[ERROR\]   ' "$log" | tail -3 || true
echo "$name: exit $status, $(( $(date +%s) - start )) s with the build; full log in $log"
exit "$status"
