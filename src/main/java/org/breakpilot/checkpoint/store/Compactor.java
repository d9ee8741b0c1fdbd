package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shrinks the journal to what the sessions retain, in the background. It replays the sealed files
 * (the newest snapshot and the segments after it, up to the last sealed one) into fresh managers with
 * the same retention, writes every session's state into a temporary file, forces it, renames it to
 * {@code snapshot-<n>.log} and forces the directory; only then does it delete what the snapshot
 * stands for. A crash at any step leaves either the old files or the new snapshot complete, and
 * opening prefers the newest snapshot and deletes what it covers: nothing is lost.
 *
 * <p>It never touches the active segment, so the writer goes on while it works.
 */
final class Compactor {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    }

    private final JournalDirectory directory;
    private final JournalOptions options;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(new CompactorThreads());
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicBoolean warnedFailing = new AtomicBoolean();
    private volatile boolean closed;

    Compactor(JournalDirectory directory, JournalOptions options) {
        this.directory = directory;
        this.options = options;
    }

    /** Segments up to {@code segment} are sealed: compacts them when they outweigh the last snapshot. */
    void sealed(long segment) {
        thread.execute(new Compaction(segment));
    }

    /** Compacts through one sealed segment, when it is worth it. A named class: see JournalDirectory. */
    private final class Compaction implements Runnable {
        private final long through;

        Compaction(long through) {
            this.through = through;
        }

        @Override
        public void run() {
            try {
                if (!closed && worthCompacting(through)) {
                    compact(directory, options, through);
                    compactions.incrementAndGet();
                    warnedFailing.set(false);
                }
            } catch (IOException | RuntimeException failed) {
                // Once until one succeeds: on a full disk every sealed segment's compaction fails alike.
                if (warnedFailing.compareAndSet(false, true)) {
                    Log.LOG.warn("Could not compact checkpoint journal {} ({}); it keeps growing until a later try"
                            + " succeeds", directory.path(), failed.toString());
                }
            }
        }
    }

    /** The compactor's one daemon thread. */
    private static final class CompactorThreads implements ThreadFactory {
        @Override
        public Thread newThread(Runnable runnable) {
            Thread compactor = new Thread(runnable, "checkpoint-journal-compactor");
            compactor.setDaemon(true);
            return compactor;
        }
    }

    long compactions() {
        return compactions.get();
    }

    /** Lets a compaction under way finish (an interrupt would only waste it) and skips those queued. */
    void close() {
        closed = true;
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the segments written since the snapshot are larger than it, and than one segment. */
    private boolean worthCompacting(long through) throws IOException {
        long snapshot = directory.newestSnapshot();
        long snapshotBytes = snapshot < 0 ? 0 : Files.size(directory.snapshot(snapshot));
        long sealedBytes = 0;
        for (long segment : directory.segments()) {
            if (segment > snapshot && segment <= through) {
                sealedBytes += Files.size(directory.segment(segment));
            }
        }
        return sealedBytes >= Math.max(snapshotBytes, options.segmentBytes());
    }

    /** Replaces the snapshot and the segments up to {@code through} with one new snapshot. */
    static void compact(JournalDirectory directory, JournalOptions options, long through) throws IOException {
        long previous = directory.newestSnapshot();
        JournalState state = new JournalState(options.retention(), options.maxReplaySteps());
        RecordCodec.Decoder decoder = new RecordCodec.Decoder(options.readLimits());
        if (previous >= 0) {
            SegmentReader.readWhole(directory.snapshot(previous), options.encoding(), decoder, state);
        }
        List<Long> covered = directory.segments().stream().filter(s -> s > previous && s <= through).toList();
        for (long segment : covered) {
            SegmentReader.Report report = SegmentReader.read(directory.segment(segment), false, options.encoding(),
                    decoder, state);
            if (!report.clean()) {
                Log.LOG.warn("Compacting checkpoint journal {}: {}", directory.path(), report.describe());
            }
        }
        writeSnapshot(directory, options.encoding(), state, through);
        if (previous >= 0 && previous != through) {
            Files.deleteIfExists(directory.snapshot(previous));
        }
        for (long segment : covered) {
            Files.deleteIfExists(directory.segment(segment));
        }
    }

    /** Writes every session of {@code state} as snapshot {@code number}, atomically and durably. */
    static void writeSnapshot(JournalDirectory directory, JournalEncoding encoding, JournalState state, long number)
            throws IOException {
        Path target = directory.snapshot(number);
        Path temporary = directory.temporaryFor(target);
        Files.deleteIfExists(temporary);
        byte[] header = encoding.header();
        JournalEncoding.RecordWriter records = encoding.newWriter();
        try (FileChannel out = directory.createFile(temporary, header)) {
            long position = header.length;
            for (JournalState.Session session : state.sessions().values()) {
                byte[] payload = records.payload(session.snapshot());
                ByteBuffer frame = ByteBuffer.allocate(SegmentFormat.FRAME_OVERHEAD + payload.length);
                SegmentFormat.frame(payload, frame);
                frame.flip();
                while (frame.hasRemaining()) {
                    position += out.write(frame, position);
                }
            }
            out.force(true);
        }
        directory.publish(temporary, target);
    }
}
