package org.breakpilot.checkpoint;

import static org.breakpilot.checkpoint.CheckpointManagerTest.export;
import static org.breakpilot.checkpoint.CheckpointManagerTest.ids;
import static org.breakpilot.checkpoint.CheckpointManagerTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.internal.IsoTimestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Export and import in the fixed interchange format; defect 3 (import) fixed. */
class InterchangeFormatTest {

    /** What Python's {@code json.dumps([cp.to_dict()], indent=2)} writes for this checkpoint. */
    private static final String PYTHON_EXPORT = """
            [
              {
                "id": "s:1",
                "name": "a",
                "timestamp": "2026-01-01T00:00:00.000001+00:00",
                "data": {
                  "k": "v",
                  "n": [
                    1,
                    2.5
                  ],
                  "none": null
                },
                "metadata": {}
              }
            ]""";

    private final CheckpointManager manager = new CheckpointManager("s");

    @Test
    void exportIsLaidOutAsThePythonReferenceWritesIt() {
        manager.importJson(PYTHON_EXPORT);

        assertEquals(PYTHON_EXPORT, manager.exportJson());
    }

    @Test
    void emptyExportIsAnEmptyArray() {
        assertEquals("[]", manager.exportJson());
    }

    @Test
    void roundTripKeepsEverythingIncludingMicroseconds() {
        manager.create("a", Map.of("nested", Map.of("list", List.of(1, "two", true))), Map.of("m", 1));
        manager.create("b", Map.of("nan", Double.NaN));
        CheckpointManager copy = new CheckpointManager("s");

        copy.importJson(manager.exportJson());

        assertEquals(manager.getAll(), copy.getAll());
        assertTrue(manager.exportJson().contains("\"nan\": NaN"), "non-finite floats as Python writes them");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-11-23T10:15:30.123456+00:00, 2026-11-23T10:15:30.123456Z",
        "2026-11-23T10:15:30.123456Z,      2026-11-23T10:15:30.123456Z",
        "2026-11-23T12:15:30+02:00,        2026-11-23T10:15:30Z",
        "2026-11-23T10:15:30.5,            2026-11-23T10:15:30.500Z",
        "2026-11-23T10:15:30.123456789Z,   2026-11-23T10:15:30.123456Z",
    })
    void timestampsWithZAnyOffsetOrNoneAreAccepted(String written, String expected) {
        manager.importJson(export(record("s:1", "a", written)));

        assertEquals(Instant.parse(expected), manager.get("s:1").orElseThrow().timestamp());
    }

    @Test
    void timestampsAreWrittenAsPythonIsoformat() {
        assertEquals("2026-11-23T10:15:30+00:00", IsoTimestamps.format(Instant.parse("2026-11-23T10:15:30Z")));
        assertEquals("2026-11-23T10:15:30.000100+00:00",
                IsoTimestamps.format(Instant.parse("2026-11-23T10:15:30.0001Z")));
    }

    @Test
    void metadataMayBeMissingOrNullAsTheReferenceAllows() {
        manager.importJson("[{\"id\": \"s:1\", \"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": {}},"
                + " {\"id\": \"s:2\", \"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": {}, \"metadata\": null}]");

        assertEquals(Map.of(), manager.get("s:1").orElseThrow().metadata());
        assertEquals(Map.of(), manager.get("s:2").orElseThrow().metadata());
    }

    /** Defect 3: the reference sets its counter to max(count, len), so later creates reuse ids. */
    @Test
    void createAfterImportNeverReusesAnImportedId() {
        manager.importJson(export(record("s:41", "a", "2026-01-01T00:00:00Z"), record("other:99", "b", "2026-01-01T00:00:00Z"),
                record("s:not-a-number", "c", "2026-01-01T00:00:00Z")));

        assertEquals("s:42", manager.create("d", Map.of()).id());
    }

    @Test
    void importReturnsTheCountAndAppendsInItsOrder() {
        manager.create("before", Map.of());

        int count = manager.importJson(export(record("x:2", "a", "2026-01-01T00:00:00Z"), record("x:1", "b", "2020-01-01T00:00:00Z")));

        assertEquals(2, count);
        assertEquals(List.of("s:1", "x:2", "x:1"), ids(manager.getAll()));
    }

    @Test
    void importAppliesRetention() {
        String[] records = new String[150];
        for (int i = 0; i < 150; i++) {
            records[i] = record("x:" + (i + 1), "distinct" + i, "2026-01-01T00:00:00Z");
        }

        assertEquals(150, manager.importJson(export(records)));
        assertEquals(100, manager.size());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "[{\"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": {}}]"
            + "| record 0: missing key 'id'",
        "[{\"id\": 7, \"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": {}}]"
            + "| record 0: 'id' must be a string, got number",
        "[{\"id\": \"s:1\", \"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": []}]"
            + "| record 0: 'data' must be an object, got array",
        "[{\"id\": \"s:1\", \"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\"}]"
            + "| record 0: missing key 'data'",
        "[{\"id\": \"s:9\", \"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": {}}, 42]"
            + "| record 1: must be an object with id, name, timestamp, data and metadata, got number",
        "[{\"id\": \"s:9\", \"name\": \"a\", \"timestamp\": \"yesterday\", \"data\": {}}]"
            + "| record 0: timestamp 'yesterday' is not a valid timestamp (accepted: ISO-8601 such as"
            + " 2026-11-23T10:15:30.123456+00:00, with Z, any offset, or none for UTC)",
        "{\"id\": \"s:1\"}"
            + "| import JSON must be an array of checkpoints, got object",
        "[{\"id\": \"s:1\",]"
            + "| import JSON is malformed at line 1, column 15: Unexpected character (']'",
        "[] [1]"
            + "| import JSON is malformed at line 1, column 4: Trailing token",
        "[] trailing"
            + "| import JSON is malformed at line 1, column 4: Unrecognized token 'trailing'",
        "'   '"
            + "| import JSON is empty; expected a JSON array of checkpoints",
    })
    void badImportsAreRejectedWithAClearMessageAndChangeNothing(String json, String messageStart) {
        manager.create("kept", Map.of("v", 1));
        String before = manager.exportJson();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> manager.importJson(json));

        assertTrue(error.getMessage().startsWith(messageStart), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), "one line");
        assertEquals(before, manager.exportJson());
        assertEquals("s:2", manager.create("next", Map.of()).id(), "the counter did not move");
    }

    @Test
    void anIdRepeatedInTheImportIsRejectedWholly() {
        String json = export(record("x:1", "a", "2026-01-01T00:00:00Z"), record("x:1", "b", "2026-01-01T00:00:00Z"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> manager.importJson(json));

        assertEquals("record 1: id 'x:1' appears twice in the import", error.getMessage());
        assertEquals(0, manager.size());
    }

    @Test
    void anIdAlreadyRetainedIsRejectedWhollyAndTheCounterStays() {
        manager.create("a", Map.of());
        String json = export(record("s:50", "b", "2026-01-01T00:00:00Z"), record("s:1", "c", "2026-01-01T00:00:00Z"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> manager.importJson(json));

        assertEquals("record 1: id 's:1' is already retained in session 's'", error.getMessage());
        assertEquals(List.of("s:1"), ids(manager.getAll()));
        assertEquals("s:2", manager.create("d", Map.of()).id());
    }

    @Test
    void duplicateKeysInARecordAreMalformed() {
        String json = "[{\"id\": \"s:1\", \"id\": \"s:2\", \"name\": \"a\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": {}}]";

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> manager.importJson(json));

        assertTrue(error.getMessage().startsWith("import JSON is malformed at line 1"), error.getMessage());
        assertTrue(error.getMessage().contains("Duplicate field 'id'"), error.getMessage());
    }
}
