package org.breakpilot.checkpoint.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session's records in PostgreSQL, written under its lease, against a real server (see {@link TestDatabase}). */
class PostgresRecordsTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final PostgresSchema schema = new PostgresSchema(database.schema);
    private final SessionLeases firstLeases = new SessionLeases(schema, new SessionLeases.Owner("first", "a", 1), 10_000);
    private final SessionLeases secondLeases = new SessionLeases(schema, new SessionLeases.Owner("second", "b", 2), 10_000);
    private final PostgresRecords first = new PostgresRecords(schema, firstLeases);
    private final PostgresRecords second = new PostgresRecords(schema, secondLeases);


    @Test
    void appendedRecordsAreReadBackInOrderPerSession() throws Exception {
        try (Connection connection = created()) {
            firstLeases.acquire(connection, "a");
            firstLeases.acquire(connection, "b");

            assertTrue(appendAfterLast(first, connection, "a", 1, 2, bytes("a1", "a2")));
            assertTrue(appendAfterLast(first, connection, "b", 1, 1, bytes("b1")));
            assertTrue(appendAfterLast(first, connection, "a", 1, 3, bytes("a3")));

            assertEquals(List.of("a1", "a2", "a3"), texts(first.read(connection, "a")));
            assertEquals(List.of("b1"), texts(first.read(connection, "b")));
        }
    }

    @Test
    void aSessionTakenOverGetsNothingMoreFromItsFormerOwner() throws Exception {
        try (Connection connection = created()) {
            firstLeases.acquire(connection, "job");
            assertTrue(appendAfterLast(first, connection, "job", 1, 1, bytes("before")));
            execute(connection, "update " + schema.table("sessions") + " set lease_expires = clock_timestamp()"
                    + " - interval '1 second'");
            assertEquals(2L, secondLeases.acquire(connection, "job").orElseThrow());

            assertFalse(appendAfterLast(first, connection, "job", 1, 2, bytes("zombie")));
            assertFalse(first.replaceThrough(connection, "job", 1, 2, 1, "zombie snapshot".getBytes(UTF_8)));
            assertTrue(appendAfterLast(second, connection, "job", 2, 2, bytes("after")));

            assertEquals(List.of("before", "after"), texts(first.read(connection, "job")));
            assertTrue(connection.getAutoCommit(), "the connection is left as it was");
        }
    }

    @Test
    void aSnapshotReplacesTheRecordsBeforeItAndLaterOnesFollowIt() throws Exception {
        try (Connection connection = created()) {
            firstLeases.acquire(connection, "job");
            appendAfterLast(first, connection, "job", 1, 3, bytes("1", "2", "3"));

            assertTrue(first.replaceThrough(connection, "job", 1, 3, 3, "snapshot".getBytes(UTF_8)));
            appendAfterLast(first, connection, "job", 1, 4, bytes("4"));

            assertEquals(List.of("snapshot", "4"), texts(first.read(connection, "job")));
        }
    }

    @Test
    void aSessionIsLoadedFromItsRecordsAsFromAJournalSealedOrNot() throws Exception {
        JournalEncoding sealed = JournalEncoding.aesGcm(new byte[32], "test key");
        for (JournalEncoding encoding : List.of(JournalEncoding.plain(), sealed)) {
            try (Connection connection = created()) {
                String session = "job-" + encoding.describe().replaceAll("\\W", "");
                firstLeases.acquire(connection, session);
                JournalEncoding.RecordWriter writer = encoding.newWriter();
                List<byte[]> records = new ArrayList<>();
                for (int n = 1; n <= 3; n++) {
                    records.add(writer.payload(new JournalRecord.Created(session, new Checkpoint(session + ":" + n,
                            "step", Instant.ofEpochSecond(1_700_000_000L + n), Map.of("n", n), Map.of()))));
                }
                records.add(writer.payload(new JournalRecord.Rewound(session, session + ":2")));
                appendAfterLast(first, connection, session, 1, 3, records);

                JournalState.Session loaded = first.load(connection, session,
                        new JournalState(RetentionPolicy.DEFAULT, 100), encoding.newReader(new RecordCodec.Decoder(JsonReadLimits.DEFAULT)));

                assertEquals(List.of(session + ":1", session + ":2"),
                        loaded.manager.getAll().stream().map(Checkpoint::id).toList(), encoding.describe());
                assertEquals(Map.of("n", 2), loaded.manager.get(session + ":2").orElseThrow().data());
                assertEquals(3, loaded.lastIdNumber(), "ids go on after the rewound one");
            }
        }
    }

    @Test
    void aSealedRecordMovedToAnotherSessionIsRefused() throws Exception {
        JournalEncoding sealed = JournalEncoding.aesGcm(new byte[32], "test key");
        try (Connection connection = created()) {
            firstLeases.acquire(connection, "thief");
            byte[] payload = sealed.newWriter().payload(new JournalRecord.Created("victim", new Checkpoint("victim:1",
                    "step", Instant.EPOCH, Map.of("secret", "x"), Map.of())));
            appendAfterLast(first, connection, "thief", 1, 1, List.of(payload));
            execute(connection, "update " + schema.table("records") + " set session_id = 'thief'");

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> first.load(connection,
                    "thief", new JournalState(RetentionPolicy.DEFAULT, 100),
                    sealed.newReader(new RecordCodec.Decoder(JsonReadLimits.DEFAULT))));

            assertEquals("a record of session 'victim' is stored under session 'thief' in " + schema.table("records"),
                    refused.getMessage());
        }
    }

    /** Appends {@code rows} to {@code session} after its last record; whether they were written. */
    static boolean appendAfterLast(PostgresRecords records, Connection connection, String session, long epoch,
                                   long lastNumber, List<byte[]> rows) throws SQLException {
        long first = records.lastPosition(connection, session) + 1;
        return records.append(connection, List.of(new PostgresRecords.SessionWrite(session, epoch, lastNumber, first,
                rows))).isEmpty();
    }

    private Connection created() throws SQLException {
        Connection connection = database.connect();
        schema.createOrCheck(connection);
        return connection;
    }

    private static List<byte[]> bytes(String... texts) {
        List<byte[]> records = new ArrayList<>();
        for (String text : texts) {
            records.add(text.getBytes(UTF_8));
        }
        return records;
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(record -> new String(record, UTF_8)).toList();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
