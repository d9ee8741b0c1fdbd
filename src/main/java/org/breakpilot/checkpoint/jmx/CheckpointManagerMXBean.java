package org.breakpilot.checkpoint.jmx;

import java.util.Map;

/**
 * One session's checkpoints over JMX, as
 * {@code org.breakpilot.checkpoint:type=CheckpointManager,session=<quoted id>}. Open types only: a
 * generic client (JConsole, VisualVM, jmxterm) shows every attribute and can call every operation.
 * Bad arguments fail with an {@link IllegalArgumentException} whose message says what was wrong, and
 * change nothing.
 */
public interface CheckpointManagerMXBean {

    /** The session id. */
    String getSessionId();

    /** How many checkpoints are retained. */
    int getTotalCount();

    /** How many distinct names they have. */
    int getUniqueNames();

    /** Per name, how many are retained. */
    Map<String, Integer> getNameCounts();

    /** The oldest retained checkpoint, or null. */
    CheckpointData getFirstCheckpoint();

    /** The newest retained checkpoint, or null. */
    CheckpointData getLastCheckpoint();

    /** Seconds from the first checkpoint to the last. */
    double getDurationSeconds();

    /** The most checkpoints retained. */
    int getMaxCheckpoints();

    /** Sets the most checkpoints retained (at least 1); evicts at once. */
    void setMaxCheckpoints(int maxCheckpoints);

    /** The count above which checkpoints are compressed. */
    int getCompressAfter();

    /** Sets the count above which checkpoints are compressed (at least 1); compresses at once. */
    void setCompressAfter(int compressAfter);

    /** The summary as JSON with the reference's keys. */
    String summaryJson();

    /** Every retained checkpoint in the interchange format. */
    String exportJson();

    /** Imports checkpoints in the interchange format, all or nothing; returns how many. */
    int importJson(String json);

    /** The data of checkpoint {@code id} as JSON, to roll back to; changes nothing. */
    String rollbackTo(String id);

    /** The newest checkpoint named {@code name}. */
    CheckpointData latest(String name);

    /** The checkpoints named {@code name}, newest first. */
    CheckpointData[] byName(String name);

    /** The checkpoints strictly after an ISO-8601 timestamp. */
    CheckpointData[] since(String isoTimestamp);

    /** The checkpoints between two ISO-8601 timestamps, inclusive. */
    CheckpointData[] between(String isoStart, String isoEnd);

    /** Removes every retained checkpoint; returns how many there were. */
    int clear();

    /**
     * Removes every checkpoint after checkpoint {@code id}, durably, so that the next run of the session
     * repeats the steps after it; returns how many were removed.
     */
    int rewindTo(String id);

    /** Starts session {@code newSessionId} from this session's history up to checkpoint {@code id}. */
    String fork(String id, String newSessionId);
}
