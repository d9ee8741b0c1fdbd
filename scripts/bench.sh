#!/usr/bin/env bash
# Runs the JMH suite (src/jmh/java) side by side with its alternatives, writes
# src/site/resources/benchmarks.md and benchmarks.png, and adds the Python reference's figures when
# python3 exists. Usage: scripts/bench.sh [quick | only JMH-ARGUMENTS...]
#   (none)  every benchmark with its own warm-up and measurement settings (about 6 minutes)
#   only    JMH with these arguments (say "-t 4 JournalBenchmark"), written under target/bench-only
#   quick   one short, unwarmed iteration of four call benchmarks, written under target/bench-quick: it
#           proves the suite builds and runs (CI's smoke test), its figures mean nothing
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-full}
[ $# -gt 0 ] && shift
case "$mode" in
  full)
    out=src/site/resources
    jmh="-prof gc"
    ;;
  quick)
    out=target/bench-quick
    jmh="-f 1 -wi 0 -i 1 -r 300ms -prof gc CallBenchmark\.(plain|checkpointBare|checkpointCaptured|jfrEvent)$"
    ;;
  only)
    [ $# -gt 0 ] || { echo "usage: scripts/bench.sh only JMH-ARGUMENTS..." >&2; exit 2; }
    out=target/bench-only
    jmh="$*"
    ;;
  *)
    echo "usage: scripts/bench.sh [quick | only JMH-ARGUMENTS...]" >&2
    exit 2
    ;;
esac
mkdir -p "$out"
result="$PWD/target/jmh-result.json"
mvn -B -q -Pbench -DskipTests package -Djmh.args="$jmh -rf json -rff $result" \
  -Dbench.report.args="--out $PWD/$out $result"
if [ "$mode" != only ] && command -v python3 >/dev/null; then
  calls=$([ "$mode" = quick ] && echo 10000 || echo 100000)
  { echo; echo "## The Python reference, for comparison with ManagerBenchmark"; echo;
    python3 scripts/reference-create.py "$calls"; } >> "$out/benchmarks.md"
fi
echo "wrote $out/benchmarks.md and $out/benchmarks.png"
