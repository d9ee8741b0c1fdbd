package org.breakpilot.checkpoint.store;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.FrozenJson;
import org.breakpilot.checkpoint.LazyFrozenMap;
import org.breakpilot.checkpoint.JsonReadLimits;

/**
 * Encodes journal records as compact JSON objects: {@code t} the type, {@code s} the session, and a
 * checkpoint {@code c} (or a list {@code cs}) in the interchange format's keys but with its timestamp
 * as epoch microseconds {@code us} (exact, and cheaper both ways than ISO text), so a record is readable
 * with any JSON tool once its frame is stripped.
 */
final class RecordCodec {

    /** Writes records: Jackson's streaming core only. */
    private static final JsonFactory GENERATORS = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    /** The key of a checkpoint's data in a record. */
    private static final String DATA_KEY = "data";

    /**
     * Levels a record nests a checkpoint's data deeper than an export does: {@code {"cs": [{"data": ...}]}}
     * against {@code [{"data": ...}]}.
     */
    private static final int RECORD_NESTING = 1;

    private RecordCodec() {
    }

    /** The record as compact JSON, with buffers of its own (see {@link Encoder} for the writer's). */
    static byte[] encode(JournalRecord record) {
        return new Encoder().encode(record);
    }

    /**
     * Encodes record after record into one buffer and one generator: the journal's writer encodes every
     * record, and a generator per record would allocate its buffers each time. Not thread-safe.
     */
    static final class Encoder {
        private final ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
        private final JsonGenerator json;

        Encoder() {
            try {
                json = GENERATORS.createGenerator(bytes);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make a JSON generator: " + e.getMessage(), e);
            }
            json.setRootValueSeparator(null);
        }

        /** The record as compact JSON. */
        byte[] encode(JournalRecord record) {
            bytes.reset();
            try {
                write(json, record);
                json.flush();
            } catch (IOException e) {
                // Checkpoints hold only JSON-compatible values, so this is a bug of ours.
                throw new IllegalStateException("could not encode a journal record: " + e.getMessage(), e);
            }
            return bytes.toByteArray();
        }
    }

    private static void write(JsonGenerator json, JournalRecord record) throws IOException {
        json.writeStartObject();
        json.writeStringField("s", record.session());
        // Pattern switches need Java 21; we build for 17.
        if (record instanceof JournalRecord.Created created) {
            json.writeStringField("t", "create");
            json.writeFieldName("c");
            write(json, created.checkpoint());
        } else if (record instanceof JournalRecord.Imported imported) {
            json.writeStringField("t", "import");
            write(json, "cs", imported.checkpoints());
        } else if (record instanceof JournalRecord.Cleared) {
            json.writeStringField("t", "clear");
        } else if (record instanceof JournalRecord.Rewound rewound) {
            json.writeStringField("t", "rewind");
            json.writeStringField("id", rewound.checkpointId());
        } else if (record instanceof JournalRecord.Reserved reserved) {
            json.writeStringField("t", "reserve");
            json.writeNumberField("last", reserved.lastIdNumber());
        } else if (record instanceof JournalRecord.Completed) {
            json.writeStringField("t", "complete");
        } else if (record instanceof JournalRecord.Snapshot snapshot) {
            json.writeStringField("t", "snapshot");
            json.writeNumberField("last", snapshot.lastIdNumber());
            json.writeBooleanField("completed", snapshot.completed());
            write(json, "cs", snapshot.retained());
            write(json, "replay", snapshot.replayResults());
        }
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, String field, List<Checkpoint> checkpoints) throws IOException {
        json.writeArrayFieldStart(field);
        for (Checkpoint checkpoint : checkpoints) {
            write(json, checkpoint);
        }
        json.writeEndArray();
    }

