package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment the journal appends to: frames batches into it, forces it, seals it when full. Not
 * thread-safe: the {@link JournalWriter}'s thread uses it, and after that thread has finished, callers
 * one at a time under the writer's lock. A failed write or force is rolled back so that no torn record
 * sits between good ones, and is followed by a short pause before the caller retries.
 */
final class ActiveSegment implements RecordSink {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ActiveSegment.class);
    }
    /** A failing disk is retried every 200 ms: a full disk may have room again any moment. */
    private static final long RETRY_MILLIS = 200;

    private final JournalDirectory directory;
    private final JournalOptions options;
    private final DroppedRecords dropped;
    private final Compactor compactor;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final FailurePause pause;
    // Made with the first record: Jackson's start-up is not premain's to pay.
    private JournalEncoding.RecordWriter encoder;
    private FileChannel segment;
    private long segmentNumber;
    private long segmentSize;

    /**
     * @param firstSegment the number of the segment to create when the first record is written
     * @param dropped      where records that cannot be encoded are counted
     * @param compactor    told of each segment sealed
     */
    ActiveSegment(JournalDirectory directory, JournalOptions options, long firstSegment, DroppedRecords dropped,
                  Compactor compactor) {
        this.directory = directory;
        this.options = options;
        this.dropped = dropped;
        this.compactor = compactor;
        this.pause = new FailurePause(describe(), RETRY_MILLIS, RETRY_MILLIS);
        // Created with the first record: its two fsyncs are not start-up's to pay.
        this.segmentNumber = firstSegment;
    }

    /** Writes the batch in one go; on failure rolls the segment back to its last good size. */
    @Override
    public boolean write(List<JournalRecord> batch) {
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
                dropped.note(record);
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
            pause.succeeded();
            return true;
        } catch (IOException | RuntimeException failed) {
            rollBack(failed);
            return false;
        }
    }

    private boolean openFirstSegment() {
        try {
            byte[] header = options.encoding().header();
            segment = directory.createFile(directory.segment(segmentNumber), header);
            segmentSize = header.length;
            return true;
        } catch (IOException | RuntimeException failed) {
            pause.after(failed);
            return false;
        }
    }

    /** Forces what was written to disk; true when it is there (or nothing was written). */
    @Override
    public boolean force() {
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
        pause.after(failure);
    }

    /** Seals the segment once it has reached {@code segmentBytes}, for the compactor. */
    @Override
    public void caughtUp() {
        if (segment != null && segmentSize >= options.segmentBytes()) {
            compactor.sealed(seal());
        }
    }

    /** Seals the segment: a record written by a caller after the writer's thread goes into the next one. */
    @Override
    public void finish() {
        seal();
    }

    /**
     * Forces and closes the segment; the next record creates the next one.
     *
     * @return the number of the segment closed, or -1 when none was open
     */
    private long seal() {
        if (segment == null) {
            return -1;
        }
        long sealed = segmentNumber;
        try {
            segment.force(true);
            segment.close();
        } catch (IOException | RuntimeException failed) {
            Log.LOG.warn("Could not close checkpoint journal segment {}: {}", sealed, failed.toString());
        }
        segment = null;
        segmentNumber = sealed + 1;
        return sealed;
    }

    @Override
    public String describe() {
        return "checkpoint journal " + directory.path();
    }

    @Override
    public long written() {
        return written.get();
    }

    @Override
    public long fsyncs() {
        return fsyncs.get();
    }
}
