package org.breakpilot.checkpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.breakpilot.checkpoint.CheckpointManager;

/**
 * A PostgreSQL store read without owning any of its sessions, for the offline tools: the sessions of
 * every JVM with their owners and leases, one session rebuilt as the agent would load it, and every
 * record checked. Nothing is written.
 */
public final class PostgresInspector implements AutoCloseable {

    /**
     * One session as the store holds it.
     *
     * @param ownerHost    the host of the JVM that last held its lease
     * @param ownerPid     that JVM's process id
     * @param leaseLeftMs  how long the lease lasts unless renewed; 0 or less when it has ended
     * @param lastIdNumber the n of the newest id handed out
     * @param lastWrite    when it was last written to
     * @param records      its rows in {@code records}
     */
    public record SessionInfo(String id, String ownerHost, long ownerPid, long leaseLeftMs, long lastIdNumber,
                              Instant lastWrite, long records) {
    }

    /**
     * What {@link #verify()} found.
     *
     * @param records  records read
     * @param sessions sessions read
     * @param problems one line per record that could not be read or did not fit the ones before it
     */
    public record Verification(long records, int sessions, List<String> problems) {
    }

    private final PostgresOptions options;
    private final PostgresSchema schema;
    private final PostgresRecords records;
    private final Connection connection;

    private PostgresInspector(PostgresOptions options, PostgresSchema schema, Connection connection) {
        this.options = options;
        this.schema = schema;
        this.records = new PostgresRecords(schema, null);
        this.connection = connection;
    }

    /**
     * Connects and checks that the schema holds a store this agent reads.
     *
     * @throws SQLException             naming the URL and user when the database cannot be reached
     * @throws IllegalArgumentException when the schema holds no checkpoint store
     * @throws IllegalStateException    when it holds one of a newer version
     */
    public static PostgresInspector open(PostgresOptions options) throws SQLException {
        PostgresSchema schema = new PostgresSchema(options.schema());
        Connection connection = new PostgresConnector(options).connect();
        try {
            schema.check(connection);
            return new PostgresInspector(options, schema, connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Every session of every JVM, by name. */
    public List<SessionInfo> sessions() throws SQLException {
        List<SessionInfo> sessions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select s.session_id, s.owner_host, s.owner_pid,"
                + " (extract(epoch from s.lease_expires - clock_timestamp()) * 1000)::bigint, s.last_number,"
                + " s.last_write, (select count(*) from " + schema.table("records") + " r where r.session_id = s.session_id)"
                + " from " + schema.table("sessions") + " s order by s.session_id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                sessions.add(new SessionInfo(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getTimestamp(6).toInstant(), rows.getLong(7)));
            }
        }
        return sessions;
    }

    /**
     * {@code session} rebuilt from its records, as the agent loads it; empty when the store has no record of it.
     *
     * @throws IllegalArgumentException when a record cannot be read
     */
    public Optional<CheckpointManager> session(String session) throws SQLException {
        JournalState.Session loaded = records.load(connection, session, newState(), newReader());
        return loaded == null ? Optional.empty() : Optional.of(loaded.manager);
    }

    /** Reads every record of every session, as a JVM resuming it would, and says what could not be read. */
    public Verification verify() throws SQLException {
        List<String> problems = new ArrayList<>();
        long read = 0;
        List<SessionInfo> sessions = sessions();
        JournalEncoding.RecordReader reader = newReader();
        for (SessionInfo session : sessions) {
            JournalState state = newState();
            for (byte[] payload : records.read(connection, session.id())) {
                read++;
                try {
                    JournalRecord record = reader.decode(payload);
                    if (!record.session().equals(session.id())) {
                        problems.add("session " + session.id() + ": a record of session " + record.session()
                                + " is stored under it");
                        continue;
                    }
                    state.accept(record);
                } catch (RuntimeException unreadable) {
                    problems.add("session " + session.id() + ": a record cannot be read (" + unreadable.getMessage() + ")");
                }
            }
            if (state.recordsNotApplied() > 0) {
                problems.add("session " + session.id() + ": " + state.recordsNotApplied()
                        + " records contradict the ones before them (they are skipped when it is loaded)");
            }
        }
        return new Verification(read, sessions.size(), problems);
    }

    /** Where the store is, for messages: {@code jdbc:postgresql://db/app schema checkpoint}. */
    public String describe() {
        return options.jdbcUrl() + " schema " + options.schema();
    }

    private JournalState newState() {
        return new JournalState(options.writing().retention(), Integer.MAX_VALUE);
    }

    private JournalEncoding.RecordReader newReader() {
        return options.writing().encoding().newReader(new RecordCodec.Decoder(options.writing().readLimits()));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
