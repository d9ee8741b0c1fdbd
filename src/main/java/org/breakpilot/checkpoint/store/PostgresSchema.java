package org.breakpilot.checkpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tables of the PostgreSQL store in one schema ({@code jdbcSchema}), created on first use and
 * versioned by the one row of {@code schema_version}: a schema newer than this agent knows is refused,
 * as its layout may mean something else.
 *
 * <ul>
 *   <li>{@code sessions}: one row per session, its lease (the owning JVM, the lease's epoch and expiry,
 *       in the database's clock so that hosts' clocks do not matter) and its id counter;</li>
 *   <li>{@code records}: each session's changes as the journal's records (a created checkpoint, an
 *       import, a clear, a rewind, a snapshot that replaces what came before), in position order, each
 *       with the epoch of the lease it was written under; the bytes are the journal's, sealed when
 *       encryption is on, so that a session is read back exactly as from a journal segment;</li>
 *   <li>{@code settings}: what the JVMs of the store share, such as the key replay steps' secret arguments
 *       are hashed with when nothing is encrypted.</li>
 * </ul>
 */
final class PostgresSchema {

    /** The layout this agent writes and reads. */
    static final int VERSION = 1;

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int CREATE_ATTEMPTS = 3;
    /** unique_violation, duplicate_schema, duplicate_table: what a concurrent creator causes. */
    private static final Set<String> CONCURRENT_CREATE_STATES = Set.of("23505", "42P06", "42P07");

    private final String schema;

    /** @throws IllegalArgumentException when {@code schema} is not a plain lower-case SQL name */
    PostgresSchema(String schema) {
        if (schema == null || !NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("jdbcSchema must be a lower-case SQL name (letters, digits, _; at most"
                    + " 63), got " + (schema == null ? "nothing" : "'" + schema + "'"));
        }
        this.schema = schema;
    }

    /** {@code table} qualified by the schema, for SQL. */
    String table(String table) {
        return schema + "." + table;
    }

    /**
     * Creates what is missing and checks the version.
     *
     * @throws IllegalStateException naming both versions when the database holds a newer layout
     * @throws SQLException          when the database cannot be read or written
     */
    void createOrCheck(Connection connection) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                createOrCheckOnce(connection);
                return;
            } catch (SQLException e) {
                // Two JVMs creating the same schema or table at once: one fails on the catalog's unique
                // index; the next attempt finds what the other made.
                if (attempt == CREATE_ATTEMPTS || !CONCURRENT_CREATE_STATES.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private void createOrCheckOnce(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists " + schema);
            statement.execute("create table if not exists " + table("schema_version") + " (version integer not null)");
            // Creators that start together wait here for the first, so that only one writes the version row.
            statement.execute("lock table " + table("schema_version") + " in exclusive mode");
            int found = version(connection);
            requireKnown(found);
            statement.execute("create table if not exists " + table("sessions") + " ("
                    + "session_id text primary key,"
                    + " owner_id text not null,"
                    + " owner_host text not null,"
                    + " owner_pid bigint not null,"
                    + " lease_epoch bigint not null,"
                    + " lease_expires timestamptz not null,"
                    + " last_number bigint not null default 0,"
                    + " last_write timestamptz not null default clock_timestamp())");
            statement.execute("create table if not exists " + table("records") + " ("
                    + "session_id text not null,"
                    + " position bigint not null,"
                    + " epoch bigint not null,"
                    + " record bytea not null,"
                    + " primary key (session_id, position))");
            statement.execute("create table if not exists " + table("settings") + " ("
                    + "name text primary key,"
                    + " value bytea not null)");
            if (found == 0) {
                statement.execute("insert into " + table("schema_version") + " values (" + VERSION + ")");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Checks, creating nothing, that the store's tables are there and of a version this agent reads: what
     * the offline tools need before they read.
     *
     * @throws IllegalArgumentException when the schema holds no checkpoint store
     * @throws IllegalStateException    when it holds a newer one
     */
    void check(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?)")) {
            query.setString(1, table("schema_version"));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                if (row.getString(1) == null) {
                    throw new IllegalArgumentException("no checkpoint store in schema '" + schema + "' (no table "
                            + table("schema_version") + "); the agent creates it on first use");
                }
            }
        }
        requireKnown(version(connection));
    }

    private void requireKnown(int found) {
        if (found > VERSION) {
            throw new IllegalStateException("the checkpoint tables in schema '" + schema + "' are of version "
                    + found + ", newer than this agent's " + VERSION + "; use an agent of that version or another"
                    + " jdbcSchema");
        }
    }

    /** The version the database holds; 0 when none is written yet. */
    private int version(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select max(version) from " + table("schema_version"));
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
