package org.breakpilot.checkpoint.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * How the journal stores checkpoints.
 *
 * @param directory       where the journal lives
 * @param fsync           when records are forced to disk
 * @param fsyncIntervalMs with {@link Fsync#BATCH}, the longest a written record waits for its fsync
 * @param onFull          what {@code create} does when the writer is this far behind
 * @param queueSize       records waiting for the writer at most
 * @param writeTimeoutMs  the longest a {@code create} waits, for room ({@link OnFull#BLOCK}) or for its
 *                        fsync ({@link Fsync#ALWAYS})
 * @param segmentBytes    the size at which a segment is closed and a new one begun, which may start a
 *                        compaction
 * @param retention       the managers' retention, which compaction applies
 * @param maxReplaySteps  replay results kept per open session
 * @param readLimits      the limits records are read within when the journal is opened, though never below
 *                        {@link JsonReadLimits#DEFAULT}: a limit lowered since a record was written must not
 *                        make it unreadable
 * @param encoding        how records are written: plain, or encrypted
 */
public record JournalOptions(Path directory, Fsync fsync, int fsyncIntervalMs, OnFull onFull, int queueSize,
                             int writeTimeoutMs, long segmentBytes, RetentionPolicy retention, int maxReplaySteps,
                             JsonReadLimits readLimits, JournalEncoding encoding) {

    /** When records are forced to disk. */
    public enum Fsync {
        /** Before {@code create} returns, shared by the threads that wait together (group commit). */
        ALWAYS,
        /** Within {@code fsyncIntervalMs} of being written, and at a normal exit. */
        BATCH,
        /** When the operating system decides; written to it promptly, and forced at a normal exit. */
        NONE
    }

    /** What {@code create} does when {@code queueSize} records already wait for the writer. */
    public enum OnFull {
        /** The record is kept in memory but not journaled; counted, with one warning. */
        DROP,
        /** {@code create} waits for room, at most {@code writeTimeoutMs}, then drops. */
        BLOCK
    }

    /** How an option's value is written: {@code always}, {@code drop}, ... */
    public static String optionText(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Checks every setting. */
    public JournalOptions {
        Objects.requireNonNull(directory, "directory must not be null");
        Objects.requireNonNull(fsync, "fsync must not be null");
        Objects.requireNonNull(onFull, "onFull must not be null");
        Objects.requireNonNull(retention, "retention must not be null");
        Objects.requireNonNull(encoding, "encoding must not be null");
        Objects.requireNonNull(readLimits, "readLimits must not be null");
        requireAtLeast("fsyncIntervalMs", fsyncIntervalMs, 1);
        requireAtLeast("queueSize", queueSize, 1);
        requireAtLeast("writeTimeoutMs", writeTimeoutMs, 1);
        requireAtLeast("segmentBytes", segmentBytes, 4096);
        requireAtLeast("maxReplaySteps", maxReplaySteps, 0);
    }

    /** Settings for a plaintext journal read within the default limits. */
    public JournalOptions(Path directory, Fsync fsync, int fsyncIntervalMs, OnFull onFull, int queueSize,
                          int writeTimeoutMs, long segmentBytes, RetentionPolicy retention, int maxReplaySteps) {
        this(directory, fsync, fsyncIntervalMs, onFull, queueSize, writeTimeoutMs, segmentBytes, retention,
                maxReplaySteps, JsonReadLimits.DEFAULT, JournalEncoding.plain());
    }

    /** These settings with records written in {@code encoding}. */
    public JournalOptions withEncoding(JournalEncoding encoding) {
        return new JournalOptions(directory, fsync, fsyncIntervalMs, onFull, queueSize, writeTimeoutMs, segmentBytes,
                retention, maxReplaySteps, readLimits, encoding);
    }

    /** The defaults, in {@code directory}. */
    public static JournalOptions defaults(Path directory, RetentionPolicy retention) {
        return new JournalOptions(directory, Fsync.BATCH, 50, OnFull.DROP, 65_536, 5_000, 16L * 1024 * 1024,
                retention, 100_000);
    }

    private static void requireAtLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be >= " + least + ", got " + value);
        }
    }
}
