package org.breakpilot.checkpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.breakpilot.checkpoint.internal.ErrorValues;

/**
 * A session's records in the {@code records} table: appended, read back in order, and those through one
 * replaced by a snapshot when compacted. Every change runs in one transaction that begins with the session's fence
 * ({@link SessionLeases#fence}): when another JVM has taken the session over, nothing is written and
 * the caller is told.
 */
final class PostgresRecords {

    private static final String INSERT = "insert into %s (session_id, position, epoch, record) values (?, ?, ?, ?)";

    private final PostgresSchema schema;
    private final SessionLeases leases;

    PostgresRecords(PostgresSchema schema, SessionLeases leases) {
        this.schema = schema;
        this.leases = leases;
    }

    /**
     * One session's share of a batch: its records, written under the lease of {@code epoch} from
     * {@code firstPosition} on, moving the session's id counter up to {@code lastNumber}.
     */
    record SessionWrite(String session, long epoch, long lastNumber, long firstPosition, List<byte[]> records) {
    }

    /**
     * Writes every session's records in one transaction, each session's after its fence. Returns the
     * sessions that were taken over: nothing of theirs is written, the others' records are.
     */
    Set<String> append(Connection connection, List<SessionWrite> writes) throws SQLException {
        Set<String> takenOver = new HashSet<>();
        inTransaction(connection, () -> {
            int[] fenced = leases.fence(connection, writes);
            try (PreparedStatement insert = connection.prepareStatement(INSERT.formatted(schema.table("records")))) {
                for (int i = 0; i < writes.size(); i++) {
                    SessionWrite write = writes.get(i);
                    if (fenced[i] == 0) {
                        takenOver.add(write.session());
                        continue;
                    }
                    long position = write.firstPosition();
                    for (byte[] record : write.records()) {
                        addRow(insert, write.session(), position++, write.epoch(), record);
                    }
                }
                insert.executeBatch();
            }
            return true;
        });
        return takenOver;
    }

    /**
     * Puts {@code snapshot} in place of the record of {@code session} at {@code position} and deletes the
     * records before it, as compaction does, under the lease of {@code epoch}; the records after it stay.
     * False, with nothing changed, when the session was taken over.
     */
    boolean replaceThrough(Connection connection, String session, long epoch, long lastNumber, long position,
                           byte[] snapshot) throws SQLException {
        return inTransaction(connection, () -> {
            if (leases.fence(connection, List.of(new SessionWrite(session, epoch, lastNumber, position, List.of())))[0] == 0) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement("update " + schema.table("records")
                    + " set record = ?, epoch = ? where session_id = ? and position = ?");
                 PreparedStatement delete = connection.prepareStatement("delete from " + schema.table("records")
                         + " where session_id = ? and position < ?")) {
                update.setBytes(1, snapshot);
                update.setLong(2, epoch);
                update.setString(3, session);
                update.setLong(4, position);
                update.executeUpdate();
                delete.setString(1, session);
                delete.setLong(2, position);
                delete.executeUpdate();
            }
            return true;
        });
    }

    /** The position of the last record of {@code session}; 0 when it has none. */
    long lastPosition(Connection connection, String session) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select coalesce(max(position), 0) from "
                + schema.table("records") + " where session_id = ?")) {
            query.setString(1, session);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The records of {@code session}, oldest first. */
    List<byte[]> read(Connection connection, String session) throws SQLException {
        return read(connection, session, Long.MAX_VALUE);
    }

    /** The records of {@code session} through {@code position}, oldest first. */
    List<byte[]> read(Connection connection, String session, long position) throws SQLException {
        List<byte[]> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select record from " + schema.table("records")
                + " where session_id = ? and position <= ? order by position")) {
            query.setString(1, session);
            query.setLong(2, position);
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
        return load(connection, session, Long.MAX_VALUE, state, reader);
    }

    /** {@code session} as its records through {@code position} leave it; see {@link #load(Connection, String, JournalState, JournalEncoding.RecordReader)}. */
    JournalState.Session load(Connection connection, String session, long position, JournalState state,
                              JournalEncoding.RecordReader reader) throws SQLException {
        for (byte[] payload : read(connection, session, position)) {
            JournalRecord record = reader.decode(payload);
            if (!record.session().equals(session)) {
                throw new IllegalArgumentException("a record of session " + ErrorValues.quoted(record.session())
                        + " is stored under session " + ErrorValues.quoted(session) + " in " + schema.table("records"));
            }
            state.accept(record);
        }
        return state.sessions().get(session);
    }

    private static void addRow(PreparedStatement insert, String session, long position, long epoch, byte[] record)
            throws SQLException {
        insert.setString(1, session);
        insert.setLong(2, position);
        insert.setLong(3, epoch);
        insert.setBytes(4, record);
        insert.addBatch();
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
