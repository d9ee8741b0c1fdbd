package org.breakpilot.checkpoint.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** Compact JSON text of JSON-compatible values (what checkpoints hold), for JMX and the CLI. */
public final class JsonText {

    private JsonText() {
    }

    /** Built on first use, like every Jackson object of the agent. */
    private static final class Writer {
        static final ObjectWriter COMPACT = JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build().writer();
    }

    /**
     * {@code value} as one line of JSON.
     *
     * @throws IllegalArgumentException when the value is not JSON-compatible
     */
    public static String of(Object value) {
        try {
            return Writer.COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-compatible: " + e.getOriginalMessage());
        }
    }
}
