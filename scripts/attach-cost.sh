#!/usr/bin/env bash
# Cost of `checkpoint-agent.jar attach <pid>` into a JVM that has loaded 10 000 classes, 100 of them
# with a @Checkpoint method: the attach's wall time (the CLI's whole run, JVM start-up included), the
# longest stall the application saw meanwhile (a thread sleeping 1 ms in a loop records its longest gap
# between wake-ups), and the longest safepoint pause (-Xlog:safepoint). Each run starts a fresh host JVM.
# Targets: attach <= 2 s, no single pause over 100 ms.
# Usage: scripts/attach-cost.sh [runs] [plain classes]   (defaults 10 and 9900; run
#        `mvn -B -q install -DskipTests` first). A smaller second argument shows what the scan of the
#        loaded classes costs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10} plain=${2:-9900} annotated=100
[[ $runs =~ ^[1-9][0-9]*$ && $plain =~ ^[0-9]+$ && $plain -le 9999 ]] \
  || { echo "usage: $0 [runs >= 1] [plain classes 0..9999]   (got '$runs' '$plain')" >&2; exit 2; }
agent_jar="$PWD/target/checkpoint-agent.jar"
api_jar="$PWD/target/checkpoint-agent-api.jar"
[[ -f $agent_jar && -f $api_jar ]] || { echo "target/*.jar missing: run mvn -B -q install -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
host_pid=""
cleanup() { [[ -z $host_pid ]] || kill "$host_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/src/gen" "$work/classes"

# Plain classes with a field, a constructor and a method, so each is a real class to load and scan.
awk -v dir="$work/src/gen" -v plain="$plain" -v annotated="$annotated" 'BEGIN {
  for (i = 0; i < plain; i++) {
    f = sprintf("%s/Plain%04d.java", dir, i)
    printf "package gen;\npublic class Plain%04d {\n  private final int value;\n  public Plain%04d(int value) { this.value = value; }\n  public int next() { return value + %d; }\n}\n", i, i, i > f
    close(f)
  }
  calls = dir "/Calls.java"
  printf "package gen;\n/** Calls every annotated method once, without reflection. */\npublic final class Calls {\n  public static long all(int x) {\n    long sum = 0;\n" > calls
  for (i = 0; i < annotated; i++) {
    f = sprintf("%s/Step%03d.java", dir, i)
    printf "package gen;\nimport org.breakpilot.checkpoint.api.Checkpoint;\npublic class Step%03d {\n  @Checkpoint public static int step%d(int x) { return x + %d; }\n}\n", i, i, i > f
    close(f)
    printf "    sum += Step%03d.step%d(x);\n", i, i > calls
  }
  printf "    return sum;\n  }\n}\n" > calls
}'
cat > "$work/src/AttachHost.java" <<'JAVA'
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.breakpilot.checkpoint.api.Checkpoints;

/** Loads the generated classes, keeps calling the annotated ones, and reports stalls on "report". */
public final class AttachHost {
  static final AtomicLong longestGapNanos = new AtomicLong();
  static volatile long sink;

  public static void main(String[] args) throws Exception {
    int plain = Integer.parseInt(args[0]), annotated = Integer.parseInt(args[1]);
    ClassLoader loader = AttachHost.class.getClassLoader();
    for (int i = 0; i < plain; i++) Class.forName(String.format("gen.Plain%04d", i), true, loader);
    for (int i = 0; i < annotated; i++) Class.forName(String.format("gen.Step%03d", i), true, loader);
    daemon("worker", AttachHost::work);
    daemon("pause-monitor", AttachHost::monitor);
    System.out.println("ready " + ProcessHandle.current().pid());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("report")) {
        long gap = longestGapNanos.getAndSet(0);
        boolean recorded = Checkpoints.summaryJson("attach-bench").isPresent();
        // JMX only once the agent is there: touching it earlier would move its set-up out of the attach.
        System.out.printf("gap %.1f recorded %s instrumented %d%n", gap / 1e6, recorded, recorded ? instrumented() : 0);
      }
    }
  }

  // The application's own work: one round of 100 annotated calls a millisecond, busy but not CPU-bound,
  // so on a small machine it leaves the attach a core as a real service would.
  static void work() {
    for (int i = 0; ; i++) {
      sink += gen.Calls.all(i);
      if (!sleep()) return;
    }
  }

  static void monitor() {
    long last = System.nanoTime();
    while (sleep()) {
      long now = System.nanoTime();
      longestGapNanos.accumulateAndGet(now - last, Math::max);
      last = now;
    }
  }

  static boolean sleep() {
    try {
      Thread.sleep(1);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  static int instrumented() {
    try {
      Object methods = ManagementFactory.getPlatformMBeanServer()
          .getAttribute(new ObjectName("org.breakpilot.checkpoint:type=Agent"), "InstrumentedMethods");
      return ((Object[]) methods).length;
    } catch (Exception e) {
      return -1;
    }
  }

  static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }
}
JAVA
echo "compiling $plain plain and $annotated annotated classes..." >&2
javac -nowarn -d "$work/classes" -cp "$api_jar" -sourcepath "$work/src" "$work/src/AttachHost.java" "$work"/src/gen/*.java
cp="$work/classes:$api_jar"
cd "$work"

millis() { echo $(( $(date +%s%N) / 1000000 )); }
# Waits (up to 60 s) for the host's next output line starting with $1 and prints it.
await() {
  local deadline=$(( $(millis) + 60000 )) found
  while (( $(millis) < deadline )); do
    found=$(grep "^$1" host.out | sed -n "${2}p" || true)
    [[ -z $found ]] || { echo "$found"; return; }
    kill -0 "$host_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "host gave no '$1' line; its output:" >&2; cat host.out host.err >&2; exit 1
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %7.1f ms  min %7.1f  max %7.1f", a[int((NR+1)/2)], a[1], a[NR]}'; }
attach=(); gaps=(); safepoints=(); redefines=(); messages=()
# Other processes' load shows up as application gaps: say what it was.
load() { [[ -r /proc/loadavg ]] && cut -d' ' -f1-3 /proc/loadavg || echo unknown; }
load_before=$(load)
for run in $(seq "$runs"); do
  rm -f in host.out host.err safepoint.log; mkfifo in
  java -Xlog:safepoint:file=safepoint.log -cp "$cp" AttachHost "$plain" "$annotated" <in >host.out 2>host.err &
  host_pid=$!
  exec 3>in
  pid=$(await ready 1 | cut -d' ' -f2)
  sleep 1   # let start-up's JIT and GC settle, so the window below holds the attach alone
  echo report >&3; await gap 1 >/dev/null
  from=$(wc -c <safepoint.log)
  s=$(date +%s%N)
  message=$(java -jar "$agent_jar" attach "$pid" session=attach-bench,store=memory 2>&1)
  e=$(date +%s%N)
  sleep 1   # give the worker time to record through the new instrumentation
  echo report >&3; report=$(await gap 2)
  exec 3>&-
  wait "$host_pid" || true; host_pid=""
  read -r _ gap _ recorded _ instrumented <<<"$report"
  # "<total ns> <operation>" of the longest safepoint logged since the attach began.
  worst=$(tail -c +"$((from + 1))" safepoint.log \
    | sed -n 's/.*Safepoint "\([^"]*\)".*Total: \([0-9]*\) ns.*/\2 \1/p' | sort -n | tail -1)
  worst_safepoint=${worst%% *} worst_operation=${worst#* }
  # The retransform's own pauses, apart from the collections its allocation brings about.
  redefine=$(tail -c +"$((from + 1))" safepoint.log \
    | sed -n 's/.*Safepoint "RedefineClasses".*Total: \([0-9]*\) ns.*/\1/p' | sort -n | tail -1)
  redefines+=("$(awk -v n="${redefine:-0}" 'BEGIN {printf "%.1f", n / 1e6}')")
  attach+=("$(( (e - s) / 1000000 ))"); gaps+=("$gap"); safepoints+=("$(awk -v n="${worst_safepoint:-0}" 'BEGIN {printf "%.1f", n / 1e6}')")
  messages+=("$message")
  printf 'run %2d: attach %5d ms  longest gap %6.1f ms  longest safepoint %6.1f ms (%s, RedefineClasses %.1f)  recorded %s  instrumented methods %s  (%s)\n' \
    "$run" "${attach[-1]}" "$gap" "${safepoints[-1]}" "${worst_operation:-none}" "${redefines[-1]}" "$recorded" "$instrumented" "$message"
done
echo "$runs runs, $plain plain + $annotated annotated classes loaded, JDK $(java -version 2>&1 | head -1)," \
  "$(nproc) cores, load average before: $load_before, after: $(load)"
printf 'attach wall time:         %s\n' "$(printf '%s\n' "${attach[@]}" | stats)"
printf 'longest application gap:  %s\n' "$(printf '%s\n' "${gaps[@]}" | stats)"
printf 'longest safepoint pause:  %s\n' "$(printf '%s\n' "${safepoints[@]}" | stats)"
printf 'longest RedefineClasses:  %s\n' "$(printf '%s\n' "${redefines[@]}" | stats)"
# The agent's message ends with the pid, which differs per run: drop it to count the distinct messages.
printf 'agent said:               %s\n' "$(printf '%s\n' "${messages[@]}" | sed 's/ in [0-9]*$//' | sort | uniq -c \
  | awk '{n = $1; $1 = ""; printf "%s%s (%d runs)", sep, substr($0, 2), n; sep = "; "}')"
verdict() { if awk -v v="$1" -v t="$2" 'BEGIN {exit !(v <= t)}'; then echo met; else echo MISSED; fi; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
worst_pause=$(max "${gaps[@]}" "${safepoints[@]}")
printf 'target attach <= 2000 ms:  median %s ms, max %s ms: %s (median), %s (every run)\n' "$(median "${attach[@]}")" \
  "$(max "${attach[@]}")" "$(verdict "$(median "${attach[@]}")" 2000)" "$(verdict "$(max "${attach[@]}")" 2000)"
printf 'target pause <= 100 ms:    longest gap or safepoint in any run %s ms: %s\n' "$worst_pause" "$(verdict "$worst_pause" 100)"
wrong=$(printf '%s\n' "${messages[@]}" | grep -vc "attached; $annotated loaded classes instrumented" || true)
printf 'check %s classes instrumented: %s\n' "$annotated" "$([[ $wrong -eq 0 ]] && echo "yes, in every run" || echo "NO, in $wrong runs")"
