package org.breakpilot.checkpoint.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RecordSink} does when its disk or database fails: warns once per stretch of failures and
 * pauses before the writer retries, each pause twice the last up to a longest one, so that a store that
 * stays away is not hammered and one that comes back is written to soon. Used by the writer's thread only.
 */
final class FailurePause {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(FailurePause.class);
    }

    private final String store;
    private final long firstMillis;
    private final long longestMillis;
    private long nextMillis;
    private boolean warned;

    /** @param store the store in the warning: {@code checkpoint journal /var/lib/app/journal} */
    FailurePause(String store, long firstMillis, long longestMillis) {
        this.store = store;
        this.firstMillis = firstMillis;
        this.longestMillis = longestMillis;
        this.nextMillis = firstMillis;
    }

    /** Warns (the first time since the last success) and pauses. */
    void after(Exception failure) {
        if (!warned) {
            warned = true;
            Log.LOG.warn("Cannot write {} ({}); retrying, the application keeps running", store,
                    failure.getMessage() == null ? failure.toString() : failure.getMessage());
        }
        try {
            Thread.sleep(nextMillis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        nextMillis = Math.min(longestMillis, nextMillis * 2);
    }

    /** A write went through: the next failure is warned of again, and pauses start short again. */
    void succeeded() {
        warned = false;
        nextMillis = firstMillis;
    }
}
