package org.breakpilot.checkpoint.jmx;

import java.beans.ConstructorProperties;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.internal.IsoTimestamps;
import org.breakpilot.checkpoint.internal.JsonText;

/**
 * A checkpoint as JMX shows it: a CompositeData of five strings (data and metadata as JSON), so a
 * client with none of our classes reads it whole.
 */
public final class CheckpointData {

    private final String id;
    private final String name;
    private final String timestamp;
    private final String data;
    private final String metadata;

    /** For the MXBean framework, which rebuilds the value on a client that has this class. */
    @ConstructorProperties({"id", "name", "timestamp", "data", "metadata"})
    public CheckpointData(String id, String name, String timestamp, String data, String metadata) {
        this.id = id;
        this.name = name;
        this.timestamp = timestamp;
        this.data = data;
        this.metadata = metadata;
    }

    /** The JMX view of {@code checkpoint}. */
    public static CheckpointData of(Checkpoint checkpoint) {
        return new CheckpointData(checkpoint.id(), checkpoint.name(), IsoTimestamps.format(checkpoint.timestamp()),
                JsonText.of(checkpoint.data()), JsonText.of(checkpoint.metadata()));
    }

    /** {@code <session>:<n>}. */
    public String getId() {
        return id;
    }

    /** The checkpoint's name. */
    public String getName() {
        return name;
    }

    /** ISO-8601, UTC, microseconds. */
    public String getTimestamp() {
        return timestamp;
    }

    /** The data as JSON. */
    public String getData() {
        return data;
    }

    /** The metadata as JSON. */
    public String getMetadata() {
        return metadata;
    }
}
