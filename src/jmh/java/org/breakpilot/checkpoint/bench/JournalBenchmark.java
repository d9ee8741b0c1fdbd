package org.breakpilot.checkpoint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.CheckpointStore;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.store.JournalStore;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.PostgresStore;
import org.breakpilot.checkpoint.testing.TestDatabase;
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
 * {@code CheckpointManager.create} of a small checkpoint, in checkpoints per second, into memory, into the
 * journal with each {@code fsync} mode, and into the PostgreSQL store with each (the server of
 * {@code scripts/postgres.sh start}, or the one {@code -Dcheckpoint.pg.url} names, on this machine). The
 * stores run with {@code onFull=block}, so the figure is what the writer sustains, not how fast a queue
 * fills. Run with {@code -t 1} and {@code -t 4} to see group commit: with {@code always}, throughput grows
 * with threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class JournalBenchmark {

    /**
     * {@code memory}, or the journal's {@code fsync} mode ({@code batch-aes} is batch with encryption at
     * rest), or {@code postgres-} and the PostgreSQL store's.
     */
    @Param({"memory", "none", "batch", "batch-aes", "always", "postgres-none", "postgres-batch", "postgres-always"})
    public String store;

    private Path directory;
    private CheckpointStore opened;
    private TestDatabase database;
    private final AtomicInteger sessions = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        if (store.equals("memory")) {
            return;
        }
        if (store.startsWith("postgres-")) {
            database = new TestDatabase();
            opened = PostgresStore.open(database.options(PostgresOptions.DEFAULT_LEASE_TTL_MS, new WriteOptions(
                    fsync(store.substring("postgres-".length())), 50, WriteOptions.OnFull.BLOCK, 65_536, 60_000,
                    RetentionPolicy.DEFAULT, 100_000, JsonReadLimits.DEFAULT, JournalEncoding.plain())));
            return;
        }
        directory = Files.createTempDirectory("journal-bench");
        boolean encrypted = store.endsWith("-aes");
        opened = JournalStore.open(JournalOptions.builder(directory)
                .fsync(fsync(encrypted ? store.substring(0, store.length() - "-aes".length()) : store))
                .onFull(WriteOptions.OnFull.BLOCK).writeTimeoutMs(60_000).segmentBytes(64L * 1024 * 1024)
                .encoding(encrypted ? JournalEncoding.aesGcm(new byte[32], "a benchmark's zero key")
                        : JournalEncoding.plain())
                .build());
    }

    private static WriteOptions.Fsync fsync(String mode) {
        return WriteOptions.Fsync.valueOf(mode.toUpperCase(Locale.ROOT));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (opened == null) {
            return;
        }
        opened.close();
        if (opened.dropped() > 0) {
            throw new IllegalStateException(opened.dropped() + " checkpoints dropped: the figure would be wrong");
        }
        if (database != null) {
            database.close();
            return;
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
            String id = "bench-" + benchmark.sessions.incrementAndGet();
            manager = benchmark.opened == null ? new CheckpointManager(id, RetentionPolicy.DEFAULT, ChangeLog.NONE)
                    : benchmark.opened.openSession(id, RetentionPolicy.DEFAULT, benchmark.opened.changeLog());
        }
    }

    @Benchmark
    public Object create(Session session) {
        return session.manager.create("search", session.data);
    }
}
