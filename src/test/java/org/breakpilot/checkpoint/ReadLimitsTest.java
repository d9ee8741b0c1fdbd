package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports past the explicit read limits fail naming the limit, and change nothing. */
class ReadLimitsTest {

    private static String exportWithData(String dataJson) {
        return "[{\"id\": \"s:1\", \"name\": \"n\", \"timestamp\": \"2026-11-25T10:00:00+00:00\", \"data\": "
                + dataJson + ", \"metadata\": {}}]";
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        CheckpointManager manager = new CheckpointManager("s");
        manager.create("before", Map.of());
        int depth = JsonReadLimits.MAX_NESTING_DEPTH + 1;
        String nested = "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> manager.importJson(exportWithData(nested)));

        assertTrue(refused.getMessage().contains("nesting depth"), refused.getMessage());
        assertEquals(1, manager.size());
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() {
        CheckpointManager manager = new CheckpointManager("s");
        String huge = "{\"a\": \"" + "x".repeat(JsonReadLimits.MAX_STRING_LENGTH + 1) + "\"}";

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> manager.importJson(exportWithData(huge)));

        assertTrue(refused.getMessage().contains("String value length"), refused.getMessage());
        assertEquals(0, manager.size());
    }

    @Test
    void withinTheLimitsAnImportWorks() {
        CheckpointManager manager = new CheckpointManager("s");
        int depth = JsonReadLimits.MAX_NESTING_DEPTH - 10;

        assertEquals(1, manager.importJson(exportWithData("{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}")));
    }
}
