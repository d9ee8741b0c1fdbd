package org.breakpilot.checkpoint.console;

import java.time.Instant;
import java.util.Locale;

/**
 * One checkpoint as the tab draws it: a row of {@code RecentCheckpoints}, or a {@code created}
 * notification read the same way.
 *
 * @param id            {@code <session>:<n>}
 * @param sequence      the {@code <n>} of the id, which orders the session's checkpoints (0 for an id of
 *                      another form)
 * @param name          the checkpoint's name, the timeline's lane
 * @param timestamp     when it was created: a recorded call's exit
 * @param durationNanos how long the recorded call took, or -1 for a checkpoint with no duration
 * @param outcome       {@code returned}, {@code threw}, {@code entered} or {@code created}
 */
record CheckpointMark(String id, long sequence, String name, Instant timestamp, long durationNanos, String outcome) {

    /** Whether the recorded call threw. */
    boolean threw() {
        return "threw".equals(outcome);
    }

    /** When the call began: its exit less its duration; the timestamp itself for an instant. */
    Instant start() {
        return durationNanos > 0 ? timestamp.minusNanos(durationNanos) : timestamp;
    }

    /** The duration as people read it, or an empty string for an instant. */
    String durationText() {
        if (durationNanos < 0) {
            return "";
        }
        if (durationNanos >= 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f s", durationNanos / 1e9);
        }
        return durationNanos >= 1_000_000 ? String.format(Locale.ROOT, "%.1f ms", durationNanos / 1e6)
                : String.format(Locale.ROOT, "%.1f µs", durationNanos / 1e3);
    }
}
