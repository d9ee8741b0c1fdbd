#!/usr/bin/env bash
# Heap held by CheckpointManager (memory store): bytes retained per checkpoint, and the heap of one
# session after 1, 5 and 10 million creates with the default retention, which must stay flat; then the
# bytes per checkpoint the agent retains for a recorded call, with nothing captured and with three
# arguments and a result. Builds the bench profile (JMH not run) and runs HeapFootprint and
# AgentHeapFootprint with a fixed heap, so runs compare.
# Usage: scripts/heap-footprint.sh [-Xmx value]   (default 512m)
set -euo pipefail
cd "$(dirname "$0")/.."
xmx=${1:-512m}
[[ $xmx =~ ^[0-9]+[kKmMgG]?$ ]] || { echo "usage: $0 [-Xmx value, e.g. 512m]   (got '$xmx')" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Maven's output goes to stderr, so stdout is the report alone.
mvn -B -q -Pbench -DskipTests -Dexec.skip=true package >&2
mvn -B -q -Pbench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2
# Run in the temporary directory: nothing here should write a journal, and if it did, not into the clone.
repo=$PWD
cp="$PWD/target/test-classes:$PWD/target/classes:$(cat "$work/classpath.txt")"
cd "$work"
java -Xmx"$xmx" -Xms"$xmx" -cp "$cp" org.breakpilot.checkpoint.bench.HeapFootprint
retained=100000
printf '\nRetained bytes per checkpoint through the agent (CallBenchmark'"'"'s methods, store=memory, %d retained)\n' "$retained"
printf '| captured | checkpoints | used heap before | used heap after | bytes per checkpoint |\n|---|---:|---:|---:|---:|\n'
for kind in bare captured; do
    java -Xmx"$xmx" -Xms"$xmx" -cp "$cp" \
        -javaagent:"$repo/target/checkpoint-agent.jar=session=heap,store=memory,maxCheckpoints=$((2 * retained)),compressAfter=$((2 * retained))" \
        org.breakpilot.checkpoint.bench.AgentHeapFootprint "$kind" "$retained"
done
