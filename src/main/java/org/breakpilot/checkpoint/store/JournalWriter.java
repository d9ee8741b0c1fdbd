package org.breakpilot.checkpoint.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a store's records on one background thread, into a {@link RecordSink}: the journal's active
 * segment or the PostgreSQL store's rows. Callers only queue a record (under their manager's lock, so the
 * store's order is the managers' order); the writer drains the queue in batches, writes each batch at
 * once, and makes it durable as {@link WriteOptions.Fsync} says. With {@code ALWAYS}, every thread waiting
 * in {@link #awaitDurable(long)} is released by the one fsync (or commit) that covered its record:
 * concurrent threads share them (group commit).
 *
 * <p>A failing disk or database never stops the application: the writer keeps its batch and retries, the
 * queue fills, and {@link WriteOptions.OnFull} applies to further records; waits are bounded by
 * {@code writeTimeoutMs}.
 *
 * <p>{@link #close()} drains the queue and stops the thread, but the writer stays usable: the JVM runs
 * shutdown hooks in no order, and an application's hook may create checkpoints after ours closed the
 * store. Such a record is written and made durable by its caller, once the thread has finished, so it is
 * stored before the JVM halts.
 */
final class JournalWriter {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    }
    private static final int MAX_BATCH = 4096;

    private final WriteOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition recordsWaiting = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    private final Condition madeDurable = lock.newCondition();
    private final ArrayDeque<JournalRecord> queue = new ArrayDeque<>();
    private long enqueued;
    /** Records through this token are in the sink (written, maybe not forced). */
    private long inSink;
    private long durable;
    private boolean closing;
    /** The thread took its last record: later ones are written by their callers ({@link #writeByCaller}). */
    private boolean threadStopped;
    /** The thread is gone: the {@link ActiveSegment} is the callers' now, one at a time under {@link #lock}. */
    private boolean threadFinished;
    private final Condition threadEnded = lock.newCondition();
    private final DroppedRecords dropped;
    private final RecordSink sink;
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final AtomicBoolean warnedSlow = new AtomicBoolean();
    private final Thread thread;

    /**
     * @param sink    where batches are written
     * @param dropped where records not written are counted, shared with the sink
     * @param name    the writer thread's name
     */
    JournalWriter(WriteOptions options, RecordSink sink, DroppedRecords dropped, String name) {
        this.options = options;
        this.sink = sink;
        this.dropped = dropped;
        thread = new WriterThread(name);
        thread.start();
    }

    /**
     * Queues {@code record}; returns its token for {@link #awaitDurable}, or 0 when there is nothing to
     * wait for: it was dropped, or (after {@link #close()}) it is already written and forced.
     */
    long append(JournalRecord record) {
        lock.lock();
        try {
            boolean room = threadStopped || queue.size() < options.queueSize() || waitForRoom();
            if (threadStopped) {
                writeByCaller(record);
                return 0;
            }
            if (!room) {
                dropped.note(record);
                if (warnedFull.compareAndSet(false, true)) {
                    Log.LOG.warn("The {} is {} records behind; checkpoints are kept in memory but not stored until"
                            + " it catches up (onFull={}, counted as dropped)", sink.describe(),
                            options.queueSize(), WriteOptions.optionText(options.onFull()));
                }
                return 0;
            }
            queue.addLast(record);
            recordsWaiting.signal();
            return ++enqueued;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code writeTimeoutMs} until every record queued so far is written to the sink (whatever
     * {@code fsync} says), so that reading the store sees them; false when that did not happen in time.
     */
    boolean awaitWritten() {
        lock.lock();
        try {
            long token = enqueued;
            long nanos = TimeUnit.MILLISECONDS.toNanos(options.writeTimeoutMs());
            while (inSink < token && !threadStopped && nanos > 0) {
                nanos = madeDurable.awaitNanos(nanos);
            }
            return inSink >= token || threadStopped;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** With {@code fsync=always}, waits (at most {@code writeTimeoutMs}) until the record is on disk. */
    void awaitDurable(long token) {
        if (token == 0 || options.fsync() != WriteOptions.Fsync.ALWAYS) {
            return;
        }
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(options.writeTimeoutMs());
            while (durable < token && !closing && nanos > 0) {
                nanos = madeDurable.awaitNanos(nanos);
            }
            if (durable < token && !closing && warnedSlow.compareAndSet(false, true)) {
                Log.LOG.warn("The {} took over {} ms to make a change durable; create returned before it was"
                        + " (writeTimeoutMs; logged once)", sink.describe(), options.writeTimeoutMs());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        return dropped.count();
    }

    long written() {
        return sink.written();
    }

    long fsyncs() {
        return sink.fsyncs();
    }

    /**
     * Writes and forces what is queued, and stops the writer's thread (waiting for it at most ten seconds);
     * records appended later are written by their callers.
     */
    void close() {
        lock.lock();
        try {
            closing = true;
            recordsWaiting.signalAll();
            roomFreed.signalAll();
            madeDurable.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean waitForRoom() {
        if (options.onFull() != WriteOptions.OnFull.BLOCK) {
            return false;
        }
        long nanos = TimeUnit.MILLISECONDS.toNanos(options.writeTimeoutMs());
        try {
            while (queue.size() >= options.queueSize() && !threadStopped && nanos > 0) {
                nanos = roomFreed.awaitNanos(nanos);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return queue.size() < options.queueSize();
    }

    /**
     * Writes and forces {@code record} on the caller's thread, under the lock, once the writer's thread has
     * finished (waiting for it at most {@code writeTimeoutMs}: it needs no lock of the application's).
     * Only callers after {@link #close()} come here, one at a time.
     */
    private void writeByCaller(JournalRecord record) {
        long nanos = TimeUnit.MILLISECONDS.toNanos(options.writeTimeoutMs());
        try {
            while (!threadFinished && nanos > 0) {
                nanos = threadEnded.awaitNanos(nanos);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        List<JournalRecord> batch = new ArrayList<>(2);
        if (threadFinished) {
            dropped.reserveInto(batch);
        }
        batch.add(record);
        if (threadFinished && sink.write(batch)) {
            sink.force();
        } else {
            dropped.note(record);
        }
    }

    /** The writer's one daemon thread. A named class: see JournalDirectory. */
    private final class WriterThread extends Thread {
        WriterThread(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            writeUntilClosed();
        }
    }

    private void writeUntilClosed() {
        List<JournalRecord> batch = new ArrayList<>();
        long forcedAt = System.nanoTime();
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(options.fsyncIntervalMs());
        long drainedThrough = 0;
        long writtenThrough = 0;
        boolean unforced = false;
        boolean stop = false;
        while (!stop) {
            // A batch held back by a failed write is retried as it was, after the sink's pause: a database
            // that failed at the commit may have committed it, and the sink finds out by the same batch.
            boolean retry = !batch.isEmpty();
            lock.lock();
            try {
                while (queue.isEmpty() && !retry && !closing) {
                    if (!unforced) {
                        recordsWaiting.await();
                    } else if (recordsWaiting.awaitNanos(forcedAt + intervalNanos - System.nanoTime()) <= 0) {
                        break;
                    }
                }
                while (!retry && !queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.pollFirst());
                }
                drainedThrough = retry ? drainedThrough : enqueued - queue.size();
                stop = closing && queue.isEmpty();
                threadStopped = stop;
                roomFreed.signalAll();
            } catch (InterruptedException interrupted) {
                stop = true;
            } finally {
                lock.unlock();
            }
            if (!retry) {
                dropped.reserveInto(batch);
            }
            if (!batch.isEmpty() && sink.write(batch)) {
                writtenThrough = drainedThrough;
                markWritten(writtenThrough);
                unforced = options.fsync() != WriteOptions.Fsync.NONE || stop;
                batch.clear();
            }
            boolean due = options.fsync() == WriteOptions.Fsync.ALWAYS || stop
                    || System.nanoTime() - forcedAt >= intervalNanos;
            if (unforced && due && sink.force()) {
                forcedAt = System.nanoTime();
                unforced = false;
                markDurable(writtenThrough);
            } else if (options.fsync() == WriteOptions.Fsync.NONE) {
                markDurable(writtenThrough);
            }
            if (!stop && !unforced && batch.isEmpty()) {
                sink.caughtUp();
            }
        }
        // A last batch the disk refused is lost: counted, and its ids reserved with the next record written.
        for (JournalRecord lost : batch) {
            dropped.note(lost);
        }
        sink.finish();
        lock.lock();
        try {
            threadStopped = true;
            threadFinished = true;
            threadEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void markWritten(long through) {
        lock.lock();
        try {
            inSink = through;
            madeDurable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void markDurable(long through) {
        lock.lock();
        try {
            durable = Math.max(durable, through);
            madeDurable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
