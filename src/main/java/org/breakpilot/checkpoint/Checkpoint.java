package org.breakpilot.checkpoint;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded checkpoint: a semantic name, when it was taken, and immutable snapshots of its data
 * and metadata.
 *
 * <p>{@code data} and {@code metadata} are deep immutable copies made when the record is built:
 * maps become unmodifiable insertion-ordered maps with string keys, collections and arrays become
 * unmodifiable lists, and leaves are JSON-compatible values ({@code null}, {@code String},
 * {@code Boolean}, numbers). Changing the map a caller passed in changes nothing recorded.
 *
 * @param id        unique within its session: {@code <sessionId>:<n>}
 * @param name      the semantic name, such as {@code "task_started"}
 * @param timestamp when it was taken, to the microsecond
 * @param data      the checkpoint's data; {@code null} is taken as empty
 * @param metadata  additional metadata; {@code null} is taken as empty
 */
public record Checkpoint(String id, String name, Instant timestamp,
                         Map<String, Object> data, Map<String, Object> metadata) {

    /**
     * Validates the fields and takes deep immutable snapshots of data and metadata.
     *
     * @throws NullPointerException     when id, name or timestamp is null
     * @throws IllegalArgumentException when data or metadata holds a value that is not JSON-compatible
     */
    public Checkpoint {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(timestamp, "timestamp must not be null");
        data = FrozenJsonCopies.ofMap(data, "data");
        metadata = FrozenJsonCopies.ofMap(metadata, "metadata");
    }
}
