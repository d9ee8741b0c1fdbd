package org.breakpilot.checkpoint.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * How the journal stores checkpoints. Built with {@link #builder(Path)}, which names each setting and
 * holds the defaults.
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

    /**
     * Settings for a journal in {@code directory}: the defaults, which the builder's methods change one by
     * one. The defaults are those of the agent's options, whose documentation lists them.
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named construction of {@link JournalOptions}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private Path directory;
        private Fsync fsync = Fsync.BATCH;
        private int fsyncIntervalMs = 50;
        private OnFull onFull = OnFull.DROP;
        private int queueSize = 65_536;
        private int writeTimeoutMs = 5_000;
        private long segmentBytes = 16L * 1024 * 1024;
        private RetentionPolicy retention = RetentionPolicy.DEFAULT;
        private int maxReplaySteps = 100_000;
        private JsonReadLimits readLimits = JsonReadLimits.DEFAULT;
        private JournalEncoding encoding = JournalEncoding.plain();

        private Builder(Path directory) {
            this.directory = directory;
        }

        private Builder(JournalOptions options) {
            directory = options.directory;
            fsync = options.fsync;
            fsyncIntervalMs = options.fsyncIntervalMs;
            onFull = options.onFull;
            queueSize = options.queueSize;
            writeTimeoutMs = options.writeTimeoutMs;
            segmentBytes = options.segmentBytes;
            retention = options.retention;
            maxReplaySteps = options.maxReplaySteps;
            readLimits = options.readLimits;
            encoding = options.encoding;
        }

        /** @see JournalOptions#directory() */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** @see JournalOptions#fsync() */
        public Builder fsync(Fsync fsync) {
            this.fsync = fsync;
            return this;
        }

        /** @see JournalOptions#fsyncIntervalMs() */
        public Builder fsyncIntervalMs(int fsyncIntervalMs) {
            this.fsyncIntervalMs = fsyncIntervalMs;
            return this;
        }

        /** @see JournalOptions#onFull() */
        public Builder onFull(OnFull onFull) {
            this.onFull = onFull;
            return this;
        }

        /** @see JournalOptions#queueSize() */
        public Builder queueSize(int queueSize) {
            this.queueSize = queueSize;
            return this;
        }

        /** @see JournalOptions#writeTimeoutMs() */
        public Builder writeTimeoutMs(int writeTimeoutMs) {
            this.writeTimeoutMs = writeTimeoutMs;
            return this;
        }

        /** @see JournalOptions#segmentBytes() */
        public Builder segmentBytes(long segmentBytes) {
            this.segmentBytes = segmentBytes;
            return this;
        }

        /** @see JournalOptions#retention() */
        public Builder retention(RetentionPolicy retention) {
            this.retention = retention;
            return this;
        }

        /** @see JournalOptions#maxReplaySteps() */
        public Builder maxReplaySteps(int maxReplaySteps) {
            this.maxReplaySteps = maxReplaySteps;
            return this;
        }

        /** @see JournalOptions#readLimits() */
        public Builder readLimits(JsonReadLimits readLimits) {
            this.readLimits = readLimits;
            return this;
        }

        /** @see JournalOptions#encoding() */
        public Builder encoding(JournalEncoding encoding) {
            this.encoding = encoding;
            return this;
        }

        /**
         * The settings, checked.
         *
         * @throws IllegalArgumentException naming the setting that is out of range, its value and the least
         *                                  accepted
         * @throws NullPointerException     naming the setting that is null
         */
        public JournalOptions build() {
            return new JournalOptions(directory, fsync, fsyncIntervalMs, onFull, queueSize, writeTimeoutMs,
                    segmentBytes, retention, maxReplaySteps, readLimits, encoding);
        }
    }

    private static void requireAtLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be >= " + least + ", got " + value);
        }
    }
}
