package org.breakpilot.checkpoint.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code CheckpointManager.create} and {@code get(id)} on one core, in memory, in three steady states:
 * 100 retained, 100 000 retained, and 60 distinct names with compression on every create. The time
 * must not grow with what is retained.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ManagerBenchmark {

    /** {@code retain100}, {@code retain100000}: that many retained, one name; {@code compress60names}. */
    @Param({"retain100", "retain100000", "compress60names"})
    public String retained;

    private static final List<String> NAMES = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "step-" + i).toList();
    private final Map<String, Object> data = Map.of("query", "checkpoint agents", "page", 3);

    private CheckpointManager manager;
    private String[] ids;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        RetentionPolicy policy = switch (retained) {
            case "retain100" -> new RetentionPolicy(100, 100, 20);
            case "retain100000" -> new RetentionPolicy(100_000, 100_000, 20);
            case "compress60names" -> new RetentionPolicy(100, 50, 20);
            default -> throw new IllegalArgumentException("unknown retained: " + retained);
        };
        manager = new CheckpointManager("bench", policy);
        for (int i = 0; i < policy.maxCheckpoints(); i++) {
            manager.create(name(i), data);
        }
        ids = manager.getAll().stream().map(Checkpoint::id).toArray(String[]::new);
    }

    private String name(int i) {
        return retained.equals("compress60names") ? NAMES.get(i % NAMES.size()) : "step";
    }

    @Benchmark
    public Checkpoint create() {
        return manager.create(name(next++), data);
    }

    @Benchmark
    public Object get() {
        next = next + 1 == ids.length ? 0 : next + 1;
        return manager.get(ids[next]);
    }
}
