#!/usr/bin/env bash
# Start-up cost of the agent on a hello-world, measured in interleaved rounds (bare run, our agent, and
# OpenTelemetry's agent when target/bench-agents/opentelemetry-javaagent.jar exists) so that the
# machine's drift affects all alike. Prints median, min and max of each, of each difference to the bare
# run, and the ratio of our cost to OpenTelemetry's.
# Then, when samples/spring-boot-orders is built, the same for that Spring Boot fat jar: the time from
# launch to its "Started OrdersApplication in" line, bare and under our agent, in boot-rounds rounds.
# Usage: scripts/startup-cost.sh [rounds] [boot-rounds]   (defaults 20 and 5; run `mvn -B -q install -DskipTests`
#        first, `mvn -B -q -Pbench -DskipTests -Dexec.skip=true package` to fetch OpenTelemetry's agent, and
#        `mvn -B -q -f samples/spring-boot-orders/pom.xml package` for the Boot sample)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-20}
boot_pairs=${2:-5}
[[ $pairs =~ ^[1-9][0-9]*$ && $boot_pairs =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: $0 [rounds] [boot-rounds]   (each >= 1, got '$pairs' '$boot_pairs')" >&2; exit 2; }
boot_jar="$PWD/samples/spring-boot-orders/target/spring-boot-orders.jar"
agent_jar="$PWD/target/checkpoint-agent.jar"
otel_jar="$PWD/target/bench-agents/opentelemetry-javaagent.jar"
[[ -f $agent_jar ]] || { echo "$agent_jar is missing: run mvn -B -q install -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
cat > "$work/HelloAnnotated.java" <<'JAVA'
import org.breakpilot.checkpoint.api.Checkpoint;
public class HelloAnnotated {
  @Checkpoint static String greet(String who) { return "hello " + who; }
  public static void main(String[] a) { System.out.println(greet("world")); }
}
JAVA
# A @Checkpoint method that takes a bean (a POJO): its capture reads the bean's properties.
cat > "$work/HelloBean.java" <<'JAVA'
import org.breakpilot.checkpoint.api.Checkpoint;
public class HelloBean {
  public static class Greeting {
    private final String who;
    Greeting(String who) { this.who = who; }
    public String getWho() { return who; }
    public boolean isPolite() { return true; }
  }
  @Checkpoint static String greet(Greeting greeting) { return "hello " + greeting.getWho(); }
  public static void main(String[] a) { System.out.println(greet(new Greeting("world"))); }
}
JAVA
javac -d "$work" -cp target/checkpoint-agent-api.jar "$work"/*.java
cp="$work:$PWD/target/checkpoint-agent-api.jar"
# Exporters off: the figure is the agent's own start-up, not a network client's time-outs.
otel=()
[[ -f $otel_jar ]] && otel=(-javaagent:"$otel_jar" -Dotel.traces.exporter=none -Dotel.metrics.exporter=none
  -Dotel.logs.exporter=none)
# Run where the agent's default journal (./.checkpoints) is ours, and start each run with none: the figure
# is the cost of a first start, not of restoring what earlier runs wrote.
cd "$work"
ms() { local s e; rm -rf .checkpoints; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %4d ms  min %4d  max %4d", a[int((NR+1)/2)], a[1], a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The case's name heads its first line only.
line() { local label=$1; shift; printf '%-15s %-12s %s\n' "$head" "$label" "$(printf '%s\n' "$@" | stats)"; head=""; }
[[ ${#otel[@]} -gt 0 ]] || echo "($otel_jar not found: OpenTelemetry's agent is not measured)"
# Other processes' load inflates every figure here: say what it was.
load() { [[ -r /proc/loadavg ]] && cut -d' ' -f1-3 /proc/loadavg || echo unknown; }
echo "JDK $(java -version 2>&1 | head -1), $(nproc) cores, load average before: $(load)"
for main in Hello HelloAnnotated HelloBean; do
  bare=(); agent=(); diff=(); ot=(); otdiff=()
  # Warm-up rounds, not counted: the first runs pay for cold disk caches.
  for _ in 1 2; do
    ms java -cp "$cp" "$main" >/dev/null; ms java -javaagent:"$agent_jar" -cp "$cp" "$main" >/dev/null
    [[ ${#otel[@]} -eq 0 ]] || ms java "${otel[@]}" -cp "$cp" "$main" >/dev/null
  done
  for _ in $(seq "$pairs"); do
    b=$(ms java -cp "$cp" "$main"); a=$(ms java -javaagent:"$agent_jar" -cp "$cp" "$main")
    bare+=("$b"); agent+=("$a"); diff+=($((a - b)))
    if [[ ${#otel[@]} -gt 0 ]]; then
      o=$(ms java "${otel[@]}" -cp "$cp" "$main"); ot+=("$o"); otdiff+=($((o - b)))
    fi
  done
  head=$main
  line "bare:" "${bare[@]}"
  line "agent:" "${agent[@]}"
  line "cost:" "${diff[@]}"
  if [[ ${#otel[@]} -gt 0 ]]; then
    line "otel:" "${ot[@]}"
    line "otel cost:" "${otdiff[@]}"
    ours=$(printf '%s\n' "${diff[@]}" | median); theirs=$(printf '%s\n' "${otdiff[@]}" | median)
    printf '%-15s %-12s %s\n' "" "ratio:" "$(awk -v a="$ours" -v o="$theirs" 'BEGIN {
      if (o <= 0) print "n/a (OpenTelemetry cost median <= 0)"; else printf "our cost / OpenTelemetry cost = %.2f (medians)", a / o }')"
  fi
  printf '%-15s %-12s %d rounds\n' "" "" "$pairs"
done

# The Boot sample: launch to "Started ... in" (Tomcat on a free port), then SIGTERM, as a user's first start.
boot_ms() {
  local s e pid
  rm -rf .checkpoints; s=$(date +%s%N)
  "$@" -jar "$boot_jar" --server.port=0 > boot.out 2>&1 & pid=$!
  until grep -q ' Started OrdersApplication in ' boot.out; do
    kill -0 "$pid" 2>/dev/null || { echo "the Boot sample ended before it started:" >&2; cat boot.out >&2; return 1; }
    sleep 0.02
  done
  e=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( (e - s) / 1000000 ))
}
if [[ -f $boot_jar ]]; then
  bare=(); agent=(); diff=()
  boot_ms java >/dev/null; boot_ms java -javaagent:"$agent_jar" >/dev/null
  for _ in $(seq "$boot_pairs"); do
    b=$(boot_ms java); a=$(boot_ms java -javaagent:"$agent_jar")
    bare+=("$b"); agent+=("$a"); diff+=($((a - b)))
  done
  head=spring-boot
  line "bare:" "${bare[@]}"
  line "agent:" "${agent[@]}"
  line "cost:" "${diff[@]}"
  printf '%-15s %-12s %d rounds, to "Started OrdersApplication in"\n' "" "" "$boot_pairs"
else
  echo "($boot_jar not found: the Boot sample is not measured)"
fi
echo "load average after: $(load)"
