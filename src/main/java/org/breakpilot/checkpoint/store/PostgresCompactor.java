package org.breakpilot.checkpoint.store;

import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the PostgreSQL store's sessions on a thread and a connection of its own, beside the writer, as
 * the journal's {@link Compactor} does: a session's records through its last committed one are folded
 * into one snapshot, which takes the place of the last of them, the others deleted, in one fenced
 * transaction. The writer goes on appending after them meanwhile. A compaction that fails is left for the
 * session's next one: it changes what the store holds, not what it means.
 */
final class PostgresCompactor {

    /** The logger, made on first use: SLF4J's start-up is not the agent's start-up to pay. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(PostgresCompactor.class);
    }

    /** A session to compact through {@code position}, under {@code lease}. */
    private record Due(String session, LeasedSession lease, long position) {
    }

    private final PostgresOptions options;
    private final SharedConnection connection;
    private final PostgresRecords records;
    private final BiConsumer<String, LeasedSession> takenOver;
    private final BlockingQueue<Due> due = new LinkedBlockingQueue<>();
    private final AtomicLong compactions = new AtomicLong();
    private final FailurePause pause;
    private final Thread thread;
    // Made with the first compaction: Jackson's start-up is not the agent's start-up to pay.
    private JournalEncoding.RecordWriter encoder;
    private JournalEncoding.RecordReader reader;

    /** @param takenOver told of a session whose compaction was fenced off: another JVM took it over */
    PostgresCompactor(PostgresOptions options, SharedConnection connection, PostgresRecords records,
                      BiConsumer<String, LeasedSession> takenOver) {
        this.options = options;
        this.connection = connection;
        this.records = records;
        this.takenOver = takenOver;
        this.pause = new FailurePause("checkpoint store " + options.jdbcUrl() + " (compacting)", 100, 2_000);
        this.thread = new CompactorThread();
        thread.start();
    }

    /** Compacts {@code session} through {@code position}, a record that has been committed, when the thread gets to it. */
    void due(String session, LeasedSession lease, long position) {
        due.add(new Due(session, lease, position));
    }

    /** Compactions finished so far. */
    long compactions() {
        return compactions.get();
    }

    /** Stops the thread, leaving what is not compacted yet for a later JVM. */
    void close() {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The compactor's daemon thread. A named class: see JournalDirectory. */
    private final class CompactorThread extends Thread {
        CompactorThread() {
            super("checkpoint-postgres-compactor");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    compact(due.take());
                }
            } catch (InterruptedException stopped) {
                // close() was called.
            }
        }
    }

    private void compact(Due session) {
        if (session.lease().lost()) {
            return;
        }
        if (encoder == null) {
            encoder = options.writing().encoding().newWriter();
            reader = options.writing().encoding().newReader(new RecordCodec.Decoder(options.writing().readLimits()));
        }
        try {
            boolean replaced = connection.use(database -> {
                JournalRecord.Snapshot snapshot = records.load(database, session.session(), session.position(),
                        new JournalState(options.writing().retention(), options.writing().maxReplaySteps()), reader)
                        .snapshot();
                return records.replaceThrough(database, session.session(), session.lease().epoch,
                        snapshot.lastIdNumber(), session.position(), encoder.payload(snapshot));
            });
            pause.succeeded();
            if (replaced) {
                compactions.incrementAndGet();
            } else {
                takenOver.accept(session.session(), session.lease());
            }
        } catch (SQLException failed) {
            pause.after(failed);
        } catch (RuntimeException unreadable) {
            Log.LOG.warn("Could not compact session {} in {}: {}", session.session(), options.jdbcUrl(),
                    unreadable.toString());
        }
    }
}
