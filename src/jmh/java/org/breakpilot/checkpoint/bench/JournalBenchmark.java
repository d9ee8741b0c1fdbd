package org.breakpilot.checkpoint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.store.JournalStore;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code CheckpointManager.create} of a small checkpoint, in checkpoints per second, into memory and
 * into the journal with each {@code fsync} mode. The journal runs with {@code onFull=block}, so the
 * figure is what the writer sustains, not how fast a queue fills. Run with {@code -t 1} and
 * {@code -t 4} to see group commit: with {@code always}, throughput grows with threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class JournalBenchmark {

    /** {@code memory}, or the journal's {@code fsync} mode; {@code batch-aes} is batch with encryption at rest. */
    @Param({"memory", "none", "batch", "batch-aes", "always"})
    public String store;

    private Path directory;
    private JournalStore journal;
    private final AtomicInteger sessions = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException {
        if (store.equals("memory")) {
            return;
        }
        directory = Files.createTempDirectory("journal-bench");
        boolean encrypted = store.endsWith("-aes");
        String fsync = encrypted ? store.substring(0, store.length() - "-aes".length()) : store;
        journal = JournalStore.open(JournalOptions.builder(directory)
                .fsync(WriteOptions.Fsync.valueOf(fsync.toUpperCase())).onFull(WriteOptions.OnFull.BLOCK)
                .writeTimeoutMs(60_000).segmentBytes(64L * 1024 * 1024)
                .encoding(encrypted ? JournalEncoding.aesGcm(new byte[32], "a benchmark's zero key")
                        : JournalEncoding.plain())
                .build());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (journal == null) {
            return;
        }
        journal.close();
        if (journal.dropped() > 0) {
            throw new IllegalStateException(journal.dropped() + " checkpoints dropped: the figure would be wrong");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Each benchmark thread writes its own session, as concurrent jobs do. */
    @State(Scope.Thread)
    public static class Session {
        CheckpointManager manager;
        final Map<String, Object> data = Map.of("query", "checkpoint agents", "page", 3,
                "owner", Map.of("name", "ada", "team", "research"));

        @Setup(Level.Trial)
        public void create(JournalBenchmark benchmark) {
            ChangeLog changes = benchmark.journal == null ? ChangeLog.NONE : benchmark.journal;
            manager = new CheckpointManager("bench-" + benchmark.sessions.incrementAndGet(), RetentionPolicy.DEFAULT,
                    changes);
        }
    }

    @Benchmark
    public Object create(Session session) {
        return session.manager.create("search", session.data);
    }
}
