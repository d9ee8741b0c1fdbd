package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private static final RecordCodec.Decoder DECODER = new RecordCodec.Decoder(JsonReadLimits.DEFAULT);

    private static Checkpoint checkpoint(String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", "caf\u00e9 \u2603 \"quoted\"\n");
        data.put("big", new BigInteger("123456789012345678901234567890"));
        data.put("long", Long.MAX_VALUE);
        data.put("double", 0.1);
        data.put("nan", Double.NaN);
        data.put("none", null);
        data.put("nested", Map.of("list", List.of(1, "two", Map.of("three", true))));
        return new Checkpoint(id, "step", Instant.parse("2026-11-25T08:15:30.123456Z"), data, Map.of("attempt", 2));
    }

    @Test
    void everyRecordTypeReadsBackEqual() {
        List<JournalRecord> records = List.of(
                new JournalRecord.Created("s", checkpoint("s:1")),
                new JournalRecord.Imported("s", List.of(checkpoint("s:2"), checkpoint("other:9"))),
                new JournalRecord.Cleared("s"),
                new JournalRecord.Rewound("s", "s:1"),
                new JournalRecord.Completed("s"),
                new JournalRecord.Snapshot("s", 42, true, List.of(checkpoint("s:40")), List.of(checkpoint("s:3"))));

        for (JournalRecord record : records) {
            assertEquals(record, DECODER.decode(RecordCodec.encode(record)));
        }
    }

    @Test
    void aRecordIsOneCompactJsonObject() {
        String json = new String(RecordCodec.encode(new JournalRecord.Rewound("s\u00e9", "s\u00e9:3")), StandardCharsets.UTF_8);

        assertEquals("{\"s\":\"s\u00e9\",\"t\":\"rewind\",\"id\":\"s\u00e9:3\"}", json);
    }

    @Test
    void malformedRecordsAreRejectedSayingWhatIsWrong() {
        for (String[] bad : List.of(
                new String[] {"[1]", "not a JSON object"},
                new String[] {"{\"s\":\"x\"}", "'t' must be a string, got null"},
                new String[] {"{\"s\":\"x\",\"t\":\"explode\"}", "unknown record type 'explode'"},
                new String[] {"{\"s\":\"x\",\"t\":\"create\",\"c\":{\"id\":\"x:1\",\"name\":\"n\",\"us\":\"soon\"}}",
                    "'us' must be a whole number, got String"},
                new String[] {"{\"s\":\"x\",\"t\":\"import\",\"cs\":{}}", "expected a list of checkpoints"})) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> DECODER.decode(bad[0].getBytes(StandardCharsets.UTF_8)), bad[0]);
            assertTrue(error.getMessage().contains(bad[1]), error.getMessage() + " for " + bad[0] + "; " + Arrays.toString(bad));
        }
    }
}
