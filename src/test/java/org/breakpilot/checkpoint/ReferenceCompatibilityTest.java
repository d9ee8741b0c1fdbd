package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the Python reference itself and holds our behaviour to it, both ways. */
class ReferenceCompatibilityTest {

    private static final int SEEDS = 20;

    @BeforeAll
    static void requirePython() {
        assumeTrue(PythonReference.available(), "python3 is not on the PATH: the reference cannot be run here");
    }

    /**
     * Random create/clear sequences, replayed in the reference and here, must retain the same ids
     * after every step. Name alphabets stay under 80 names so the reference, which never enforces
     * maxCheckpoints, stays within it, and compressAfter stays above 20 so the reference does not keep
     * its first checkpoint twice (its defect, tested in CompressionTest): then the two are comparable.
     */
    @ParameterizedTest(name = "compressAfter={0}, maxCheckpoints={1}")
    @CsvSource({"50, 100", "25, 1000", "21, 1000"})
    void seededSequencesRetainTheSameIdsAsTheReference(int compressAfter, int maxCheckpoints) throws Exception {
        List<Map<String, Object>> sequences = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            int alphabet = new int[] {1, 2, 3, 5, 10, 30, 60}[random.nextInt(7)];
            List<List<String>> ops = new ArrayList<>();
            int length = 200 + random.nextInt(400);
            for (int i = 0; i < length; i++) {
                ops.add(random.nextInt(250) == 0 ? List.of("clear") : List.of("create", "step" + random.nextInt(alphabet)));
            }
            sequences.add(Map.of("session", "seed-" + seed, "compress_after", compressAfter,
                    "max_checkpoints", maxCheckpoints, "ops", ops));
        }
        JsonNode expected = PythonReference.call(Map.of("mode", "replay", "sequences", sequences));

        for (int s = 0; s < sequences.size(); s++) {
            Map<String, Object> sequence = sequences.get(s);
            CheckpointManager manager = new CheckpointManager((String) sequence.get("session"), maxCheckpoints, compressAfter);
            @SuppressWarnings("unchecked")
            List<List<String>> ops = (List<List<String>>) sequence.get("ops");
            for (int step = 0; step < ops.size(); step++) {
                List<String> op = ops.get(step);
                if (op.get(0).equals("create")) {
                    manager.create(op.get(1), Map.of("i", step));
                } else {
                    manager.clear();
                }
                List<String> expectedIds = new ArrayList<>();
                expected.get(s).get(step).forEach(id -> expectedIds.add(id.asText()));
                assertEquals(expectedIds, ids(manager), sequence.get("session") + ", step " + step);
            }
        }
    }

    @Test
    void referenceExportImportsHereWithEveryValueIntactAndExportsBackUnchanged() throws Exception {
        String referenceExport = PythonReference.call(Map.of("mode", "fixture")).asText();

        CheckpointManager manager = new CheckpointManager("py-session");
        assertEquals(3, manager.importJson(referenceExport));

        Checkpoint wholeSecond = manager.get("py-session:1").orElseThrow();
        assertEquals("2026-11-23T10:00:00Z", wholeSecond.timestamp().toString());
        Map<String, Object> data = manager.get("py-session:2").orElseThrow().data();
        assertEquals("h\u00e9llo \u2713 \u65e5\u672c \uD83D\uDE00", data.get("unicode"));
        assertEquals(BigInteger.TWO.pow(100), data.get("big"));
        assertEquals(BigInteger.TWO.pow(70).negate(), data.get("negative_big"));
        assertEquals(42, data.get("int"));
        assertEquals(0.1, data.get("float"));
        assertEquals(Double.MIN_VALUE, data.get("tiny_float"));
        assertEquals(-0.0, data.get("negative_zero"));
        assertEquals(Double.POSITIVE_INFINITY, data.get("inf"));
        assertTrue(((Double) data.get("nan")).isNaN());
        assertTrue(data.containsKey("null") && data.get("null") == null);
        assertEquals(Map.of("a", List.of(1, mapOfNull("b")), "c", Map.of("d", Map.of("e", List.of(true, false)))),
                data.get("nested"));
        assertEquals(Map.of("source", "reference", "attempt", 1), manager.get("py-session:2").orElseThrow().metadata());

        JsonNode comparison = PythonReference.call(Map.of("mode", "compare",
                "expected", referenceExport, "actual", manager.exportJson()));
        assertTrue(comparison.get("equal").asBoolean(), comparison.get("why").asText());
    }

    @Test
    void ourExportImportsIntoTheReferenceAndComesBackUnchanged() throws Exception {
        CheckpointManager manager = new CheckpointManager("java-session");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unicode", "\u00fcber \u00e5 \u4e2d\u6587 \uD83D\uDE80 \"quoted\" \\ back\nslash");
        data.put("big", new BigInteger("123456789012345678901234567890"));
        data.put("long", 9_007_199_254_740_993L);
        data.put("float", 1.0e-7);
        data.put("whole_float", 3.0);
        data.put("negative_inf", Double.NEGATIVE_INFINITY);
        data.put("null", null);
        data.put("nested", List.of(Map.of("k", List.of()), Map.of()));
        manager.create("first", data, Map.of("attempt", 2));
        manager.create("second", Map.of());
        manager.create("third", Map.of("unicode key \u00e9", true));

        JsonNode reimported = PythonReference.call(Map.of("mode", "reimport",
                "session", "java-session", "json", manager.exportJson()));
        assertEquals(3, reimported.get("count").asInt());

        CheckpointManager roundTripped = new CheckpointManager("java-session");
        roundTripped.importJson(reimported.get("export").asText());
        assertEquals(manager.getAll(), roundTripped.getAll());
    }

    private static Map<String, Object> mapOfNull(String key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, null);
        return map;
    }

    private static List<String> ids(CheckpointManager manager) {
        return manager.getAll().stream().map(Checkpoint::id).toList();
    }
}
