package org.breakpilot.checkpoint.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns which session in the PostgreSQL store: a lease per session, a row rather than an advisory
 * lock, so that the same SQL serves PostgreSQL-compatible distributed databases. Times are the database's
 * ({@code clock_timestamp()}), so that the hosts' clocks need not agree.
 *
 * <p>A lease has an epoch, which grows each time another JVM takes the session over. Every write runs in
 * a transaction that first updates the session's row where owner and epoch are still this JVM's
 * ({@link #fence}); that row lock orders the write and any takeover, so that a JVM paused past its lease
 * (GC, SIGSTOP, a partition) finds its row changed when it comes back, and its write is refused rather
 * than interleaved with the new owner's.
 */
final class SessionLeases {

    /** The JVM that holds a lease: a random id per JVM, and the host and pid to show. */
    record Owner(String id, String host, long pid) {
    }

    /** Another JVM's live lease on a session. */
    record Holder(String host, long pid, long expiresInMs) {
        /** {@code host pid N}. */
        String jvm() {
            return host + " pid " + pid;
        }

        /** {@code host pid N for N ms more}. */
        String describe() {
            return jvm() + " for " + expiresInMs + " ms more";
        }
    }

    private final PostgresSchema schema;
    private final Owner owner;
    private final long ttlMs;

    SessionLeases(PostgresSchema schema, Owner owner, long ttlMs) {
        this.schema = schema;
        this.owner = owner;
        this.ttlMs = ttlMs;
    }

    /**
     * Takes the lease of {@code session} when it is free, expired or already this JVM's, and returns its
     * epoch: the same epoch when this JVM held it, the next when it takes the session over, 1 for a new
     * session. Empty when another JVM holds a live lease.
     */
    Optional<Long> acquire(Connection connection, String session) throws SQLException {
        String sessions = schema.table("sessions");
        try (PreparedStatement upsert = connection.prepareStatement("insert into " + sessions + " as s"
                + " (session_id, owner_id, owner_host, owner_pid, lease_epoch, lease_expires)"
                + " values (?, ?, ?, ?, 1, clock_timestamp() + ? * interval '1 millisecond')"
                + " on conflict (session_id) do update set owner_id = excluded.owner_id,"
                + " owner_host = excluded.owner_host, owner_pid = excluded.owner_pid,"
                + " lease_epoch = case when s.owner_id = excluded.owner_id then s.lease_epoch else s.lease_epoch + 1 end,"
                + " lease_expires = excluded.lease_expires"
                + " where s.owner_id = excluded.owner_id or s.lease_expires < clock_timestamp()"
                + " returning lease_epoch")) {
            upsert.setString(1, session);
            upsert.setString(2, owner.id());
            upsert.setString(3, owner.host());
            upsert.setLong(4, owner.pid());
            upsert.setLong(5, ttlMs);
            try (ResultSet row = upsert.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The JVM holding a live lease on {@code session}, if another one does. */
    Optional<Holder> holder(Connection connection, String session) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select owner_host, owner_pid,"
                + " (extract(epoch from lease_expires - clock_timestamp()) * 1000)::bigint from "
                + schema.table("sessions") + " where session_id = ? and owner_id <> ? and lease_expires >= clock_timestamp()")) {
            query.setString(1, session);
            query.setString(2, owner.id());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Holder(row.getString(1), row.getLong(2), row.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Extends the leases this JVM still holds on {@code sessions}; returns those it no longer holds (taken
     * over by another JVM), whose writes would now be refused. A row that a write of this JVM has locked is
     * skipped rather than waited for: that write's fence extends the lease itself, and waiting on rows
     * locked in another order than the write's would deadlock.
     */
    Set<String> renew(Connection connection, List<String> sessions) throws SQLException {
        Set<String> lost = new HashSet<>();
        Array ids = connection.createArrayOf("text", sessions.toArray());
        try (PreparedStatement update = connection.prepareStatement("update " + schema.table("sessions")
                + " set lease_expires = clock_timestamp() + ? * interval '1 millisecond' where session_id in"
                + " (select session_id from " + schema.table("sessions") + " where owner_id = ? and session_id = any(?)"
                + " for update skip locked)");
             PreparedStatement query = connection.prepareStatement("select session_id from " + schema.table("sessions")
                     + " where session_id = any(?) and owner_id <> ?")) {
            update.setLong(1, ttlMs);
            update.setString(2, owner.id());
            update.setArray(3, ids);
            update.executeUpdate();
            query.setArray(1, ids);
            query.setString(2, owner.id());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lost.add(rows.getString(1));
                }
            }
        } finally {
            ids.free();
        }
        return lost;
    }

    /**
     * Within the caller's transaction, checks for each write that this JVM still owns its session under
     * its epoch and locks the session's row until the transaction ends, extending the lease and moving the
     * id counter up to the write's {@code lastNumber}. Returns, per write, 1 when it may go ahead and 0
     * when its session was taken over (its records must not be written).
     */
    int[] fence(Connection connection, List<PostgresRecords.SessionWrite> writes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update " + schema.table("sessions")
                + " set lease_expires = clock_timestamp() + ? * interval '1 millisecond',"
                + " last_number = greatest(last_number, ?), last_write = clock_timestamp()"
                + " where session_id = ? and owner_id = ? and lease_epoch = ?")) {
            for (PostgresRecords.SessionWrite write : writes) {
                update.setLong(1, ttlMs);
                update.setLong(2, write.lastNumber());
                update.setString(3, write.session());
                update.setString(4, owner.id());
                update.setLong(5, write.epoch());
                update.addBatch();
            }
            return update.executeBatch();
        }
    }

    /** Gives up this JVM's leases of {@code sessions}, so that another JVM may resume them at once. */
    void release(Connection connection, Collection<String> sessions) throws SQLException {
        Array ids = connection.createArrayOf("text", sessions.toArray());
        try (PreparedStatement update = connection.prepareStatement("update " + schema.table("sessions")
                + " set lease_expires = clock_timestamp() where session_id = any(?) and owner_id = ?")) {
            update.setArray(1, ids);
            update.setString(2, owner.id());
            update.executeUpdate();
        } finally {
            ids.free();
        }
    }

    /** Gives up the leases this JVM holds, so that another JVM may resume its sessions at once. */
    void releaseAll(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update " + schema.table("sessions")
                + " set lease_expires = clock_timestamp() where owner_id = ?")) {
            update.setString(1, owner.id());
            update.executeUpdate();
        }
    }
}
