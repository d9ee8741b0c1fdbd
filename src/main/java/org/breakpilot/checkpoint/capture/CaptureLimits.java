package org.breakpilot.checkpoint.capture;

import org.breakpilot.checkpoint.JsonReadLimits;

/**
 * Bounds on the snapshot of one call's arguments and result. They bound the work of capturing as
 * well as its size: a capture stops walking a value once a limit is reached.
 *
 * @param maxDepth        nesting below which values become {@code "[depth limit]"}, at least 1
 * @param maxStringLength characters kept of a string before a truncation marker, at least 1
 * @param maxElements     elements kept of a collection, array or map before a marker, at least 1
 * @param maxBytes        approximate JSON bytes per call, after which values become
 *                        {@code "[size limit]"}, at least 1
 */
public record CaptureLimits(int maxDepth, int maxStringLength, int maxElements, int maxBytes) {

    /** Depth 8, strings of 1024 characters, 100 elements, 16 KiB per call. */
    public static final CaptureLimits DEFAULT = new CaptureLimits(8, 1024, 100, 16_384);

    /**
     * For results that must read back whole (replay steps): depth 64, no element limit, and strings and
     * size only within what the journal reads back ({@link JsonReadLimits}); a larger result is recorded
     * cut, so the step runs again instead of replaying something the journal could not read.
     */
    public static final CaptureLimits REPLAY = new CaptureLimits(64, JsonReadLimits.DEFAULT.maxStringLength(),
            Integer.MAX_VALUE, 64 * 1024 * 1024);

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException naming the limit, its value and the bound
     */
    public CaptureLimits {
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxStringLength", maxStringLength);
        requirePositive("maxElements", maxElements);
        requirePositive("maxBytes", maxBytes);
    }

    private static void requirePositive(String limit, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(limit + " must be >= 1, got " + value);
        }
    }
}
