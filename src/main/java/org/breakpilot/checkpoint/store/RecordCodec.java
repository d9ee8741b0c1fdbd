package org.breakpilot.checkpoint.store;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.IsoTimestamps;

/**
 * Encodes journal records as compact JSON objects: {@code t} the type, {@code s} the session, and a
 * checkpoint {@code c} (or a list {@code cs}) in the interchange format's keys, so a record is
 * readable with any JSON tool once its frame is stripped.
 */
final class RecordCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RecordCodec() {
    }

    static byte[] encode(JournalRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("s", record.session());
        // Pattern switches need Java 21; we build for 17.
        if (record instanceof JournalRecord.Created created) {
            json.put("t", "create");
            json.put("c", toJson(created.checkpoint()));
        } else if (record instanceof JournalRecord.Imported imported) {
            json.put("t", "import");
            json.put("cs", toJson(imported.checkpoints()));
        } else if (record instanceof JournalRecord.Cleared) {
            json.put("t", "clear");
        } else if (record instanceof JournalRecord.Rewound rewound) {
            json.put("t", "rewind");
            json.put("id", rewound.checkpointId());
        } else if (record instanceof JournalRecord.Completed) {
            json.put("t", "complete");
        } else if (record instanceof JournalRecord.Snapshot snapshot) {
            json.put("t", "snapshot");
            json.put("last", snapshot.lastIdNumber());
            json.put("completed", snapshot.completed());
            json.put("cs", toJson(snapshot.retained()));
            json.put("replay", toJson(snapshot.replayResults()));
        }
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            // Checkpoints hold only JSON-compatible values, so this is a bug of ours.
            throw new IllegalStateException("could not encode a journal record: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static JournalRecord decode(byte[] payload) {
        Map<String, Object> json;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = MAPPER.readValue(payload, LinkedHashMap.class);
            json = read;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (json == null) {
            throw new IllegalArgumentException("not a JSON object: null");
        }
        String session = text(json, "s");
        String type = text(json, "t");
        return switch (type) {
            case "create" -> new JournalRecord.Created(session, checkpoint(json.get("c")));
            case "import" -> new JournalRecord.Imported(session, checkpoints(json.get("cs")));
            case "clear" -> new JournalRecord.Cleared(session);
            case "rewind" -> new JournalRecord.Rewound(session, text(json, "id"));
            case "complete" -> new JournalRecord.Completed(session);
            case "snapshot" -> new JournalRecord.Snapshot(session, number(json, "last"),
                    Boolean.TRUE.equals(json.get("completed")), checkpoints(json.get("cs")),
                    checkpoints(json.get("replay")));
            default -> throw new IllegalArgumentException("unknown record type '" + type + "'");
        };
    }

    private static List<Map<String, Object>> toJson(List<Checkpoint> checkpoints) {
        List<Map<String, Object>> json = new ArrayList<>(checkpoints.size());
        for (Checkpoint checkpoint : checkpoints) {
            json.add(toJson(checkpoint));
        }
        return json;
    }

    private static Map<String, Object> toJson(Checkpoint checkpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", checkpoint.id());
        json.put("name", checkpoint.name());
        json.put("timestamp", IsoTimestamps.format(checkpoint.timestamp()));
        json.put("data", checkpoint.data());
        json.put("metadata", checkpoint.metadata());
        return json;
    }

    private static List<Checkpoint> checkpoints(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list of checkpoints, got " + kind(value));
        }
        List<Checkpoint> checkpoints = new ArrayList<>(list.size());
        for (Object element : list) {
            checkpoints.add(checkpoint(element));
        }
        return checkpoints;
    }

    private static Checkpoint checkpoint(Object value) {
        if (!(value instanceof Map<?, ?> json)) {
            throw new IllegalArgumentException("expected a checkpoint object, got " + kind(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) json;
        Instant timestamp = IsoTimestamps.parse(text(fields, "timestamp"));
        return new Checkpoint(text(fields, "id"), text(fields, "name"), timestamp, map(fields, "data"),
                map(fields, "metadata"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'" + key + "' must be an object, got " + kind(value));
        }
        // Jackson reads object keys as strings.
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("'" + key + "' must be a string, got " + kind(value));
        }
        return text;
    }

    private static long number(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got " + kind(value));
        }
        return ((Number) value).longValue();
    }

    private static String kind(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
