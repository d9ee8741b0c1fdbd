package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.breakpilot.checkpoint.internal.ErrorValues;
import org.junit.jupiter.api.Test;

class ErrorValuesTest {

    @Test
    void anOrdinaryValueIsShownAsItIsInQuotes() {
        assertEquals("'orders:7'", ErrorValues.quoted("orders:7"));
        assertEquals("'\u00e9t\u00e9 \uD83D\uDE00'", ErrorValues.quoted("\u00e9t\u00e9 \uD83D\uDE00"));
        assertEquals("null", ErrorValues.quoted(null));
    }

    @Test
    void lineBreaksNulBidiOverridesAndLoneSurrogatesAreEscaped() {
        assertEquals("'a\\u000ab\\u000d\\u000ac'", ErrorValues.quoted("a\nb\r\nc"));
        assertEquals("'\\u0000\\u202egnp.exe\\ud800'", ErrorValues.quoted("\u0000\u202Egnp.exe\uD800"));
    }

    @Test
    void aLongValueIsCutWithItsLengthSaid() {
        assertEquals("'" + "x".repeat(64) + "'... (1048576 chars)", ErrorValues.quoted("x".repeat(1 << 20)));
        assertEquals("'" + "x".repeat(63) + "'... (65 chars)", ErrorValues.quoted("x".repeat(63) + "\uD83D\uDE00"),
                "never half a surrogate pair");
        assertEquals("abc...", ErrorValues.oneLine("abcdef", 3));
        assertEquals("a\\u000ab", ErrorValues.oneLine("a\nb", 3));
    }

    @Test
    void anImportedIdWithALineBreakIsNamedOnOneLine() {
        String record = "{\"id\": \"s:9\\nforged line\", \"name\": \"n\", \"timestamp\": \"2026-11-25T10:00:00+00:00\","
                + " \"data\": {}}";

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CheckpointManager("s").importJson("[" + record + ", " + record + "]"));

        assertEquals("record 1: id 's:9\\u000aforged line' appears twice in the import", refused.getMessage());
    }
}
