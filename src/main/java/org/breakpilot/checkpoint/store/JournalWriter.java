package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.breakpilot.checkpoint.CheckpointIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to the active segment on one background thread. Callers only queue a record (under
 * their manager's lock, so the journal's order is the managers' order); the writer drains the queue
 * in batches, frames and writes each batch with one system call, and forces it to disk as
 * {@link JournalOptions.Fsync} says. With {@code ALWAYS}, every thread waiting in
 * {@link #awaitDurable(long)} is released by the one fsync that covered its record: concurrent threads
 * share fsyncs (group commit).
 *
 * <p>A failing disk never stops the application: the writer keeps its batch and retries, the queue
 * fills, and {@link JournalOptions.OnFull} applies to further records; waits are bounded by
 * {@code writeTimeoutMs}.
 */
final class JournalWriter {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    }
    private static final int MAX_BATCH = 4096;
    private static final long RETRY_MILLIS = 200;

    private final JournalDirectory directory;
    private final JournalOptions options;
    private final Compactor compactor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition recordsWaiting = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    private final Condition madeDurable = lock.newCondition();
    private final ArrayDeque<JournalRecord> queue = new ArrayDeque<>();
    private long enqueued;
    private long durable;
    private boolean closing;
    private final AtomicLong dropped = new AtomicLong();
    /** Per session, the newest id of a dropped record: journaled as a Reserved record with the next batch. */
    private final ConcurrentHashMap<String, Long> droppedIds = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final AtomicBoolean warnedFailing = new AtomicBoolean();
    private final AtomicBoolean warnedSlow = new AtomicBoolean();
    // Made by the writer thread with its first record: Jackson's start-up is not premain's to pay.
    private JournalEncoding.RecordWriter encoder;
    private final Thread thread;
    private FileChannel segment;
    private long segmentNumber;
    private long segmentSize;

    /**
     * @param firstSegment    the number of the segment to create when the first record is written
     * @param compactor       told of each segment closed, on the writer thread
     */
    JournalWriter(JournalDirectory directory, JournalOptions options, long firstSegment, Compactor compactor) {
        this.directory = directory;
        this.options = options;
        this.compactor = compactor;
        // Created on the writer thread with the first record: its two fsyncs are not start-up's to pay.
        this.segmentNumber = firstSegment;
        thread = new WriterThread();
        thread.start();
    }

    /**
     * Queues {@code record}; returns its token for {@link #awaitDurable}, or 0 when it was dropped.
     */
    long append(JournalRecord record) {
        lock.lock();
        try {
            if (closing) {
                noteDropped(record);
                return 0;
            }
            if (queue.size() >= options.queueSize() && !waitForRoom()) {
                noteDropped(record);
                if (warnedFull.compareAndSet(false, true)) {
                    Log.LOG.warn("Checkpoint journal {} is {} records behind; checkpoints are kept in memory but not"
                            + " journaled until it catches up (onFull={}, counted as dropped)", directory.path(),
                            options.queueSize(), JournalOptions.optionText(options.onFull()));
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

    /** With {@code fsync=always}, waits (at most {@code writeTimeoutMs}) until the record is on disk. */
    void awaitDurable(long token) {
        if (token == 0 || options.fsync() != JournalOptions.Fsync.ALWAYS) {
            return;
        }
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(options.writeTimeoutMs());
            while (durable < token && !closing && nanos > 0) {
                nanos = madeDurable.awaitNanos(nanos);
            }
            if (durable < token && !closing && warnedSlow.compareAndSet(false, true)) {
                Log.LOG.warn("Checkpoint journal {} took over {} ms to fsync; create returned before its record was"
                        + " durable (writeTimeoutMs; logged once)", directory.path(), options.writeTimeoutMs());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a record not journaled, and remembers its id: the manager handed it out, and a restart must
     * not hand it out again even though no record of it survives.
     */
    private void noteDropped(JournalRecord record) {
        dropped.incrementAndGet();
        if (record instanceof JournalRecord.Created created) {
            long number = CheckpointIds.number(record.session(), created.checkpoint().id());
            if (number > 0) {
                droppedIds.merge(record.session(), number, Math::max);
            }
        }
    }

    /** Adds a Reserved record for each session with dropped ids since the last batch. */
    private void reserveDroppedIds(List<JournalRecord> batch) {
        for (String session : droppedIds.keySet()) {
            Long through = droppedIds.remove(session);
            if (through != null) {
                batch.add(new JournalRecord.Reserved(session, through));
            }
        }
    }

    long dropped() {
        return dropped.get();
    }

    long written() {
        return written.get();
    }

    long fsyncs() {
        return fsyncs.get();
    }

    /** Writes what is queued, forces it, and stops the writer. */
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
        if (options.onFull() != JournalOptions.OnFull.BLOCK) {
            return false;
        }
        long nanos = TimeUnit.MILLISECONDS.toNanos(options.writeTimeoutMs());
        try {
            while (queue.size() >= options.queueSize() && !closing && nanos > 0) {
                nanos = roomFreed.awaitNanos(nanos);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return queue.size() < options.queueSize() && !closing;
    }

    /** The writer's one daemon thread. A named class: see JournalDirectory. */
    private final class WriterThread extends Thread {
        WriterThread() {
            super("checkpoint-journal-writer");
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
            lock.lock();
            try {
                // A batch held back by a failed write is retried (after pauseAfter's pause) with no new record.
                while (queue.isEmpty() && batch.isEmpty() && !closing) {
                    if (!unforced) {
                        recordsWaiting.await();
                    } else if (recordsWaiting.awaitNanos(forcedAt + intervalNanos - System.nanoTime()) <= 0) {
                        break;
                    }
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.pollFirst());
                }
                drainedThrough = enqueued - queue.size();
                stop = closing && queue.isEmpty();
                roomFreed.signalAll();
            } catch (InterruptedException interrupted) {
                stop = true;
            } finally {
                lock.unlock();
            }
            if (!droppedIds.isEmpty()) {
                reserveDroppedIds(batch);
            }
            if (!batch.isEmpty() && write(batch)) {
                writtenThrough = drainedThrough;
                unforced = options.fsync() != JournalOptions.Fsync.NONE || stop;
                batch.clear();
            }
            boolean due = options.fsync() == JournalOptions.Fsync.ALWAYS || stop
                    || System.nanoTime() - forcedAt >= intervalNanos;
            if (unforced && due && force()) {
                forcedAt = System.nanoTime();
                unforced = false;
                markDurable(writtenThrough);
            } else if (options.fsync() == JournalOptions.Fsync.NONE) {
                markDurable(writtenThrough);
            }
            if (!stop && segment != null && segmentSize >= options.segmentBytes() && !unforced) {
                rotate();
            }
        }
        closeSegment();
    }

    /** Writes the batch in one go; on failure rolls the segment back to its last good size. */
    private boolean write(List<JournalRecord> batch) {
        List<byte[]> payloads = new ArrayList<>(batch.size());
        int size = 0;
        int checkpointRecords = 0;
        for (JournalRecord record : batch) {
            try {
                if (encoder == null) {
                    encoder = options.encoding().newWriter();
                }
                byte[] payload = encoder.payload(record);
                payloads.add(payload);
                size += SegmentFormat.FRAME_OVERHEAD + payload.length;
                // Reservations are the journal's own bookkeeping, not records anyone asked for.
                checkpointRecords += record instanceof JournalRecord.Reserved ? 0 : 1;
            } catch (RuntimeException unencodable) {
                noteDropped(record);
                Log.LOG.warn("Could not journal a record of session {}: {}", record.session(), unencodable.toString());
            }
        }
        if (segment == null && !openFirstSegment()) {
            return false;
        }
        ByteBuffer frames = ByteBuffer.allocate(size);
        for (byte[] payload : payloads) {
            SegmentFormat.frame(payload, frames);
        }
        frames.flip();
        try {
            // segmentSize moves only once the whole batch is in: a write cut short (a full disk writes what
            // fits, then fails) is truncated away by rollBack, not left as a torn record before the retry.
            long end = segmentSize;
            while (frames.hasRemaining()) {
                end += segment.write(frames, end);
            }
            segmentSize = end;
            written.addAndGet(checkpointRecords);
            warnedFailing.set(false);
            return true;
        } catch (IOException | RuntimeException failed) {
            rollBack(failed);
            return false;
        }
    }

    private boolean openFirstSegment() {
        try {
            openSegment(segmentNumber);
            return true;
        } catch (IOException | RuntimeException failed) {
            pauseAfter(failed);
            return false;
        }
    }

    private boolean force() {
        if (segment == null) {
            return true;
        }
        try {
            segment.force(false);
            fsyncs.incrementAndGet();
            return true;
        } catch (IOException | RuntimeException failed) {
            rollBack(failed);
            return false;
        }
    }

    /** Forgets a partly written batch so that no torn record sits between good ones, then pauses. */
    private void rollBack(Exception failure) {
        try {
            long goodSize = segment.size();
            segment.truncate(Math.min(goodSize, segmentSize));
        } catch (IOException | RuntimeException ignored) {
            // The next write goes to the same offset and overwrites whatever is there.
        }
        pauseAfter(failure);
    }

    private void pauseAfter(Exception failure) {
        if (warnedFailing.compareAndSet(false, true)) {
            Log.LOG.warn("Cannot write checkpoint journal {} ({}); retrying, the application keeps running",
                    directory.path(), failure.toString());
        }
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
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

    /** Seals the segment; the next one is created with the next record. */
    private void rotate() {
        long sealed = segmentNumber;
        closeSegment();
        segment = null;
        segmentNumber = sealed + 1;
        compactor.sealed(sealed);
    }

    private void openSegment(long number) throws IOException {
        byte[] header = options.encoding().header();
        segment = directory.createFile(directory.segment(number), header);
        segmentNumber = number;
        segmentSize = header.length;
    }

    private void closeSegment() {
        if (segment == null) {
            return;
        }
        try {
            segment.force(true);
            segment.close();
        } catch (IOException | RuntimeException failed) {
            Log.LOG.warn("Could not close checkpoint journal segment {}: {}", segmentNumber, failed.toString());
        }
    }
}
