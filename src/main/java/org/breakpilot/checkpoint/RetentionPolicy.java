package org.breakpilot.checkpoint;

/**
 * How many checkpoints a {@link CheckpointManager} retains, and when it compresses them.
 *
 * <p>Once a manager holds more than {@code compressAfter} checkpoints it compresses: it keeps the
 * first checkpoint, the {@code keepRecent} newest ones, and the newest checkpoint of each name among
 * the rest. If what remains is still more than {@code maxCheckpoints}, the oldest checkpoints other
 * than the first are evicted until it fits (the checkpoint just created is always kept).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxCheckpoints the most checkpoints a manager retains, at least 1
 * @param compressAfter  the count above which a manager compresses, at least 1
 * @param keepRecent     how many of the newest checkpoints compression keeps as they are, at least 0
 */
public record RetentionPolicy(int maxCheckpoints, int compressAfter, int keepRecent) {

    /** The reference implementation's defaults: 100 retained, compress after 50, keep the last 20. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(100, 50, 20);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the setting, its value and what is accepted
     */
    public RetentionPolicy {
        requireAtLeast("maxCheckpoints", maxCheckpoints, 1);
        requireAtLeast("compressAfter", compressAfter, 1);
        requireAtLeast("keepRecent", keepRecent, 0);
    }

    private static void requireAtLeast(String setting, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(setting + " must be >= " + minimum + ", got " + value);
        }
    }
}
