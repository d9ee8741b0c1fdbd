package org.breakpilot.checkpoint.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three owners race for one session against a real server, each expiring the current lease now and then
 * (as a paused owner's lease expires) and writing on with the epoch it last held, as a zombie would. Whatever
 * the interleaving, the rows must show one owner per epoch and epochs that never go back.
 */
class FencingRaceTest {

    private static final int OWNERS = 3;
    private static final int ROUNDS = 150;

    @RegisterExtension
    final TestDatabase database = new TestDatabase();
    private final PostgresSchema schema = new PostgresSchema(database.schema);


    @Test
    void noTwoOwnersEverInterleave() throws Exception {
        try (Connection connection = database.connect()) {
            schema.createOrCheck(connection);
        }
        ExecutorService owners = Executors.newFixedThreadPool(OWNERS);
        try {
            List<Future<Integer>> written = new ArrayList<>();
            for (int owner = 0; owner < OWNERS; owner++) {
                String id = "owner-" + owner;
                written.add(owners.submit(() -> race(id)));
            }
            int acknowledged = 0;
            for (Future<Integer> count : written) {
                acknowledged += count.get();
            }
            assertOneOwnerPerEpoch(acknowledged);
        } finally {
            owners.shutdown();
        }
    }

    /** Returns how many of this owner's writes were acknowledged. */
    private int race(String ownerId) throws SQLException {
        SessionLeases leases = new SessionLeases(schema, new SessionLeases.Owner(ownerId, "host", 1), 10_000);
        PostgresRecords records = new PostgresRecords(schema, leases);
        int acknowledged = 0;
        long epoch = 0;
        try (Connection connection = database.connect()) {
            for (int round = 0; round < ROUNDS; round++) {
                Optional<Long> acquired = leases.acquire(connection, "job");
                if (acquired.isPresent()) {
                    epoch = acquired.get();
                }
                // A zombie writes on with the epoch it last held, leased or not.
                if (epoch > 0 && PostgresRecordsTest.appendAfterLast(records, connection, "job", epoch, round,
                        List.of((ownerId + " " + epoch).getBytes(UTF_8)))) {
                    acknowledged++;
                }
                if (ThreadLocalRandom.current().nextInt(4) == 0) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("update " + schema.table("sessions")
                                + " set lease_expires = clock_timestamp() - interval '1 second'");
                    }
                }
            }
        }
        return acknowledged;
    }

    private void assertOneOwnerPerEpoch(int acknowledged) throws SQLException {
        Map<Long, String> ownerOfEpoch = new HashMap<>();
        long previousEpoch = 0;
        int rows = 0;
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select epoch, record from " + schema.table("records")
                     + " where session_id = 'job' order by position")) {
            while (row.next()) {
                rows++;
                long epoch = row.getLong(1);
                String[] written = new String(row.getBytes(2), UTF_8).split(" ");
                assertEquals(epoch, Long.parseLong(written[1]), "a row's epoch is the one its writer held");
                assertTrue(epoch >= previousEpoch, "epoch " + epoch + " after " + previousEpoch);
                String owner = ownerOfEpoch.putIfAbsent(epoch, written[0]);
                assertTrue(owner == null || owner.equals(written[0]), "epoch " + epoch + " written by " + owner
                        + " and " + written[0]);
                previousEpoch = epoch;
            }
        }
        assertEquals(acknowledged, rows, "every acknowledged write is there, and nothing else");
        assertTrue(ownerOfEpoch.size() > 1, "the race had takeovers: " + ownerOfEpoch);
    }
}
