package org.breakpilot.checkpoint.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases and fencing against a real PostgreSQL server (see {@link TestDatabase}). */
class SessionLeasesTest {

    private static final long TTL_MS = 10_000;

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final PostgresSchema schema = new PostgresSchema(database.schema);
    private final SessionLeases first = leases("first-jvm", 101);
    private final SessionLeases second = leases("second-jvm", 202);


    @Test
    void theSchemaIsCreatedOnceByCreatorsThatStartTogether() throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                created.add(creators.submit(() -> {
                    try (Connection connection = database.connect()) {
                        schema.createOrCheck(connection);
                    }
                    return null;
                }));
            }
            for (Future<?> creation : created) {
                creation.get();
            }
        } finally {
            creators.shutdown();
        }
        try (Connection connection = database.connect()) {
            assertEquals(List.of(PostgresSchema.VERSION), versions(connection));
        }
    }

    @Test
    void aNewerSchemaIsRefusedNamingBothVersions() throws Exception {
        try (Connection connection = database.connect()) {
            schema.createOrCheck(connection);
            execute(connection, "update " + schema.table("schema_version") + " set version = 9");

            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> schema.createOrCheck(connection));

            assertEquals("the checkpoint tables in schema '" + database.schema + "' are of version 9, newer than this"
                    + " agent's 1; use an agent of that version or another jdbcSchema", refused.getMessage());
        }
    }

    @Test
    void aSchemaNameThatIsNotAPlainSqlNameIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new PostgresSchema("x; drop table y"));
        assertEquals("jdbcSchema must be a lower-case SQL name (letters, digits, _; at most 63), got 'x; drop table y'",
                refused.getMessage());
    }

    @Test
    void aLiveLeaseKeepsOtherJvmsOutAndItsOwnerKeepsItsEpoch() throws Exception {
        try (Connection connection = created()) {
            assertEquals(Optional.of(1L), first.acquire(connection, "job"));

            assertEquals(Optional.empty(), second.acquire(connection, "job"));
            SessionLeases.Holder holder = second.holder(connection, "job").orElseThrow();
            assertEquals("first-jvm-host", holder.host());
            assertEquals(101, holder.pid());
            assertTrue(holder.expiresInMs() > 0 && holder.expiresInMs() <= TTL_MS, "expires in " + holder.expiresInMs());
            assertEquals(Optional.of(1L), first.acquire(connection, "job"));
            assertEquals(Optional.empty(), first.holder(connection, "job"));
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverUnderTheNextEpochAndTheOldOwnersWritesAreRefused() throws Exception {
        try (Connection connection = created()) {
            first.acquire(connection, "job");
            assertTrue(fence(first, connection, "job", 1, 3));
            expire(connection, "job");

            assertEquals(Optional.of(2L), second.acquire(connection, "job"));

            assertFalse(fence(first, connection, "job", 1, 4), "the old owner's write");
            assertTrue(fence(second, connection, "job", 2, 4));
            assertEquals(Set.of("job"), first.renew(connection, List.of("job")));
            assertEquals(Set.of(), second.renew(connection, List.of("job")));
            assertEquals(4, lastNumber(connection, "job"));
        }
    }

    @Test
    void aTakeoverWaitsForTheOwnersOpenWriteWhichRenewsTheLease() throws Exception {
        try (Connection setup = created(); Connection owner = database.connect(); Connection taker = database.connect()) {
            first.acquire(setup, "job");
            expire(setup, "job");
            owner.setAutoCommit(false);
            // The owner, late but not yet taken over, is in the middle of a write: its fence holds the row.
            assertTrue(fence(first, owner, "job", 1, 7));

            CompletableFuture<Optional<Long>> takeover = CompletableFuture.supplyAsync(() -> {
                try {
                    return second.acquire(taker, "job");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> waitsForALock(setup));
            assertFalse(takeover.isDone());
            owner.commit();

            assertEquals(Optional.empty(), takeover.get(), "the write renewed the lease: no takeover");
            assertEquals(7, lastNumber(setup, "job"));
            assertTrue(fence(first, owner, "job", 1, 8), "the owner writes on");
            owner.commit();
        }
    }

    @Test
    void releasedLeasesAreFreeAtOnce() throws Exception {
        try (Connection connection = created()) {
            first.acquire(connection, "a");
            first.acquire(connection, "b");

            first.releaseAll(connection);

            assertEquals(Optional.of(2L), second.acquire(connection, "a"));
            assertEquals(Optional.of(2L), second.acquire(connection, "b"));
        }
    }

    private SessionLeases leases(String id, long pid) {
        return new SessionLeases(schema, new SessionLeases.Owner(id, id + "-host", pid), TTL_MS);
    }

    private Connection created() throws SQLException {
        Connection connection = database.connect();
        schema.createOrCheck(connection);
        return connection;
    }

    private void expire(Connection connection, String session) throws SQLException {
        execute(connection, "update " + schema.table("sessions")
                + " set lease_expires = clock_timestamp() - interval '1 second' where session_id = '" + session + "'");
    }

    private long lastNumber(Connection connection, String session) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select last_number from " + schema.table("sessions")
                + " where session_id = ?")) {
            query.setString(1, session);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static boolean waitsForALock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
            row.next();
            return row.getInt(1) > 0;
        }
    }

    private List<Integer> versions(Connection connection) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version from " + schema.table("schema_version"))) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether {@code leases} may write to {@code session} under {@code epoch}, in the connection's transaction. */
    private static boolean fence(SessionLeases leases, Connection connection, String session, long epoch, long lastNumber)
            throws SQLException {
        return leases.fence(connection, List.of(new PostgresRecords.SessionWrite(session, epoch, lastNumber, 1,
                List.of())))[0] == 1;
    }
}
