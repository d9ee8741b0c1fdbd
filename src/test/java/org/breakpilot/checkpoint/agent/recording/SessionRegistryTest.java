package org.breakpilot.checkpoint.agent.recording;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.JournalStore;
import org.breakpilot.checkpoint.store.PostgresStore;
import org.breakpilot.checkpoint.store.ReplayLog;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions a store loads on first use and lets go when idle (PostgreSQL, against a real server): a look-up
 * opens them, and unloading one loses and renumbers nothing.
 */
class SessionRegistryTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();


    @Test
    void aLookUpOpensASessionTheStoreHoldsAndNeverMakesOneItDoesNot() throws Exception {
        try (PostgresStore first = PostgresStore.open(database.options(10_000, WriteOptions.DEFAULT))) {
            first.openSession("job", RetentionPolicy.DEFAULT, first.changeLog()).create("step", Map.of("n", 1));
        }
        try (PostgresStore second = PostgresStore.open(database.options(10_000, WriteOptions.DEFAULT))) {
            List<String> told = new ArrayList<>();
            SessionRegistry registry = new SessionRegistry(RetentionPolicy.DEFAULT, second, null,
                    manager -> told.add(manager.sessionId()));

            CheckpointManager found = registry.existing("job");

            assertEquals(List.of("job:1"), found.getAll().stream().map(c -> c.id()).toList());
            assertEquals(List.of("job"), told, "its MBean is registered as for any new session");
            assertNull(registry.existing("no-such-session"));
            assertEquals(List.of("job"), registry.ids());
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) from " + database.schema + ".sessions")) {
            row.next();
            assertEquals(1, row.getInt(1), "a look-up of an unknown session leased nothing");
        }
    }

    @Test
    void aSessionWaitingForAnotherJvmsLeaseHoldsUpNoOtherSession() throws Exception {
        WriteOptions waitThreeSeconds = new WriteOptions(WriteOptions.Fsync.BATCH, 50, WriteOptions.OnFull.DROP, 1_000,
                3_000, RetentionPolicy.DEFAULT, 100, WriteOptions.DEFAULT.readLimits(), WriteOptions.DEFAULT.encoding());
        try (PostgresStore owner = PostgresStore.open(database.options(60_000, WriteOptions.DEFAULT));
             PostgresStore waiting = PostgresStore.open(database.options(60_000, waitThreeSeconds))) {
            owner.openSession("busy", RetentionPolicy.DEFAULT, owner.changeLog());
            SessionRegistry registry = new SessionRegistry(RetentionPolicy.DEFAULT, waiting, null, manager -> { });
            Thread waiter = new Thread(() -> registry.manager("busy"));
            waiter.start();
            // In openSession's pause between two tries for the lease.
            await().atMost(Duration.ofSeconds(3)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

            registry.manager("free").create("step", Map.of());

            assertTrue(waiter.isAlive(), "the other session waited for the busy one");
            waiter.join();
        }
    }

    private static final RetentionPolicy KEEP_ALL = new RetentionPolicy(100_000, 100_000, 10);

    private PostgresStore unloadingStore(WriteOptions.Fsync fsync) throws Exception {
        return PostgresStore.open(database.options(10_000, 60_000, new WriteOptions(fsync, 20,
                WriteOptions.OnFull.BLOCK, 10_000, 5_000, KEEP_ALL, 1_000, WriteOptions.DEFAULT.readLimits(),
                WriteOptions.DEFAULT.encoding())));
    }

    @Test
    void anIdleSessionLeavesMemoryAndItsLeaseAndComesBackAsStored() throws Exception {
        try (PostgresStore store = unloadingStore(WriteOptions.Fsync.BATCH);
             PostgresStore otherJvm = PostgresStore.open(database.options(10_000, WriteOptions.DEFAULT))) {
            List<CheckpointManager> unloaded = new ArrayList<>();
            SessionRegistry registry = new SessionRegistry(KEEP_ALL, store, null, manager -> { });
            registry.alsoOnUnloaded(unloaded::add);
            for (int n = 1; n <= 3; n++) {
                int step = n;
                registry.change("job", manager -> manager.create("step", Map.of("n", step)));
            }
            CheckpointManager before = registry.manager("job");

            assertEquals(1, registry.unloadIdle(0));

            assertEquals(List.of(), registry.ids());
            assertEquals(List.of(before), unloaded, "its MBean is unregistered");
            assertThrows(IllegalStateException.class, () -> before.create("late", Map.of()),
                    "a thread still holding the manager cannot write after the lease was given up");
            assertTrue(otherJvm.holder("job").isEmpty() && otherJvm.lease("job", KEEP_ALL).isPresent(),
                    "another JVM may take the session at once");
            otherJvm.close();

            CheckpointManager loaded = registry.existing("job");

            assertEquals(List.of("job:1", "job:2", "job:3"), loaded.getAll().stream().map(Checkpoint::id).toList());
            assertEquals("job:4", registry.change("job", manager -> manager.create("step", Map.of("n", 4))).id());
        }
    }

    @Test
    void aSessionKeptInMemoryOnlyIsNotUnloaded() throws Exception {
        WriteOptions waitBriefly = new WriteOptions(WriteOptions.Fsync.BATCH, 20, WriteOptions.OnFull.BLOCK, 1_000,
                300, KEEP_ALL, 100, WriteOptions.DEFAULT.readLimits(), WriteOptions.DEFAULT.encoding());
        try (PostgresStore owner = PostgresStore.open(database.options(60_000, WriteOptions.DEFAULT));
             PostgresStore store = PostgresStore.open(database.options(60_000, 60_000, waitBriefly))) {
            owner.openSession("busy", KEEP_ALL, owner.changeLog());
            SessionRegistry registry = new SessionRegistry(KEEP_ALL, store, null, manager -> { });
            registry.change("busy", manager -> manager.create("step", Map.of()));

            assertEquals(0, registry.unloadIdle(0), "the session is not stored: unloading it would lose it");

            assertEquals(List.of("busy"), registry.ids());
            assertEquals("busy:2", registry.change("busy", manager -> manager.create("step", Map.of())).id());
        }
    }

    @Test
    void changesRacingWithUnloadingAreNeitherLostNorRenumbered() throws Exception {
        int threads = 4;
        int perThread = 150;
        List<String> sessions = List.of("a", "b", "c");
        AtomicInteger created = new AtomicInteger();
        int unloads = 0;
        try (PostgresStore store = unloadingStore(WriteOptions.Fsync.ALWAYS)) {
            SessionRegistry registry = new SessionRegistry(KEEP_ALL, store, null, manager -> { });
            // Data the manager takes a while to copy before it takes its lock: the window in which a thread
            // holds a manager that is being unloaded.
            Map<String, Object> data = new HashMap<>();
            IntStream.range(0, 200).forEach(key -> data.put("key" + key, List.of("value", key)));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < perThread; n++) {
                        for (String session : sessions) {
                            registry.change(session, manager -> manager.create("step", data));
                            created.incrementAndGet();
                        }
                    }
                }));
            }
            int total = threads * perThread * sessions.size();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (created.get() < total) {
                int seen = created.get();
                unloads += registry.unloadIdle(0);
                // Paced by the writers' progress, so that every unloading races with changes under way.
                while (created.get() < Math.min(total, seen + 10)) {
                    assertTrue(System.nanoTime() < deadline, "the writers stalled after " + created.get() + " changes");
                    Thread.onSpinWait();
                }
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
        }
        assertTrue(unloads >= 20, "the sessions were unloaded while written: " + unloads);
        try (PostgresStore resumed = PostgresStore.open(database.options(10_000, WriteOptions.DEFAULT))) {
            for (String session : sessions) {
                CheckpointManager manager = resumed.openSession(session, KEEP_ALL, resumed.changeLog());
                List<String> expected = IntStream.rangeClosed(1, threads * perThread)
                        .mapToObj(n -> session + ":" + n).toList();
                assertEquals(expected, manager.getAll().stream().map(Checkpoint::id).toList(),
                        "session " + session + " holds every id once, in order");
            }
        }
    }

    @Test
    void aForkIsRefusedANameTheStoreHoldsAlthoughNotInMemory() throws Exception {
        try (PostgresStore store = unloadingStore(WriteOptions.Fsync.BATCH)) {
            SessionRegistry registry = new SessionRegistry(KEEP_ALL, store, null, manager -> { });
            registry.change("source", manager -> manager.create("step", Map.of()));
            registry.change("taken", manager -> manager.create("step", Map.of()));
            registry.unloadIdle(0);

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> registry.fork("source", "source:1", "taken"));

            assertEquals("session 'taken' already exists; fork into a new name", refused.getMessage());
            assertEquals(List.of("taken:1"), registry.existing("taken").getAll().stream().map(Checkpoint::id).toList());
        }
    }

    @Test
    void aForkLeavesMemoryWhenIdleLikeAnyOtherSession() throws Exception {
        try (PostgresStore store = unloadingStore(WriteOptions.Fsync.BATCH)) {
            SessionRegistry registry = new SessionRegistry(KEEP_ALL, store, null, manager -> { });
            registry.change("source", manager -> manager.create("step", Map.of()));
            registry.fork("source", "source:1", "copy");
            registry.change("copy", manager -> manager.create("step", Map.of()));

            assertEquals(2, registry.unloadIdle(0));

            assertEquals(List.of(), registry.ids());
            assertEquals(List.of("copy:1", "copy:2"), registry.existing("copy").getAll().stream().map(Checkpoint::id).toList());
        }
    }

    /** Sessions the journal restored at start, and forks, have no lock until one is needed. */
    @Test
    void replayResultsAndCompletionOfRestoredAndForkedJournalSessionsAreReached(@TempDir Path journal) throws Exception {
        JournalOptions options = JournalOptions.builder(journal).fsync(WriteOptions.Fsync.ALWAYS).build();
        try (JournalStore store = JournalStore.open(options)) {
            new SessionRegistry(KEEP_ALL, store, null, manager -> { }).change("job",
                    manager -> manager.create("step", Map.of(), Map.of(ReplayLog.CALL_KEY, 1)));
        }
        try (JournalStore store = JournalStore.open(options)) {
            SessionRegistry registry = new SessionRegistry(KEEP_ALL, store, null, manager -> { });
            registry.fork("job", "job:1", "copy");

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertEquals(1, registry.replayLog("job").all().size());
                assertEquals(1, registry.replayLog("copy").all().size());
                registry.complete("job");
                assertEquals(0, registry.replayLog("job").all().size());
            });
        }
    }
}
