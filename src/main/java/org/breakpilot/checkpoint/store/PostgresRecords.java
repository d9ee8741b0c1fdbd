package org.breakpilot.checkpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.breakpilot.checkpoint.internal.ErrorValues;

/**
 * A session's records in the {@code records} table: appended, read back in order, and replaced by one
 * snapshot when compacted. Every change runs in one transaction that begins with the session's fence
 * ({@link SessionLeases#fence}): when another JVM has taken the session over, nothing is written and
 * the caller is told.
 */
final class PostgresRecords {

    private final PostgresSchema schema;
    private final SessionLeases leases;

    PostgresRecords(PostgresSchema schema, SessionLeases leases) {
        this.schema = schema;
        this.leases = leases;
    }

    /**
     * Appends {@code records} to {@code session} after its last one, under the lease of {@code epoch},
     * moving the session's id counter up to {@code lastNumber}. False, with nothing written, when the
     * session was taken over.
     */
    boolean append(Connection connection, String session, long epoch, long lastNumber, List<byte[]> records)
            throws SQLException {
        return inTransaction(connection, () -> {
            if (!leases.fence(connection, session, epoch, lastNumber)) {
                return false;
            }
            insertAfterLast(connection, session, epoch, records);
            return true;
        });
    }

    /**
     * Replaces every record of {@code session} by {@code snapshot}, as compaction does, under the lease of
     * {@code epoch}. False, with nothing changed, when the session was taken over.
     */
    boolean replace(Connection connection, String session, long epoch, long lastNumber, byte[] snapshot)
            throws SQLException {
        return inTransaction(connection, () -> {
            if (!leases.fence(connection, session, epoch, lastNumber)) {
                return false;
            }
            // Positions only grow: the snapshot goes after the records it replaces, which then go.
            long snapshotPosition = insertAfterLast(connection, session, epoch, List.of(snapshot));
            try (PreparedStatement delete = connection.prepareStatement("delete from " + schema.table("records")
                    + " where session_id = ? and position < ?")) {
                delete.setString(1, session);
                delete.setLong(2, snapshotPosition);
                delete.executeUpdate();
            }
            return true;
        });
    }

    /** The records of {@code session}, oldest first. */
    List<byte[]> read(Connection connection, String session) throws SQLException {
        List<byte[]> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select record from " + schema.table("records")
                + " where session_id = ? order by position")) {
            query.setString(1, session);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(rows.getBytes(1));
                }
            }
        }
        return records;
    }

    /**
     * {@code session} as its records leave it, each opened by {@code reader} (the store's encoding) and
     * applied to {@code state} as a journal's are; null when the session has no records.
     *
     * @throws IllegalArgumentException when a record cannot be opened (sealed under another key) or is
     *                                  another session's, moved into this one's rows
     */
    JournalState.Session load(Connection connection, String session, JournalState state,
                              JournalEncoding.RecordReader reader) throws SQLException {
        for (byte[] payload : read(connection, session)) {
            JournalRecord record = reader.decode(payload);
            if (!record.session().equals(session)) {
                throw new IllegalArgumentException("a record of session " + ErrorValues.quoted(record.session())
                        + " is stored under session " + ErrorValues.quoted(session) + " in " + schema.table("records"));
            }
            state.accept(record);
        }
        return state.sessions().get(session);
    }

    /** Inserts after the session's last record (its row is locked by the fence); returns the last position used. */
    private long insertAfterLast(Connection connection, String session, long epoch, List<byte[]> records)
            throws SQLException {
        long position = lastPosition(connection, session);
        try (PreparedStatement insert = connection.prepareStatement("insert into " + schema.table("records")
                + " (session_id, position, epoch, record) values (?, ?, ?, ?)")) {
            for (byte[] record : records) {
                insert.setString(1, session);
                insert.setLong(2, ++position);
                insert.setLong(3, epoch);
                insert.setBytes(4, record);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return position;
    }

    private long lastPosition(Connection connection, String session) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select coalesce(max(position), 0) from "
                + schema.table("records") + " where session_id = ?")) {
            query.setString(1, session);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** A unit of work on one connection. */
    private interface Work {
        boolean run() throws SQLException;
    }

    /** Runs {@code work} in one transaction, committed when it returns true and rolled back otherwise. */
    private static boolean inTransaction(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            boolean done = work.run();
            if (done) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return done;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
