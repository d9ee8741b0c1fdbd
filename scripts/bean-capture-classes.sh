#!/usr/bin/env bash
# Which classes of ours a JVM loads when its one @Checkpoint method captures a bean (a POJO marked with the
# application's own @JsonIgnore), counted from -verbose:class: all classes, our shaded Jackson's databind,
# core and Byte Buddy; then the captured argument as exported, to show the application's annotation honoured.
# Usage: [STORE=memory] scripts/bean-capture-classes.sh [agent-jar]   (default target/checkpoint-agent.jar; run
#        `mvn -B -q package -DskipTests` first)
set -euo pipefail
cd "$(dirname "$0")/.."
agent_jar=$(realpath "${1:-target/checkpoint-agent.jar}")
api_jar="$PWD/target/checkpoint-agent-api.jar"
annotations_jar=$(ls ~/.m2/repository/com/fasterxml/jackson/core/jackson-annotations/*/jackson-annotations-*.jar |
  grep -v sources | sort -V | tail -1)
[[ -f $agent_jar && -f $api_jar ]] || { echo "$agent_jar or $api_jar is missing: run mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/HelloBean.java" <<'JAVA'
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.breakpilot.checkpoint.api.Checkpoint;
public class HelloBean {
  public static class Greeting {
    public String getWho() { return "world"; }
    public boolean isPolite() { return true; }
    @JsonIgnore public String getInternal() { return "not captured"; }
  }
  @Checkpoint static String greet(Greeting greeting) { return "hello " + greeting.getWho(); }
  public static void main(String[] a) { System.out.println(greet(new Greeting())); }
}
JAVA
javac -d "$work" -cp "$api_jar:$annotations_jar" "$work/HelloBean.java"
cd "$work"
# Counted without exportOnExit: the export itself uses our Jackson's databind.
java -verbose:class -javaagent:"$agent_jar=store=${STORE:-journal}" -cp "$work:$api_jar:$annotations_jar" HelloBean \
  > classes.log 2>&1
count() { grep -c "$1" classes.log || true; }
echo "store=${STORE:-journal}: classes loaded: $(count 'class,load')"
echo "  shaded jackson.databind: $(count 'org.breakpilot.checkpoint.shaded.jackson.databind')"
echo "  shaded jackson.core:     $(count 'org.breakpilot.checkpoint.shaded.jackson.core')"
echo "  shaded bytebuddy:        $(count 'org.breakpilot.checkpoint.shaded.bytebuddy')"
rm -rf .checkpoints
java -javaagent:"$agent_jar=store=memory,exportOnExit=$work/export" -cp "$work:$api_jar:$annotations_jar" HelloBean >/dev/null
echo "captured argument: $(tr -d ' \n' < "$(ls export/*.json | head -1)" | grep -o '"arg0":{[^}]*}')"
