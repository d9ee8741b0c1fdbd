package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.internal.HostName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store for a fleet: every session's changes in a PostgreSQL database, as the journal's own records
 * (see {@link PostgresSchema}), so that a session resumes in any JVM on any host started with the same
 * database and session names. A session is loaded when this JVM first uses it, after taking its lease
 * ({@link SessionLeases}); the lease is renewed in the background and fences every write, so that a JVM
 * that lost it (paused past it, or cut off) can no longer write to the session.
 */
public final class PostgresStore implements CheckpointStore {

    /** The logger, made on first use: SLF4J's start-up is not the agent's start-up to pay. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    }
    private static final long LEASE_RETRY_MILLIS = 200;

    private final PostgresOptions options;
    private final SharedConnection control;
    private final SharedConnection writing;
    private final PostgresSchema schema;
    private final SessionLeases leases;
    private final PostgresRecords records;
    private final ConcurrentMap<String, LeasedSession> leased = new ConcurrentHashMap<>();
    private final PostgresCompactor compactor;
    private final PostgresSink sink;
    private final JournalWriter writer;
    private final StoreChangeLog changes;
    private final LeaseRenewer renewer;
    private byte[] argumentKey;

    private PostgresStore(PostgresOptions options, PostgresConnector connector, SharedConnection control,
                          PostgresSchema schema) {
        this.options = options;
        this.control = control;
        this.writing = new SharedConnection(connector);
        this.schema = schema;
        this.leases = new SessionLeases(schema, new SessionLeases.Owner(UUID.randomUUID().toString(), HostName.get(),
                ProcessHandle.current().pid()), options.leaseTtlMs());
        this.records = new PostgresRecords(schema, leases);
        DroppedRecords dropped = new DroppedRecords();
        this.compactor = new PostgresCompactor(options, new SharedConnection(connector), records,
                this::takenOver);
        this.sink = new PostgresSink(options, writing, records, leases, leased, dropped, compactor);
        this.writer = new JournalWriter(options.writing(), sink, dropped, "checkpoint-postgres-writer");
        this.changes = new StoreChangeLog(options.writing(), writer);
        this.renewer = new LeaseRenewer();
        renewer.start();
    }

    /**
     * Connects, creates the store's tables when they are missing, and checks their version.
     *
     * @throws SQLException          naming the URL and user when the database cannot be reached or written
     * @throws IllegalStateException when the tables are of a newer version than this agent's
     */
    public static PostgresStore open(PostgresOptions options) throws SQLException {
        PostgresConnector connector = new PostgresConnector(options);
        PostgresSchema schema = new PostgresSchema(options.schema());
        SharedConnection control = new SharedConnection(connector);
        control.use(connection -> {
            schema.createOrCheck(connection);
            return null;
        });
        return new PostgresStore(options, connector, control, schema);
    }

    @Override
    public ChangeLog changeLog() {
        return changes;
    }

    /** None: each session is loaded when this JVM first uses it ({@link #openSession}). */
    @Override
    public Collection<CheckpointManager> restored() {
        return List.of();
    }

