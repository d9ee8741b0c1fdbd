package org.breakpilot.checkpoint.agent.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.internal.IsoTimestamps;

/**
 * Copies checkpoint values into {@code LinkedHashMap}s and {@code ArrayList}s the application owns,
 * so the api facade hands out nothing of ours, whatever class loader asks.
 */
final class MutableCopies {

    private MutableCopies() {
    }

    /** A checkpoint as the interchange format's keys: id, name, timestamp (ISO text), data, metadata. */
    static Map<String, Object> of(Checkpoint checkpoint) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("id", checkpoint.id());
        plain.put("name", checkpoint.name());
        plain.put("timestamp", IsoTimestamps.format(checkpoint.timestamp()));
        plain.put("data", copy(checkpoint.data()));
        plain.put("metadata", copy(checkpoint.metadata()));
        return plain;
    }

    /** A deep, mutable copy of a snapshot map. */
    static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(copyValue(element)));
            return copy;
        }
        return value;
    }
}
