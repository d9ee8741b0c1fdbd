package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuotedTextTest {

    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertEquals("'a\\nb\\r\\tc\\u0000\\u2028'", QuotedText.of("a\nb\r\tc\0\u2028"));
    }

    @Test
    void aLongValueIsCutAndItsLengthShown() {
        assertEquals("'" + "x".repeat(QuotedText.MAX_SHOWN) + "\u2026 (1000 characters)'", QuotedText.of("x".repeat(1000)));
    }

    @Test
    void anImportedIdWithALineBreakIsNamedOnOneLine() {
        String record = "{\"id\": \"s:9\\nforged line\", \"name\": \"n\", \"timestamp\": \"2026-11-25T10:00:00+00:00\","
                + " \"data\": {}}";

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CheckpointManager("s").importJson("[" + record + ", " + record + "]"));

        assertEquals("record 1: id 's:9\\nforged line' appears twice in the import", refused.getMessage());
    }
}
