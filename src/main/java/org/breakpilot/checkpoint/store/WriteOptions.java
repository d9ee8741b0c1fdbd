package org.breakpilot.checkpoint.store;

import java.util.Locale;
import java.util.Objects;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * How a store writes what the managers change, whichever store it is (the journal, PostgreSQL): when a
 * change is durable, what a {@code create} does when the writer is behind, and what is kept and read back.
 *
 * @param fsync           when changes are made durable
 * @param fsyncIntervalMs with {@link Fsync#BATCH}, the longest a written change waits to be durable
 * @param onFull          what {@code create} does when the writer is this far behind
 * @param queueSize       changes waiting for the writer at most
 * @param writeTimeoutMs  the longest a {@code create} waits, for room ({@link OnFull#BLOCK}) or to be durable
 *                        ({@link Fsync#ALWAYS})
 * @param retention       the managers' retention, which compaction applies
 * @param maxReplaySteps  replay results kept per open session
 * @param readLimits      the limits records are read within, though never below {@link JsonReadLimits#DEFAULT}:
 *                        a limit lowered since a record was written must not make it unreadable
 * @param encoding        how records are written: plain, or encrypted
 */
public record WriteOptions(Fsync fsync, int fsyncIntervalMs, OnFull onFull, int queueSize, int writeTimeoutMs,
                           RetentionPolicy retention, int maxReplaySteps, JsonReadLimits readLimits,
                           JournalEncoding encoding) {

    /** The defaults of the agent's options, whose documentation lists them. */
    public static final WriteOptions DEFAULT = new WriteOptions(Fsync.BATCH, 50, OnFull.DROP, 65_536, 5_000,
            RetentionPolicy.DEFAULT, 100_000, JsonReadLimits.DEFAULT, JournalEncoding.plain());

    /** When changes are made durable. */
    public enum Fsync {
        /** Before {@code create} returns, shared by the threads that wait together (group commit). */
        ALWAYS,
        /** Within {@code fsyncIntervalMs} of being written, and at a normal exit. */
        BATCH,
        /** When the operating system (or the database) decides; written promptly, and forced at a normal exit. */
        NONE
    }

    /** What {@code create} does when {@code queueSize} changes already wait for the writer. */
    public enum OnFull {
        /** The checkpoint is kept in memory but not stored; counted, with one warning. */
        DROP,
        /** {@code create} waits for room, at most {@code writeTimeoutMs}, then drops. */
        BLOCK
    }

    /** How an option's value is written: {@code always}, {@code drop}, ... */
    public static String optionText(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Checks every setting. */
    public WriteOptions {
        Objects.requireNonNull(fsync, "fsync must not be null");
        Objects.requireNonNull(onFull, "onFull must not be null");
        Objects.requireNonNull(retention, "retention must not be null");
        Objects.requireNonNull(encoding, "encoding must not be null");
        Objects.requireNonNull(readLimits, "readLimits must not be null");
        requireAtLeast("fsyncIntervalMs", fsyncIntervalMs, 1);
        requireAtLeast("queueSize", queueSize, 1);
        requireAtLeast("writeTimeoutMs", writeTimeoutMs, 1);
        requireAtLeast("maxReplaySteps", maxReplaySteps, 0);
    }

    static void requireAtLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be >= " + least + ", got " + value);
        }
    }
}
