#!/usr/bin/env bash
# Fuzzes every @FuzzTest target (ImportJsonFuzzTest, JournalFuzzTest, OptionParserFuzzTest) for longer than
# `mvn verify` does, each in a JVM of its own, and prints the executions run and the crashes found per
# target. Usage: scripts/fuzz.sh [SECONDS-PER-TARGET] [TEST-PATTERN]   (defaults: 300, *FuzzTest)
# Jackson is instrumented too, so that the fuzzer learns its syntax. The corpus grows in target/jazzer/
# .cifuzz-corpus (kept between runs, so each run starts where the last stopped); an input that fails the
# test is written to target/jazzer/crash-<sha1> (one that runs over 10 s: timeout-<sha1>), and replays as a
# seed once copied into the test's src/test/resources/.../<Test>Inputs/<method>/ directory.
# Exit status 1 when a target found something.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
pattern=${2:-*FuzzTest}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS-PER-TARGET] [TEST-PATTERN]" >&2; exit 2; }
log=target/fuzz-$seconds.log
mkdir -p target
mvn -B test-compile surefire:test@fuzz -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.duration="${seconds}s" -Dfuzz.instrument='org.breakpilot.**,com.fasterxml.jackson.**' > "$log" 2>&1
status=$?
# libFuzzer ends each target's output with "Done N runs in S second(s)"; a finding with "Test unit written to".
awk '/^\[INFO\] Running /        { target = $3 }
     /^Done [0-9]+ runs in /      { printf "%-60s %12d executions in %s s\n", target, $2, $5 }
     /Test unit written to /      { printf "%-60s finding: %s\n", target, $NF }' "$log"
[ $status -eq 0 ] || echo "fuzzing failed (exit $status); see $log"
exit $status
