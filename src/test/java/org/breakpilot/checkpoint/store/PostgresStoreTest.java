package org.breakpilot.checkpoint.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.agent.recording.SessionRegistry;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store as the agent uses it, against a real server (see {@link TestDatabase}). */
class PostgresStoreTest {

    private static final RetentionPolicy RETENTION = new RetentionPolicy(100, 50, 20);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();


    private PostgresOptions options(int leaseTtlMs, int writeTimeoutMs) {
        return database.options(leaseTtlMs, new WriteOptions(WriteOptions.Fsync.ALWAYS, 50, WriteOptions.OnFull.BLOCK,
                10_000, writeTimeoutMs, RETENTION, 1_000, WriteOptions.DEFAULT.readLimits(), WriteOptions.DEFAULT.encoding()));
    }

    @Test
    void aSessionResumesInAnotherStoreWithItsCheckpointsIdCounterAndReplayResults() throws Exception {
        List<Checkpoint> created = new ArrayList<>();
        try (PostgresStore first = PostgresStore.open(options(10_000, 5_000))) {
            CheckpointManager job = first.openSession("job", RETENTION, first.changeLog());
            for (int n = 1; n <= 5; n++) {
                created.add(job.create("step", Map.of("n", n), Map.of(ReplayLog.CALL_KEY, n)));
            }
            job.rewindTo("job:4");
            created.remove(4);
        }
        try (PostgresStore second = PostgresStore.open(options(10_000, 5_000))) {
            CheckpointManager resumed = second.openSession("job", RETENTION, second.changeLog());

            assertEquals(created, resumed.getAll());
            assertEquals(5, resumed.lastIdNumber(), "ids go on after the rewound one");
            assertEquals("job:6", resumed.create("next", Map.of()).id());
            assertEquals(created.stream().map(Checkpoint::id).toList(),
                    second.replayLog("job").all().stream().map(Checkpoint::id).toList());
        }
    }

    @Test
    void aSecondJvmWaitsForTheLeaseThenTakesOverAndTheFormerOwnerWritesNothingMore() throws Exception {
        try (PostgresStore owner = PostgresStore.open(options(60_000, 5_000));
             PostgresStore other = PostgresStore.open(options(60_000, 300))) {
            CheckpointManager owned = owner.openSession("job", RETENTION, owner.changeLog());
            owned.create("by owner", Map.of());

            CheckpointManager refused = other.openSession("job", RETENTION, other.changeLog());
            refused.create("in memory only", Map.of());
            assertEquals(List.of("by owner"), storedNames("job"), "a live lease keeps the other JVM out");

            expireLeases();
            try (PostgresStore successor = PostgresStore.open(options(60_000, 5_000))) {
                CheckpointManager resumed = successor.openSession("job", RETENTION, successor.changeLog());
                assertEquals(List.of("by owner"), resumed.getAll().stream().map(Checkpoint::name).toList());
                resumed.create("by successor", Map.of());

                owned.create("by zombie", Map.of());
                await().atMost(Duration.ofSeconds(10)).until(() -> owner.dropped() == 1);
                assertEquals(List.of("by owner", "by successor"), storedNames("job"));
            }
        }
    }

    @Test
    void aForkIsStoredWithItsHistoryAndReplayResultsAndResumesElsewhere() throws Exception {
        try (PostgresStore first = PostgresStore.open(options(10_000, 5_000))) {
            SessionRegistry sessions = new SessionRegistry(RETENTION, first, null, manager -> { });
            CheckpointManager job = first.openSession("job", RETENTION, first.changeLog());
            for (int n = 1; n <= 4; n++) {
                job.create("step", Map.of("n", n), Map.of(ReplayLog.CALL_KEY, n));
            }
            sessions.fork("job", "job:2", "job-retry").create("after the fork", Map.of());
        }
        try (PostgresStore second = PostgresStore.open(options(10_000, 5_000))) {
            CheckpointManager fork = second.openSession("job-retry", RETENTION, second.changeLog());

            assertEquals(List.of("job-retry:1", "job-retry:2", "job-retry:3"),
                    fork.getAll().stream().map(Checkpoint::id).toList());
            assertEquals(List.of(Map.of("n", 1), Map.of("n", 2), Map.of()),
                    fork.getAll().stream().map(Checkpoint::data).toList());
            assertEquals(List.of("job-retry:1", "job-retry:2"),
                    second.replayLog("job-retry").all().stream().map(Checkpoint::id).sorted().toList());
        }
    }

    @Test
    void aLongSessionIsCompactedToWhatItsManagerRetains() throws Exception {
        List<Checkpoint> retained;
        try (PostgresStore store = PostgresStore.open(options(10_000, 5_000))) {
            CheckpointManager job = store.openSession("job", RETENTION, store.changeLog());
            for (int n = 1; n <= 3 * PostgresSink.COMPACT_AFTER; n++) {
                job.create("step " + (n % 7), Map.of("n", n));
            }
            retained = job.getAll();
            await().atMost(Duration.ofSeconds(20)).until(() -> rows("job") < PostgresSink.COMPACT_AFTER);
            assertTrue(store.compactions() >= 2, store.compactions() + " compactions");
        }
        try (PostgresStore store = PostgresStore.open(options(10_000, 5_000))) {
            assertEquals(retained, store.openSession("job", RETENTION, store.changeLog()).getAll());
        }
    }

    private void expireLeases() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("update " + database.schema + ".sessions set lease_expires = clock_timestamp()"
                    + " - interval '1 second'");
        }
    }

    private List<String> storedNames(String session) throws SQLException {
        try (Connection connection = database.connect()) {
            JournalState.Session loaded = new PostgresRecords(new PostgresSchema(database.schema), null).load(connection,
                    session, new JournalState(RETENTION, 1_000), JournalEncoding.plain().newReader(
                            new RecordCodec.Decoder(WriteOptions.DEFAULT.readLimits())));
            return loaded.manager.getAll().stream().map(Checkpoint::name).toList();
        }
    }

    private long rows(String session) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) from " + database.schema
                     + ".records where session_id = '" + session + "'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