    /**
     * Takes the lease of {@code session} and loads it as the database holds it; a session the database
     * does not hold starts empty. When another JVM holds a live lease, waits for it at most
     * {@code writeTimeoutMs}; when the lease is not had by then, or the database cannot be reached, the
     * session is kept in memory only, said in one line.
     */
    @Override
    public CheckpointManager openSession(String session, RetentionPolicy retention, ChangeLog changes) {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(options.writing().writeTimeoutMs());
        String why;
        Optional<SessionLeases.Holder> waitedFor = Optional.empty();
        while (true) {
            try {
                Optional<CheckpointManager> opened = control.use(connection -> load(connection, session, retention,
                        changes));
                if (opened.isPresent()) {
                    waitedFor.ifPresent(holder -> Log.LOG.warn("Session {} was leased by {}, which did not renew its"
                            + " lease (leaseTtlMs); this JVM took the session over after {} ms and resumes it", session,
                            holder.jvm(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
                    return opened.get();
                }
                Optional<SessionLeases.Holder> holder = control.use(connection -> leases.holder(connection, session));
                waitedFor = holder.isPresent() ? holder : waitedFor;
                why = holder.map(held -> "it is still leased by " + held.describe())
                        .orElse("its lease was taken by another JVM");
            } catch (SQLException e) {
                why = "the database cannot be reached (" + e.getMessage() + ")";
            } catch (RuntimeException unreadable) {
                Log.LOG.warn("Cannot load session {} from {}: {}; this JVM keeps it in memory only", session,
                        describe(), unreadable.getMessage());
                return new CheckpointManager(session, retention, ChangeLog.NONE);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            pause(Math.min(LEASE_RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
        Log.LOG.warn("Session {} is kept in memory only by this JVM: after writeTimeoutMs={}, {} (a JVM that may start"
                + " before a dead owner's lease ends needs writeTimeoutMs above leaseTtlMs={})", session,
                options.writing().writeTimeoutMs(), why, options.leaseTtlMs());
        return new CheckpointManager(session, retention, ChangeLog.NONE);
    }

    /** Whether the database has records of {@code session}; false when it cannot be asked. */
    @Override
    public boolean holds(String session) {
        try {
            return control.use(connection -> records.lastPosition(connection, session) > 0);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Takes the lease of {@code session} and loads it, without waiting: empty when another JVM holds a live
     * lease on it ({@link #holder} says which).
     *
     * @throws SQLException             when the database cannot be reached
     * @throws IllegalArgumentException when a record of the session cannot be read
     */
    public Optional<CheckpointManager> lease(String session, RetentionPolicy retention) throws SQLException {
        return control.use(connection -> load(connection, session, retention, changes));
    }

    /** The JVM holding a live lease on {@code session}, as {@code host pid N for N ms more}, when another one does. */
    public Optional<String> holder(String session) throws SQLException {
        return control.use(connection -> leases.holder(connection, session)).map(SessionLeases.Holder::describe);
    }

    private Optional<CheckpointManager> load(Connection connection, String session, RetentionPolicy retention,
                                             ChangeLog reportTo) throws SQLException {
        Optional<Long> epoch = leases.acquire(connection, session);
        if (epoch.isEmpty()) {
            return Optional.empty();
        }
        JournalState.Session loaded = records.load(connection, session,
                new JournalState(retention, options.writing().maxReplaySteps()), options.writing().encoding()
                        .newReader(new RecordCodec.Decoder(options.writing().readLimits())));
        leased.put(session, new LeasedSession(epoch.get(), records.lastPosition(connection, session) + 1));
        if (loaded == null) {
            return Optional.of(new CheckpointManager(session, retention, reportTo));
        }
        changes.restored(session, loaded.replay);
        return Optional.of(CheckpointManager.restore(session, retention, reportTo, loaded.manager.getAll(),
                loaded.lastIdNumber()));
    }

    @Override
    public long sessionIdleMs() {
        return options.sessionIdleMs();
    }

    /**
     * Writes what is queued, then gives the sessions' leases up: compactions queued for them are skipped,
     * and their next use in this JVM leases and loads them again. A session kept in memory only (its lease
     * was not had, or was lost) stays.
     */
    @Override
    public Set<String> unload(Collection<String> sessions) {
        Map<String, LeasedSession> stored = new HashMap<>();
        for (String session : sessions) {
            LeasedSession lease = leased.get(session);
            if (lease != null && !lease.lost()) {
                stored.put(session, lease);
            }
        }
        if (stored.isEmpty() || !writer.awaitWritten()) {
            return Set.of();
        }
        for (Map.Entry<String, LeasedSession> session : stored.entrySet()) {
            session.getValue().giveUp();
            leased.remove(session.getKey(), session.getValue());
            changes.unloaded(session.getKey());
        }
        try {
            control.use(connection -> {
                leases.release(connection, stored.keySet());
                return null;
            });
        } catch (SQLException e) {
            // The leases end after leaseTtlMs; this JVM may take them again before, being their owner.
            Log.LOG.debug("Could not give up the leases of {} idle sessions: {}", stored.size(), e.getMessage());
        }
        return stored.keySet();
    }

    @Override
    public ReplayLog replayLog(String session) {
        return changes.replayLog(session);
    }

    @Override
    public void complete(String session) {
        changes.complete(session);
    }

    /**
     * Takes the new session's lease, then stores the fork.
     *
     * @throws IllegalArgumentException when another JVM holds the new session or the database cannot be reached
     */
    @Override
    public void forked(CheckpointManager fork, List<Checkpoint> replayResults) {
        String session = fork.sessionId();
        try {
            boolean taken = control.use(connection -> {
                Optional<Long> epoch = leases.acquire(connection, session);
                if (epoch.isPresent()) {
                    leased.put(session, new LeasedSession(epoch.get(), records.lastPosition(connection, session) + 1));
                }
                return epoch.isPresent();
            });
            if (!taken) {
                throw new IllegalArgumentException("session '" + session + "' is held by another JVM; fork into a new name");
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot store the fork " + session + ": " + e.getMessage(), e);
        }
        changes.forked(fork, replayResults);
    }

    @Override
    public synchronized byte[] argumentKey() {
        if (argumentKey == null) {
            try {
                argumentKey = control.use(connection -> ArgumentKey.of(connection, schema, options.writing().encoding()));
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("cannot read or make the replay argument key in "
                        + options.jdbcUrl() + ": " + e.getMessage(), e));
            }
        }
        return argumentKey.clone();
    }

    @Override
    public long dropped() {
        return writer.dropped();
    }

    /** Compactions finished so far. */
    public long compactions() {
        return compactor.compactions();
    }

    @Override
    public String describe() {
        return "postgres " + options.jdbcUrl() + " schema " + options.schema() + " (fsync="
                + WriteOptions.optionText(options.writing().fsync()) + ")";
    }

    /** Writes what is queued, stops renewing, and gives the leases up so that another JVM may resume at once. */
    @Override
    public void close() {
        writer.close();
        compactor.close();
        renewer.finish();
        try {
            control.use(connection -> {
                leases.releaseAll(connection);
                return null;
            });
        } catch (SQLException e) {
            Log.LOG.warn("Could not give up the sessions' leases in {}: {}; they end after leaseTtlMs={}", describe(),
                    e.getMessage(), options.leaseTtlMs());
        }
        control.close();
        writing.close();
    }

    /** Says once that another JVM took {@code session} over; this JVM writes nothing more to it. */
    private void takenOver(String session, LeasedSession lease) {
        sink.lost(session, lease);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Renews this JVM's leases three times per {@code leaseTtlMs}. A named class: see JournalDirectory. */
    private final class LeaseRenewer extends Thread {
        private final CountDownLatch finished = new CountDownLatch(1);
        private boolean warnedFailing;

        LeaseRenewer() {
            super("checkpoint-postgres-leases");
            setDaemon(true);
        }

        void finish() {
            finished.countDown();
            interrupt();
        }

        @Override
        public void run() {
            try {
                while (!finished.await(options.leaseTtlMs() / 3, TimeUnit.MILLISECONDS)) {
                    renew();
                }
            } catch (InterruptedException stopped) {
                // finish() was called.
            }
        }

        private void renew() {
            List<String> held = new ArrayList<>();
            for (Map.Entry<String, LeasedSession> session : leased.entrySet()) {
                if (!session.getValue().lost()) {
                    held.add(session.getKey());
                }
            }
            if (held.isEmpty()) {
                return;
            }
            try {
                Set<String> lost = control.use(connection -> leases.renew(connection, held));
                for (String session : lost) {
                    takenOver(session, leased.get(session));
                }
                warnedFailing = false;
            } catch (SQLException e) {
                if (!warnedFailing) {
                    warnedFailing = true;
                    Log.LOG.warn("Cannot renew the sessions' leases in {} ({}); retrying. Another JVM may take a session"
                            + " over once its lease ends (leaseTtlMs={})", describe(), e.getMessage(), options.leaseTtlMs());
                }
            }
        }
    }
}
