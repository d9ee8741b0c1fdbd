package org.breakpilot.checkpoint;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.breakpilot.checkpoint.internal.CheckpointIds;

/**
 * One retained checkpoint as a single small object: the number of its id, its time in microseconds and
 * its name and snapshots, linked into creation order. The {@link Checkpoint} record, its id string and
 * its {@code Instant} are made when someone asks for it, because most retained checkpoints are never
 * read; keeping the three would cost about 110 bytes per checkpoint.
 *
 * <p>A checkpoint whose id is not {@code <sessionId>:<n>} or whose timestamp is not a whole
 * microsecond (imported ones can be either) is kept whole, as an {@link Imported}.
 */
class RetainedNode {

    /** Seconds within which microseconds since the epoch fit a {@code long}, with room to spare. */
    private static final long MAX_MICROS_SECONDS = 9_000_000_000_000L;

    /** The n of the id {@code <sessionId>:<n>}; 0 for a node that keeps its checkpoint whole. */
    final long number;
    final long epochMicros;
    final String name;
    final Map<String, Object> data;
    final Map<String, Object> metadata;
    RetainedNode older;
    RetainedNode newer;

    RetainedNode(long number, long epochMicros, String name, Map<String, Object> data, Map<String, Object> metadata) {
        this.number = number;
        this.epochMicros = epochMicros;
        this.name = name;
        this.data = data;
        this.metadata = metadata;
    }

    /** The node of {@code checkpoint}, compact when its id is as this session issues them and its time a whole microsecond. */
    static RetainedNode of(Checkpoint checkpoint, String sessionId) {
        long number = CheckpointIds.issuedNumber(sessionId, checkpoint.id());
        Instant timestamp = checkpoint.timestamp();
        if (number > 0 && timestamp.getNano() % 1_000 == 0 && Math.abs(timestamp.getEpochSecond()) < MAX_MICROS_SECONDS) {
            return new RetainedNode(number, microsOf(timestamp), checkpoint.name(), checkpoint.data(),
                    checkpoint.metadata());
        }
        return new Imported(checkpoint);
    }

    /** The checkpoint this node holds, in session {@code idPrefix}. */
    Checkpoint checkpoint(String idPrefix) {
        return new Checkpoint(idPrefix.concat(Long.toString(number)), name, instantOf(epochMicros), data, metadata);
    }

    static Instant instantOf(long epochMicros) {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
    }

    /**
     * By hand rather than with {@code ChronoUnit.MICROS.between}, which is not inlined into
     * {@code create}: the {@code Instant} of {@code Instant.now()} then escapes, 24 bytes more per
     * recorded call (CallBenchmark).
     */
    static long microsOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /** A node that keeps its checkpoint whole, because its id or timestamp has no compact form. */
    static final class Imported extends RetainedNode {
        private final Checkpoint checkpoint;

        Imported(Checkpoint checkpoint) {
            super(0, 0, checkpoint.name(), checkpoint.data(), checkpoint.metadata());
            this.checkpoint = checkpoint;
        }

        @Override
        Checkpoint checkpoint(String idPrefix) {
            return checkpoint;
        }

        String id() {
            return checkpoint.id();
        }
    }
}