    /** A checkpoint with the interchange format's keys, but its timestamp as epoch microseconds. */
    private static void write(JsonGenerator json, Checkpoint checkpoint) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", checkpoint.id());
        json.writeStringField("name", checkpoint.name());
        json.writeNumberField("us", ChronoUnit.MICROS.between(Instant.EPOCH, checkpoint.timestamp()));
        json.writeFieldName("data");
        writeValue(json, checkpoint.data());
        json.writeFieldName("metadata");
        writeValue(json, checkpoint.metadata());
        json.writeEndObject();
    }

    /** Checkpoint values are already JSON values (maps, lists, strings, numbers, booleans, null). */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName((String) entry.getKey());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value == null) {
            json.writeNull();
        } else {
            // The snapshot admits nothing else; writing its text keeps the record readable regardless.
            json.writeString(value.toString());
        }
    }

    /**
     * Decodes records within read limits; one per pass over the journal, as its parser factory is costly to make
     * and a new journal never reads a record at start-up. Thread-safe.
     */
    static final class Decoder implements JournalEncoding.RecordReader {
        private final JsonFactory factory;

        /**
         * Reads within {@code limits}, but never below {@link JsonReadLimits#DEFAULT} nor below a frame's
         * size: a record holds only what the agent admitted, so a limit lowered since must not make the
         * journal's own records unreadable; and a record nests one level deeper than an import.
         */
        Decoder(JsonReadLimits limits) {
            JsonReadLimits floor = JsonReadLimits.DEFAULT;
            JsonReadLimits journal = new JsonReadLimits(Math.max(limits.maxDepth(), floor.maxDepth()) + RECORD_NESTING,
                    Math.max(limits.maxStringLength(), floor.maxStringLength()),
                    Math.max(limits.maxDocumentLength(), SegmentFormat.MAX_PAYLOAD));
            factory = journal.jsonFactory().rebuild()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
        }

        /**
         * Decodes one record. Values are read straight into frozen maps and lists, the form a checkpoint
         * holds, so that no second tree is built and copied: restoring and compacting read every record.
         *
         * @throws IllegalArgumentException saying what is wrong with it
         */
        @Override
        public JournalRecord decode(byte[] payload) {
            Object json;
            try (JsonParser parser = factory.createParser(payload)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new IllegalArgumentException("not a JSON object: the record is empty");
                }
                json = read(parser, first, payload, factory);
            } catch (IOException e) {
                throw new IllegalArgumentException("not a JSON object: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            if (json != null && !(json instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("not a JSON object: got " + kind(json));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) json;
            return RecordCodec.decode(object);
        }

        /**
         * The value at {@code token}, as a frozen value; the parser's limits bound its depth and size. An
         * object under the key {@code data} (a checkpoint's data, the bulk of a record) is checked as JSON
         * but laid out only when read: the compactor reads every record and keeps few of them. With a null
         * {@code payload}, everything is read at once.
         */
        private static Object read(JsonParser parser, JsonToken token, byte[] payload, JsonFactory factory)
                throws IOException {
            switch (token) {
                case START_OBJECT -> {
                    FrozenJson.MapBuilder object = FrozenJson.mapBuilder();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        object.put(name, payload != null && value == JsonToken.START_OBJECT && DATA_KEY.equals(name)
                                ? DataBytes.skip(parser, payload, factory) : read(parser, value, payload, factory));
                    }
                    return object.build();
                }
                case START_ARRAY -> {
                    FrozenJson.ListBuilder array = FrozenJson.listBuilder(4);
                    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY;
                            element = parser.nextToken()) {
                        array.add(read(parser, element, payload, factory));
                    }
                    return array.build();
                }
                case VALUE_STRING -> {
                    return parser.getText();
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    // Integer, Long or BigInteger; Double (NaN and the infinities too): as Jackson's maps read them.
                    return parser.getNumberValue();
                }
                case VALUE_TRUE -> {
                    return Boolean.TRUE;
                }
                case VALUE_FALSE -> {
                    return Boolean.FALSE;
                }
                case VALUE_NULL -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("not a JSON object: unexpected " + token);
            }
        }
    }

    /**
     * A checkpoint's data as the record's JSON bytes, parsed when first read. Holds the record's payload
     * (its plaintext, for an encrypted journal) as a reader of the map would hold its entries.
     */
    private static final class DataBytes extends LazyFrozenMap {
        private final byte[] payload;
        private final int offset;
        private final int length;
        private final JsonFactory factory;

        private DataBytes(byte[] payload, int offset, int length, JsonFactory factory) {
            this.payload = payload;
            this.offset = offset;
            this.length = length;
            this.factory = factory;
        }

        /** Skips the object at the parser's {@code START_OBJECT}, checking it, and keeps where it lies. */
        static DataBytes skip(JsonParser parser, byte[] payload, JsonFactory factory) throws IOException {
            long start = parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            long end = parser.currentTokenLocation().getByteOffset() + 1;
            return new DataBytes(payload, (int) start, (int) (end - start), factory);
        }

        @Override
        protected void putEntries(FrozenJson.MapBuilder entries) {
            try (JsonParser parser = factory.createParser(payload, offset, length)) {
                @SuppressWarnings("unchecked")
                Map<String, ?> data = (Map<String, ?>) Decoder.read(parser, parser.nextToken(), null, factory);
                entries.putAll(data);
            } catch (IOException e) {
                // The bytes were parsed whole when the record was read; they cannot have changed since.
                throw new IllegalStateException("a journal record's data no longer parses: " + e.getMessage(), e);
            }
        }
    }

    private static JournalRecord decode(Map<String, Object> json) {
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
            case "reserve" -> new JournalRecord.Reserved(session, number(json, "last"));
            case "complete" -> new JournalRecord.Completed(session);
            case "snapshot" -> new JournalRecord.Snapshot(session, number(json, "last"),
                    Boolean.TRUE.equals(json.get("completed")), checkpoints(json.get("cs")),
                    checkpoints(json.get("replay")));
            default -> throw new IllegalArgumentException("unknown record type '" + type + "'");
        };
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
        Instant timestamp = Instant.EPOCH.plus(number(fields, "us"), ChronoUnit.MICROS);
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
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
