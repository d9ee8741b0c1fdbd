package org.breakpilot.checkpoint.bench;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.PostgresStore;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.testing.TestDatabase;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resuming a session of 100 retained checkpoints from the PostgreSQL store (the server of
 * {@code scripts/postgres.sh start}): what a JVM pays when it first uses a session another JVM wrote,
 * its lease taken, its rows read and its manager rebuilt. In milliseconds per resume, sampled, so that
 * the report gives the median.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ResumeBenchmark {

    private static final String SESSION = "resumed";
    private static final int CHECKPOINTS = 100;
    /** Retains all 100, uncompressed. */
    private static final RetentionPolicy RETAIN_ALL = new RetentionPolicy(CHECKPOINTS, CHECKPOINTS, CHECKPOINTS);

    private TestDatabase database;
    private PostgresStore store;

    @Setup(Level.Trial)
    public void writeTheSession() throws SQLException {
        database = new TestDatabase();
        try (PostgresStore writer = PostgresStore.open(options())) {
            CheckpointManager session = writer.openSession(SESSION, RETAIN_ALL, writer.changeLog());
            for (int n = 1; n <= CHECKPOINTS; n++) {
                session.create("step-" + (n % 10), Map.of("args", Map.of("query", "checkpoint agents", "page", n),
                        "result", Map.of("hits", n * 7, "title", "result " + n)), Map.of("outcome", "returned"));
            }
        }
        store = PostgresStore.open(options());
    }

    private PostgresOptions options() {
        return database.options(PostgresOptions.DEFAULT_LEASE_TTL_MS, new WriteOptions(WriteOptions.Fsync.ALWAYS, 50,
                WriteOptions.OnFull.BLOCK, 1_024, 60_000, RETAIN_ALL, 100_000, JsonReadLimits.DEFAULT,
                JournalEncoding.plain()));
    }

    @TearDown(Level.Trial)
    public void dropTheSession() {
        store.close();
        database.close();
    }

    @Benchmark
    public CheckpointManager resume() throws SQLException {
        CheckpointManager resumed = store.lease(SESSION, RETAIN_ALL).orElseThrow();
        if (resumed.size() != CHECKPOINTS) {
            throw new IllegalStateException("resumed " + resumed.size() + " checkpoints, not " + CHECKPOINTS);
        }
        return resumed;
    }
}
