#!/usr/bin/env bash
# Takes the screenshots of JConsole's "Checkpoints" tab that docs/jmx.md shows, again: the JDK's jconsole,
# with the agent jar as its plugin path, on Xvfb (scripts/xvfb.sh), connected to a host with three sessions.
# A probe in JConsole's JVM selects a session and a checkpoint as a person would (JConsoleIT).
#   scripts/console-screenshots.sh [dir]   where the PNG files go (default src/site/resources, where the docs find them)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${1:-src/site/resources}")
mvn -B -q package -DskipTests
scripts/xvfb.sh start >/dev/null
mvn -B -q failsafe:integration-test failsafe:verify -Dit.test='JConsoleIT#jconsole*' -Djdk25.skip=true \
    -Dcheckpoint.screenshots="$dir"
rm -f "$dir/report.txt"
ls -l "$dir"/checkpoints-*.png
