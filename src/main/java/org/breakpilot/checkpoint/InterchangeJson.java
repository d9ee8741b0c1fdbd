package org.breakpilot.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.internal.IsoTimestamps;

/**
 * The interchange format shared with the Python reference: a JSON array of objects with the keys
 * {@code id}, {@code name}, {@code timestamp}, {@code data} and {@code metadata}.
 *
 * <p>It lives beside the manager rather than in the {@code json} package because export and import
 * are part of the manager's own contract; the {@code json} package captures method arguments.
 *
 * <p>Written as Python's {@code json.dumps(..., indent=2)} lays it out, timestamps as Python's
 * {@code datetime.isoformat()} writes them (microseconds, dropped when zero; UTC as {@code +00:00}),
 * and non-finite floats as the bare {@code NaN}/{@code Infinity} tokens Python reads and writes.
 */
final class InterchangeJson {


    private static final ObjectMapper MAPPER = mapper(JsonReadLimits.DEFAULT);

    private static final ObjectWriter PYTHON_LAYOUT = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private InterchangeJson() {
    }

    /** Reads and writes the interchange format; reads within {@code limits}. */
    private static ObjectMapper mapper(JsonReadLimits limits) {
        return JsonMapper.builder(limits.jsonFactory())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    static String write(List<Checkpoint> checkpoints) {
        List<Map<String, Object>> records = new ArrayList<>(checkpoints.size());
        for (Checkpoint checkpoint : checkpoints) {
            records.add(toRecord(checkpoint));
        }
        return writeValue(records);
    }

    static String writeSummary(CheckpointSummary summary) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_count", summary.totalCount());
        json.put("unique_names", summary.uniqueNames());
        json.put("names", summary.names());
        json.put("first_checkpoint", summary.firstCheckpoint() == null ? null : toRecord(summary.firstCheckpoint()));
        json.put("last_checkpoint", summary.lastCheckpoint() == null ? null : toRecord(summary.lastCheckpoint()));
        json.put("duration_seconds", summary.durationSeconds());
        return writeValue(json);
    }

    /**
     * Reads an export within {@code limits}.
     *
     * @throws IllegalArgumentException naming the record index and the problem, for malformed JSON,
     *                                  a missing key, a wrong type or a malformed timestamp
     */
    static List<Checkpoint> read(String json, JsonReadLimits limits) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("import JSON is empty; expected a JSON array of checkpoints");
        }
        // Imports are rare, so a mapper for other limits than the default is made for each.
        JsonNode root = parse(limits.equals(JsonReadLimits.DEFAULT) ? MAPPER : mapper(limits), json);
        if (!root.isArray()) {
            throw new IllegalArgumentException("import JSON must be an array of checkpoints, got "
                    + describe(root));
        }
        List<Checkpoint> checkpoints = new ArrayList<>(root.size());
        for (int index = 0; index < root.size(); index++) {
            try {
                checkpoints.add(toCheckpoint(root.get(index)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("record " + index + ": " + e.getMessage(), e);
            }
        }
        return checkpoints;
    }

    private static Map<String, Object> toRecord(Checkpoint checkpoint) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", checkpoint.id());
        record.put("name", checkpoint.name());
        record.put("timestamp", IsoTimestamps.format(checkpoint.timestamp()));
        record.put("data", checkpoint.data());
        record.put("metadata", checkpoint.metadata());
        return record;
    }

    private static Checkpoint toCheckpoint(JsonNode record) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("must be an object with id, name, timestamp, data and metadata, got "
                    + describe(record));
        }
        String id = requiredText(record, "id");
        String name = requiredText(record, "name");
        Instant timestamp = IsoTimestamps.parse(requiredText(record, "timestamp"));
        Map<String, Object> data = objectOrEmpty(record, "data", true);
        Map<String, Object> metadata = objectOrEmpty(record, "metadata", false);
        try {
            return new Checkpoint(id, name, timestamp, data, metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + ErrorValues.quoted(id) + ": " + e.getMessage(), e);
        }
    }

    private static String requiredText(JsonNode record, String key) {
        JsonNode value = record.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    /** Metadata may be absent or null, as the reference allows; data must be present. */
    private static Map<String, Object> objectOrEmpty(JsonNode record, String key, boolean required) {
        JsonNode value = record.get(key);
        if (value == null && required) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("'" + key + "' must be an object, got " + describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toValue(value);
        return map;
    }

    private static Object toValue(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    map.put(field.getKey(), toValue(field.getValue()));
                }
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toValue(element));
                }
                return list;
            }
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.numberValue();
            case BOOLEAN:
                return node.booleanValue();
            default:
                return null;
        }
    }

    private static JsonNode parse(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("import JSON is malformed" + where + ": "
                    + ErrorValues.oneLine(e.getOriginalMessage().lines().findFirst().orElse(""), 160), e);
        }
    }

    private static String writeValue(Object value) {
        try {
            return PYTHON_LAYOUT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Snapshots hold only JSON-compatible values, so this is a bug of ours, not bad input.
            throw new IllegalStateException("could not write checkpoint JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
