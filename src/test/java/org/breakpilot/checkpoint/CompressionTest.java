package org.breakpilot.checkpoint;

import static org.breakpilot.checkpoint.CheckpointManagerTest.export;
import static org.breakpilot.checkpoint.CheckpointManagerTest.ids;
import static org.breakpilot.checkpoint.CheckpointManagerTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Compression as the reference decides it, worked out by hand, and the reference's defects fixed. */
class CompressionTest {

    @Test
    void nothingIsCompressedUpToCompressAfter() {
        CheckpointManager manager = new CheckpointManager("s");
        createAll(manager, 50, i -> "same");

        assertEquals(50, manager.size());
    }

    @Test
    void overCompressAfterKeepsFirstLatestOfEachMiddleNameAndTheLastTwenty() {
        CheckpointManager manager = new CheckpointManager("s");
        // 1..30 alternate x (odd) and y (even); 31..51 are z.
        createAll(manager, 51, i -> i <= 30 ? (i % 2 == 1 ? "x" : "y") : "z");

        List<String> expected = new ArrayList<>(List.of("s:1", "s:29", "s:30", "s:31"));
        IntStream.rangeClosed(32, 51).forEach(i -> expected.add("s:" + i));
        assertEquals(expected, ids(manager.getAll()));
    }

    @Test
    void idsContinuePastCompressedCheckpoints() {
        CheckpointManager manager = new CheckpointManager("s");
        createAll(manager, 51, i -> "same");

        assertEquals(22, manager.size());
        assertEquals("s:52", manager.create("same", Map.of()).id());
    }

    @Test
    void keepRecentIsASetting() {
        CheckpointManager manager = new CheckpointManager("s", new RetentionPolicy(100, 10, 3));
        createAll(manager, 11, i -> "same");

        assertEquals(List.of("s:1", "s:8", "s:9", "s:10", "s:11"), ids(manager.getAll()));
    }

    /** Defect 1: the reference never enforces max_checkpoints. */
    @Test
    void retainedCountNeverExceedsMaxCheckpointsEvictingOldestButFirst() {
        CheckpointManager manager = new CheckpointManager("s");
        for (int i = 1; i <= 150; i++) {
            manager.create("distinct" + i, Map.of());
            assertTrue(manager.size() <= 100, "size " + manager.size() + " after create " + i);
        }

        List<String> expected = new ArrayList<>(List.of("s:1"));
        IntStream.rangeClosed(52, 150).forEach(i -> expected.add("s:" + i));
        assertEquals(expected, ids(manager.getAll()));
    }

    @Test
    void withMaxCheckpointsOneTheNewestIsKept() {
        CheckpointManager manager = new CheckpointManager("s", new RetentionPolicy(1, 1, 0));
        manager.create("a", Map.of());
        manager.create("b", Map.of());

        assertEquals(List.of("s:2"), ids(manager.getAll()));
        assertEquals("s:2", manager.getLatest().orElseThrow().id());
    }

    /** The reference keeps the first checkpoint twice when compressAfter is below its window of 20. */
    @Test
    void aSmallCompressAfterNeverDuplicatesTheFirst() {
        CheckpointManager manager = new CheckpointManager("s", 100, 1);
        createAll(manager, 3, i -> "same");

        assertEquals(List.of("s:1", "s:2", "s:3"), ids(manager.getAll()));
    }

    /**
     * Defect 7: the reference picks the latest of a name by timestamp (ties keep the older) and then
     * sorts by timestamp. Here creation order decides both, whatever the timestamps say.
     */
    @Test
    void creationOrderDecidesEvenWhenTimestampsTieOrRunBackwards() {
        CheckpointManager manager = new CheckpointManager("t");
        String[] records = new String[60];
        for (int i = 0; i < 60; i++) {
            String timestamp = i < 30 ? "2026-01-01T00:00:00+00:00" : "2025-01-01T00:00:" + (89 - i) + "+00:00";
            records[i] = record("t:" + (i + 1), i < 30 ? "tied" : "backwards", timestamp);
        }

        manager.importJson(export(records));

        List<String> expected = new ArrayList<>(List.of("t:1", "t:30", "t:40"));
        IntStream.rangeClosed(41, 60).forEach(i -> expected.add("t:" + i));
        assertEquals(expected, ids(manager.getAll()));
    }

    @Test
    void loweringMaxCheckpointsEvictsAtOnceAndKeepsTheFirst() {
        CheckpointManager manager = new CheckpointManager("s", new RetentionPolicy(1000, 1000, 20));
        createAll(manager, 30, i -> "distinct" + i);

        manager.setRetention(new RetentionPolicy(10, 1000, 20));

        List<String> expected = new ArrayList<>(List.of("s:1"));
        IntStream.rangeClosed(22, 30).forEach(i -> expected.add("s:" + i));
        assertEquals(expected, ids(manager.getAll()));
        assertEquals(new RetentionPolicy(10, 1000, 20), manager.retention());
    }

    @Test
    void shrinkingKeepRecentMovesRecentCheckpointsIntoCompression() {
        CheckpointManager manager = new CheckpointManager("s", new RetentionPolicy(100, 1000, 20));
        createAll(manager, 60, i -> "n" + (i % 4));

        manager.setRetention(new RetentionPolicy(100, 30, 3));

        assertEquals(List.of("s:1", "s:54", "s:55", "s:56", "s:57", "s:58", "s:59", "s:60"), ids(manager.getAll()));
    }

    @Test
    void growingKeepRecentTakesTheNewestMiddleCheckpointsBackBeforeCompressing() {
        CheckpointManager manager = new CheckpointManager("s", new RetentionPolicy(100, 1000, 20));
        createAll(manager, 60, i -> "n" + (i % 4));

        manager.setRetention(new RetentionPolicy(100, 30, 40));

        List<String> expected = new ArrayList<>(List.of("s:1"));
        IntStream.rangeClosed(17, 60).forEach(i -> expected.add("s:" + i));
        assertEquals(expected, ids(manager.getAll()));
        manager.create("n1", Map.of());
        // s:21 (n1) slides into the middle beside s:17 (n1), so compression now drops s:17.
        assertEquals("s:18", manager.getAll().get(1).id());
        assertTrue(manager.get("s:17").isEmpty());
    }

    @Test
    void compressionKeepsGetByIdConsistent() {
        CheckpointManager manager = new CheckpointManager("s");
        createAll(manager, 200, i -> "n" + (i % 7));

        for (Checkpoint retained : manager.getAll()) {
            assertEquals(retained, manager.get(retained.id()).orElseThrow());
        }
        assertTrue(manager.get("s:2").isEmpty(), "compressed away");
    }

    private static void createAll(CheckpointManager manager, int count, IntFunction<String> name) {
        for (int i = 1; i <= count; i++) {
            manager.create(name.apply(i), Map.of("i", i));
        }
    }
}
