package org.breakpilot.checkpoint.agent.recording;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.PostgresStore;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions a store loads on first use (PostgreSQL, against a real server): a look-up opens them. */
class SessionRegistryTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();


    @Test
    void aLookUpOpensASessionTheStoreHoldsAndNeverMakesOneItDoesNot() throws Exception {
        try (PostgresStore first = PostgresStore.open(database.options(10_000, WriteOptions.DEFAULT))) {
            first.openSession("job", RetentionPolicy.DEFAULT).create("step", Map.of("n", 1));
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
            owner.openSession("busy", RetentionPolicy.DEFAULT);
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
}
