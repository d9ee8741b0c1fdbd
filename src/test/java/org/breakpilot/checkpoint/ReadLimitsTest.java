package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports past the explicit read limits, the defaults or lower ones, fail naming the limit, and change nothing. */
class ReadLimitsTest {

    private static final JsonReadLimits LOWER = new JsonReadLimits(6, 30, 500);

    private static String exportWithData(String dataJson) {
        return "[{\"id\": \"o:1\", \"name\": \"n\", \"timestamp\": \"2026-11-25T10:00:00+00:00\", \"data\": "
                + dataJson + ", \"metadata\": {}}]";
    }

    private static String nested(int depth) {
        return "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private static void assertRefused(JsonReadLimits limits, String json, String limitNamed) {
        CheckpointManager manager = new CheckpointManager("s");
        manager.create("before", Map.of());
        String before = manager.exportJson();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> manager.importJson(json, limits));

        assertTrue(refused.getMessage().startsWith("import JSON is malformed"), refused.getMessage());
        assertTrue(refused.getMessage().contains(limitNamed), refused.getMessage());
        assertEquals(before, manager.exportJson());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        assertRefused(JsonReadLimits.DEFAULT, exportWithData(nested(JsonReadLimits.DEFAULT.maxDepth() + 1)),
                "nesting depth");
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() {
        String huge = "{\"a\": \"" + "x".repeat(JsonReadLimits.DEFAULT.maxStringLength() + 1) + "\"}";

        assertRefused(JsonReadLimits.DEFAULT, exportWithData(huge), "String value length");
    }

    @Test
    void withinTheLimitsAnImportWorks() {
        CheckpointManager manager = new CheckpointManager("s");

        assertEquals(1, manager.importJson(exportWithData(nested(JsonReadLimits.DEFAULT.maxDepth() - 10))));
    }

    @Test
    void aLowerDepthLimitIsEnforced() {
        // The data object opens at depth 3 of an export, so three arrays in it make depth 6, four make 7.
        assertEquals(1, new CheckpointManager("s").importJson(exportWithData(nested(3)), LOWER));
        assertRefused(LOWER, exportWithData(nested(4)), "Document nesting depth (7) exceeds the maximum allowed (6");
    }

    @Test
    void aLowerStringLimitIsEnforcedOnValuesAndKeys() {
        assertRefused(LOWER, exportWithData("{\"a\": \"" + "x".repeat(31) + "\"}"), "String value length (31)");
        assertRefused(LOWER, exportWithData("{\"" + "k".repeat(31) + "\": 1}"), "Name length (31)");
    }

    @Test
    void aLowerDocumentLimitIsEnforced() {
        String json = exportWithData("{\"a\": \"" + " ".repeat(400) + "\"}");

        assertRefused(new JsonReadLimits(6, 1000, 500), json, "Document length");
    }
}
