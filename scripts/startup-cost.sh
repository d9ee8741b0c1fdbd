#!/usr/bin/env bash
# Start-up cost of the agent on a hello-world, measured in interleaved pairs (bare run, then agent run)
# so that the machine's drift affects both alike. Prints median, min and max of each and of the
# paired difference. Usage: scripts/startup-cost.sh [pairs]   (run `mvn package` first)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-20}
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
javac -d "$work" -cp target/checkpoint-agent-api.jar "$work"/*.java
cp="$work:$PWD/target/checkpoint-agent-api.jar"
agent_jar="$PWD/target/checkpoint-agent.jar"
# Run where the agent's default journal (./.checkpoints) is ours, and start each run with none: the figure
# is the cost of a first start, not of restoring what earlier runs wrote.
cd "$work"
ms() { local s e; rm -rf .checkpoints; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %4d ms  min %4d  max %4d", a[int((NR+1)/2)], a[1], a[NR]}'; }
for main in Hello HelloAnnotated; do
  bare=(); agent=(); diff=()
  for _ in 1 2; do ms java -cp "$cp" "$main" >/dev/null; ms java -javaagent:"$agent_jar" -cp "$cp" "$main" >/dev/null; done
  for _ in $(seq "$pairs"); do
    b=$(ms java -cp "$cp" "$main"); a=$(ms java -javaagent:"$agent_jar" -cp "$cp" "$main")
    bare+=("$b"); agent+=("$a"); diff+=($((a - b)))
  done
  printf '%-15s bare:  %s\n' "$main" "$(printf '%s\n' "${bare[@]}" | stats)"
  printf '%-15s agent: %s\n' "" "$(printf '%s\n' "${agent[@]}" | stats)"
  printf '%-15s cost:  %s   (%d pairs)\n' "" "$(printf '%s\n' "${diff[@]}" | stats)" "$pairs"
done
