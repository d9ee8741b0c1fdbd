package org.breakpilot.checkpoint.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.breakpilot.bench.CallTargets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call of the same three-argument method under each alternative, in one JMH run, each in a JVM
 * started the way that alternative needs (our agent, OpenTelemetry's agent, none), reported as time
 * per call; {@code BenchReport} turns them into ratios to {@link #plain}. Run from the project
 * directory: the forks find the agents under {@code target/}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CallBenchmark {

    private static final String OUR_AGENT = "-javaagent:target/checkpoint-agent.jar=session=bench";
    private static final String OTEL_AGENT = "-javaagent:target/bench-agents/opentelemetry-javaagent.jar";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String query = "checkpoint agents";
    private final int page = 3;
    private final CallTargets.Owner owner = new CallTargets.Owner("ada", 7);

    /** A JFR event with the same three fields. */
    @Name("org.breakpilot.bench.Call")
    @Label("Call")
    @Category("Benchmark")
    static final class CallEvent extends Event {
        @Label("Query")
        String query;
        @Label("Page")
        int page;
        @Label("Owner")
        String owner;
    }

    /** A JFR recording in memory that records one event type, without stack traces, while a benchmark runs. */
    public abstract static class RecordingOf {
        private Recording recording;

        /** The event type recorded. */
        abstract String eventName();

        @Setup(Level.Trial)
        public void start() {
            recording = new Recording();
            // Without a stack trace: the three fields are what the other alternatives record too.
            recording.enable(eventName()).withoutStackTrace();
            recording.setToDisk(false);
            recording.start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            recording.stop();
            recording.close();
        }
    }

    /** A recording of {@link CallEvent}s, for the JFR benchmark. */
    @State(Scope.Benchmark)
    public static class JfrRecording extends RecordingOf {
        @Override
        String eventName() {
            return "org.breakpilot.bench.Call";
        }
    }

    /** A recording of the agent's checkpoint events. */
    @State(Scope.Benchmark)
    public static class CheckpointRecording extends RecordingOf {
        @Override
        String eventName() {
            return "org.breakpilot.Checkpoint";
        }
    }

    @Benchmark
    public int plain() {
        return CallTargets.plain(query, page, owner);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = OUR_AGENT + ",store=memory")
    public int checkpointBare() {
        return CallTargets.checkpointBare(query, page, owner);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = OUR_AGENT + ",store=memory")
    public int checkpointCaptured() {
        return CallTargets.checkpointCaptured(query, page, owner);
    }

    /** As {@link #checkpointCaptured}, while a JFR recording takes each checkpoint as an event too. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = OUR_AGENT + ",store=memory")
    public int checkpointCapturedJfrRecording(CheckpointRecording recording) {
        return CallTargets.checkpointCaptured(query, page, owner);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = OUR_AGENT + ",dir=target/bench-journal-batch,fsync=batch,onFull=block")
    public int checkpointCapturedJournalBatch() {
        return CallTargets.checkpointCaptured(query, page, owner);
    }

    /** Four threads, so that group commit has calls to share each fsync among. */
    @Benchmark
    @Threads(4)
    @Fork(value = 1, jvmArgsAppend = OUR_AGENT + ",dir=target/bench-journal-always,fsync=always")
    public int checkpointCapturedJournalAlways4Threads() {
        return CallTargets.checkpointCaptured(query, page, owner);
    }

    @Benchmark
    public int jfrEvent(JfrRecording recording) {
        CallEvent event = new CallEvent();
        event.begin();
        int result = CallTargets.plain(query, page, owner);
        event.query = query;
        event.page = page;
        event.owner = owner.getName();
        event.commit();
        return result;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {OTEL_AGENT, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none"})
    public int otelWithSpan() {
        return CallTargets.withSpan(query, page, owner);
    }

    /** The capture floor: Jackson's tree of the same three arguments. */
    @Benchmark
    public Object jacksonValueToTree() {
        return MAPPER.valueToTree(new Object[] {query, page, owner});
    }
}
