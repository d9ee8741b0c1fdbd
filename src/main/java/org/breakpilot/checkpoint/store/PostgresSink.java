package org.breakpilot.checkpoint.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.breakpilot.checkpoint.internal.CheckpointIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link JournalWriter}'s batches into the PostgreSQL store: one transaction per batch, each
 * session's rows behind its fence, so that a commit is the batch's durability (with {@code fsync=none}
 * the connection commits asynchronously). A session another JVM took over gets nothing more, said once.
 * A database that fails is connected to again, after a pause that grows to two seconds while it stays
 * away; the batch is retried as it was. A session with {@value #COMPACT_AFTER} records since its last
 * compaction is handed to the {@link PostgresCompactor}.
 */
final class PostgresSink implements RecordSink {

    /** The logger, made on first use: loaded before the first checkpoint, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    }

    static final int COMPACT_AFTER = 1_000;
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;

    private final PostgresOptions options;
    private final SharedConnection connection;
    private final PostgresRecords records;
    private final SessionLeases leases;
    private final ConcurrentMap<String, LeasedSession> leased;
    private final DroppedRecords dropped;
    private final PostgresCompactor compactor;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final FailurePause pause;
    /** The last write failed: the batch written next is the same, and may have been committed. */
    private boolean retrying;
    /** The batch being written, encoded and grouped by session. */
    private Map<String, SessionBatch> pending;
    // Made with the first record: Jackson's start-up is not the agent's start-up to pay.
    private JournalEncoding.RecordWriter encoder;

    PostgresSink(PostgresOptions options, SharedConnection connection, PostgresRecords records, SessionLeases leases,
                 ConcurrentMap<String, LeasedSession> leased, DroppedRecords dropped, PostgresCompactor compactor) {
        this.options = options;
        this.connection = connection;
        this.records = records;
        this.leases = leases;
        this.leased = leased;
        this.dropped = dropped;
        this.compactor = compactor;
        this.pause = new FailurePause(describe(), FIRST_PAUSE_MILLIS, LONGEST_PAUSE_MILLIS);
    }

    /**
     * One session's records of a batch, in order, with the newest id number among them, and the lease they
     * were encoded under: the one they are written and counted under, though the session be unloaded meanwhile.
     */
    private static final class SessionBatch {
        final LeasedSession lease;
        final List<byte[]> payloads = new ArrayList<>();
        long lastNumber;
        int checkpointRecords;

        SessionBatch(LeasedSession lease) {
            this.lease = lease;
        }
    }

    @Override
    public boolean write(List<JournalRecord> batch) {
        // A batch that failed comes back as it was (see JournalWriter): it is encoded and counted once.
        if (!retrying) {
            pending = encode(batch);
        }
        if (pending.isEmpty()) {
            return true;
        }
        List<PostgresRecords.SessionWrite> writes = new ArrayList<>(pending.size());
        for (Map.Entry<String, SessionBatch> session : pending.entrySet()) {
            LeasedSession lease = session.getValue().lease;
            writes.add(new PostgresRecords.SessionWrite(session.getKey(), lease.epoch, session.getValue().lastNumber,
                    lease.nextPosition, session.getValue().payloads));
        }
        Set<String> takenOver;
        try {
            takenOver = connection.use(database -> retrying ? appendUnlessCommitted(database, writes)
                    : records.append(database, writes));
        } catch (SQLException | RuntimeException failed) {
            retrying = true;
            pause.after(failed);
            return false;
        }
        retrying = false;
        commits.incrementAndGet();
        pause.succeeded();
        for (PostgresRecords.SessionWrite write : writes) {
            written(write, pending.get(write.session()), takenOver.contains(write.session()));
        }
        return true;
    }

    /** Moves a session's lease on past a write that committed, or counts it as dropped when it was fenced off. */
    private void written(PostgresRecords.SessionWrite write, SessionBatch batch, boolean takenOver) {
        LeasedSession lease = batch.lease;
        if (takenOver) {
            lost(write.session(), lease);
            dropped.add(batch.checkpointRecords);
            return;
        }
        int rows = write.records().size();
        lease.nextPosition += rows;
        lease.recordsSinceCompaction += rows;
        written.addAndGet(batch.checkpointRecords);
        if (lease.recordsSinceCompaction >= COMPACT_AFTER) {
            lease.recordsSinceCompaction = 0;
            compactor.due(write.session(), lease, lease.nextPosition - 1);
        }
    }

    /**
     * Writes again the batch whose last attempt failed (the writer retries a batch as it was), unless that
     * attempt committed after all (the connection was lost between the commit and its answer): writing it
     * again would put its records twice. A batch is one transaction, so any session's rows past its first
     * position mean it committed. Returns the sessions taken over.
     */
    private Set<String> appendUnlessCommitted(Connection database, List<PostgresRecords.SessionWrite> writes)
            throws SQLException {
        Set<String> notWritten = new HashSet<>();
        boolean committed = false;
        for (PostgresRecords.SessionWrite write : writes) {
            if (records.lastPosition(database, write.session()) >= write.firstPosition()) {
                committed = true;
            } else {
                notWritten.add(write.session());
            }
        }
        // Committed: the sessions without their rows were fenced off, taken over by another JVM.
        return committed ? notWritten : records.append(database, writes);
    }

    /** The batch's records encoded and grouped by session; those of sessions this JVM does not own are counted. */
    private Map<String, SessionBatch> encode(List<JournalRecord> batch) {
        // By session id: every transaction of this JVM that locks several sessions' rows locks them in
        // that order, so that two of them never wait for each other.
        Map<String, SessionBatch> bySession = new TreeMap<>();
        for (JournalRecord record : batch) {
            LeasedSession lease = leased.get(record.session());
            if (lease == null || lease.lost()) {
                dropped.noteUnowned(record);
                continue;
            }
            try {
                if (encoder == null) {
                    encoder = options.writing().encoding().newWriter();
                }
                byte[] payload = encoder.payload(record);
                SessionBatch session = bySession.computeIfAbsent(record.session(), id -> new SessionBatch(lease));
                session.payloads.add(payload);
                session.lastNumber = Math.max(session.lastNumber, lastIdNumber(record));
                // Reservations are the store's own bookkeeping, not records anyone asked for.
                session.checkpointRecords += record instanceof JournalRecord.Reserved ? 0 : 1;
            } catch (RuntimeException unencodable) {
                dropped.note(record);
                Log.LOG.warn("Could not store a record of session {}: {}", record.session(), unencodable.toString());
            }
        }
        return bySession;
    }

    /** The newest id number {@code record} hands out or reserves; 0 when it hands out none. */
    private static long lastIdNumber(JournalRecord record) {
        if (record instanceof JournalRecord.Created created) {
            return Math.max(0, CheckpointIds.number(record.session(), created.checkpoint().id()));
        } else if (record instanceof JournalRecord.Imported imported) {
            return imported.checkpoints().stream()
                    .mapToLong(checkpoint -> CheckpointIds.number(record.session(), checkpoint.id())).max().orElse(0);
        } else if (record instanceof JournalRecord.Reserved reserved) {
            return reserved.lastIdNumber();
        } else if (record instanceof JournalRecord.Snapshot snapshot) {
            return snapshot.lastIdNumber();
        }
        return 0;
    }

    /** Says once that {@code session} was taken over, naming the JVM that holds it now when it can. */
    void lost(String session, LeasedSession lease) {
        if (!lease.lose()) {
            return;
        }
        String holder;
        try {
            holder = connection.use(database -> leases.holder(database, session))
                    .map(now -> "by " + now.jvm()).orElse("by another JVM");
        } catch (SQLException | RuntimeException unknown) {
            holder = "by another JVM";
        }
        Log.LOG.warn("Session {} was taken over {} after this JVM's lease on it ended (leaseTtlMs={}); this JVM keeps"
                + " its checkpoints of it in memory only from now on", session, holder, options.leaseTtlMs());
    }

    @Override
    public boolean force() {
        // Each batch was committed as it was written.
        return true;
    }

    @Override
    public void caughtUp() {
        // Compaction has a thread of its own (PostgresCompactor).
    }

    @Override
    public void finish() {
        // Records written by callers after the writer's thread go to the same tables.
    }

    @Override
    public long written() {
        return written.get();
    }

    @Override
    public long fsyncs() {
        return commits.get();
    }

    @Override
    public String describe() {
        return "checkpoint store " + options.jdbcUrl();
    }
}
