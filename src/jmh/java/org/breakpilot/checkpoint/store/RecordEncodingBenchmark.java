package org.breakpilot.checkpoint.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.Checkpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What the journal's writer spends encoding one recorded call, the per-record part of its throughput. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RecordEncodingBenchmark {

    private final JournalRecord record = new JournalRecord.Created("bench", new Checkpoint("bench:42", "bench.captured",
            Instant.now(), Map.of("args", ordered("query", "checkpoint agents", "page", 3, "owner",
                    ordered("level", 7, "name", "ada")), "result", 27),
            ordered("class", "org.breakpilot.bench.CallTargets", "method", "checkpointCaptured", "thread", "main",
                    "durationNanos", 1234L, "outcome", "returned")));

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private final RecordCodec.Encoder encoder = new RecordCodec.Encoder();

    @Benchmark
    public byte[] encode() {
        return encoder.encode(record);
    }
}
