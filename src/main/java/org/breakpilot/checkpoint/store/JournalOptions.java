package org.breakpilot.checkpoint.store;

import java.nio.file.Path;
import java.util.Objects;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * How the journal stores checkpoints: where, in segments of what size, and the {@link WriteOptions} every
 * store shares, whose settings it also answers for. Built with {@link #builder(Path)}, which names each
 * setting and holds the defaults.
 *
 * @param directory    where the journal lives
 * @param segmentBytes the size at which a segment is closed and a new one begun, which may start a
 *                     compaction
 * @param writing      how changes are written
 */
public record JournalOptions(Path directory, long segmentBytes, WriteOptions writing) {

    /** Checks every setting. */
    public JournalOptions {
        Objects.requireNonNull(directory, "directory must not be null");
        Objects.requireNonNull(writing, "writing must not be null");
        WriteOptions.requireAtLeast("segmentBytes", segmentBytes, 4096);
    }

    /** @see WriteOptions#fsync() */
    public WriteOptions.Fsync fsync() {
        return writing.fsync();
    }

    /** @see WriteOptions#fsyncIntervalMs() */
    public int fsyncIntervalMs() {
        return writing.fsyncIntervalMs();
    }

    /** @see WriteOptions#onFull() */
    public WriteOptions.OnFull onFull() {
        return writing.onFull();
    }

    /** @see WriteOptions#queueSize() */
    public int queueSize() {
        return writing.queueSize();
    }

    /** @see WriteOptions#writeTimeoutMs() */
    public int writeTimeoutMs() {
        return writing.writeTimeoutMs();
    }

    /** @see WriteOptions#retention() */
    public RetentionPolicy retention() {
        return writing.retention();
    }

    /** @see WriteOptions#maxReplaySteps() */
    public int maxReplaySteps() {
        return writing.maxReplaySteps();
    }

    /** @see WriteOptions#readLimits() */
    public JsonReadLimits readLimits() {
        return writing.readLimits();
    }

    /** @see WriteOptions#encoding() */
    public JournalEncoding encoding() {
        return writing.encoding();
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
        private WriteOptions.Fsync fsync = WriteOptions.DEFAULT.fsync();
        private int fsyncIntervalMs = WriteOptions.DEFAULT.fsyncIntervalMs();
        private WriteOptions.OnFull onFull = WriteOptions.DEFAULT.onFull();
        private int queueSize = WriteOptions.DEFAULT.queueSize();
        private int writeTimeoutMs = WriteOptions.DEFAULT.writeTimeoutMs();
        private long segmentBytes = 16L * 1024 * 1024;
        private RetentionPolicy retention = WriteOptions.DEFAULT.retention();
        private int maxReplaySteps = WriteOptions.DEFAULT.maxReplaySteps();
        private JsonReadLimits readLimits = WriteOptions.DEFAULT.readLimits();
        private JournalEncoding encoding = WriteOptions.DEFAULT.encoding();

        private Builder(Path directory) {
            this.directory = directory;
        }

        private Builder(JournalOptions options) {
            directory = options.directory();
            segmentBytes = options.segmentBytes();
            writing(options.writing());
        }

        /** Takes every setting of {@code writing}. */
        public Builder writing(WriteOptions writing) {
            fsync = writing.fsync();
            fsyncIntervalMs = writing.fsyncIntervalMs();
            onFull = writing.onFull();
            queueSize = writing.queueSize();
            writeTimeoutMs = writing.writeTimeoutMs();
            retention = writing.retention();
            maxReplaySteps = writing.maxReplaySteps();
            readLimits = writing.readLimits();
            encoding = writing.encoding();
            return this;
        }

        /** @see JournalOptions#directory() */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** @see JournalOptions#fsync() */
        public Builder fsync(WriteOptions.Fsync fsync) {
            this.fsync = fsync;
            return this;
        }

        /** @see JournalOptions#fsyncIntervalMs() */
        public Builder fsyncIntervalMs(int fsyncIntervalMs) {
            this.fsyncIntervalMs = fsyncIntervalMs;
            return this;
        }

        /** @see JournalOptions#onFull() */
        public Builder onFull(WriteOptions.OnFull onFull) {
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
            return new JournalOptions(directory, segmentBytes, new WriteOptions(fsync, fsyncIntervalMs, onFull, queueSize,
                    writeTimeoutMs, retention, maxReplaySteps, readLimits, encoding));
        }
    }
}
