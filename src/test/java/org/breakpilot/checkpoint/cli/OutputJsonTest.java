package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.breakpilot.checkpoint.jmx.CheckpointData;
import org.junit.jupiter.api.Test;

/** The layouts are Python's {@code json.dumps}, byte for byte, as the reference's tools print them. */
class OutputJsonTest {

    @Test
    void noDocumentsIsAnEmptyObjectOnOneLine() {
        assertEquals("{}", OutputJson.indentedObject(Map.of()));
    }

    @Test
    void documentsStandBelowTheirKeysOneLevelDeeperInTheirOrder() {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("b\"7\\", "{\n  \"total_count\": 2,\n  \"names\": {}\n}");
        documents.put("a", "{}");

        assertEquals("{\n  \"b\\\"7\\\\\": {\n    \"total_count\": 2,\n    \"names\": {}\n  },\n  \"a\": {}\n}",
                OutputJson.indentedObject(documents));
    }

    @Test
    void aCheckpointLineQuotesItsTextsAndKeepsItsDataAsWritten() {
        CheckpointData checkpoint = new CheckpointData("s:1", "step \"é\"", "2026-12-01T10:00:00.000001+00:00",
                "{\"args\":{\"v\":1},\"result\":1}", "{}");

        assertEquals("{\"id\": \"s:1\", \"name\": \"step \\\"é\\\"\", \"timestamp\": \"2026-12-01T10:00:00.000001+00:00\","
                + " \"data\": {\"args\":{\"v\":1},\"result\":1}, \"metadata\": {}}", OutputJson.line(checkpoint));
    }

    @Test
    void aMissingValueIsNull() {
        assertEquals("{\"id\": \"s:1\", \"name\": null, \"timestamp\": null, \"data\": null, \"metadata\": null}",
                OutputJson.line(new CheckpointData("s:1", null, null, null, null)));
    }
}
