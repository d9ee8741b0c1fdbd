package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class CheckpointManagerTest {

    private final CheckpointManager manager = new CheckpointManager("s1");

    @Test
    void idsCountFromOneWithTheSessionAsPrefix() {
        assertEquals("s1:1", manager.create("a", Map.of()).id());
        assertEquals("s1:2", manager.create("b", Map.of()).id());
        assertEquals("s1", manager.sessionId());
    }

    @Test
    void createRecordsNameDataMetadataAndAMicrosecondTimestamp() {
        Instant before = Instant.now().minusSeconds(1);
        Checkpoint checkpoint = manager.create("task_started", Map.of("task", "t1"), Map.of("attempt", 1));

        assertEquals("task_started", checkpoint.name());
        assertEquals(Map.of("task", "t1"), checkpoint.data());
        assertEquals(Map.of("attempt", 1), checkpoint.metadata());
        assertTrue(checkpoint.timestamp().isAfter(before));
        assertEquals(0, checkpoint.timestamp().getNano() % 1000, "timestamps are kept to the microsecond");
    }

    @Test
    void nullDataAndMetadataAreRecordedAsEmpty() {
        Checkpoint checkpoint = manager.create("a", null, null);

        assertEquals(Map.of(), checkpoint.data());
        assertEquals(Map.of(), checkpoint.metadata());
    }

    @Test
    void getFindsRetainedCheckpointsByIdAndNothingElse() {
        Checkpoint created = manager.create("a", Map.of("x", 1));

        assertEquals(Optional.of(created), manager.get("s1:1"));
        assertEquals(Optional.empty(), manager.get("s1:2"));
        assertEquals(Optional.empty(), manager.get("other:1"));
        assertEquals(Optional.empty(), manager.get("s1:01"));
        assertEquals(Optional.empty(), manager.get(null));
        assertEquals(Optional.empty(), manager.rollbackTo(null));
    }

    @Test
    void getByNameIsNewestFirst() {
        manager.create("step", Map.of());
        manager.create("other", Map.of());
        manager.create("step", Map.of());

        assertEquals(List.of("s1:3", "s1:1"), ids(manager.getByName("step")));
        assertEquals(List.of(), manager.getByName("missing"));
    }

    @Test
    void getLatestWithAndWithoutAName() {
        assertEquals(Optional.empty(), manager.getLatest());
        manager.create("a", Map.of());
        manager.create("b", Map.of());

        assertEquals("s1:2", manager.getLatest().orElseThrow().id());
        assertEquals("s1:1", manager.getLatest("a").orElseThrow().id());
        assertEquals(Optional.empty(), manager.getLatest("c"));
        assertEquals("s1:2", manager.getLatest(null).orElseThrow().id(), "no name filter, as in the reference");
    }

    @Test
    void getSinceIsStrictlyAfterAndGetBetweenIsInclusive() {
        manager.importJson(export(
                record("s1:1", "a", "2026-01-01T00:00:01+00:00"),
                record("s1:2", "b", "2026-01-01T00:00:02+00:00"),
                record("s1:3", "c", "2026-01-01T00:00:03+00:00")));
        Instant second = Instant.parse("2026-01-01T00:00:02Z");
        Instant third = Instant.parse("2026-01-01T00:00:03Z");

        assertEquals(List.of("s1:3"), ids(manager.getSince(second)));
        assertEquals(List.of("s1:2", "s1:3"), ids(manager.getBetween(second, third)));
        assertEquals(List.of(), manager.getBetween(third, second));
    }

    @Test
    void rollbackToReturnsTheDataAndChangesNothing() {
        manager.create("a", Map.of("state", "one"));
        manager.create("b", Map.of("state", "two"));

        assertEquals(Optional.of(Map.of("state", "one")), manager.rollbackTo("s1:1"));
        assertEquals(Optional.empty(), manager.rollbackTo("s1:9"));
        assertEquals(2, manager.size());
    }

    @Test
    void clearReturnsTheCountAndIdsKeepCounting() {
        manager.create("a", Map.of());
        manager.create("b", Map.of());

        assertEquals(2, manager.clear());
        assertEquals(0, manager.size());
        assertEquals("s1:3", manager.create("c", Map.of()).id());
    }

    @Test
    void iterationAndGetAllAreOldestFirst() {
        manager.create("a", Map.of());
        manager.create("b", Map.of());

        assertEquals(List.of("s1:1", "s1:2"), ids(manager.getAll()));
        assertEquals(List.of("s1:1", "s1:2"),
                ids(StreamSupport.stream(manager.spliterator(), false).toList()));
    }

    @Test
    void summaryCountsNamesAndMeasuresDuration() {
        manager.importJson(export(
                record("s1:1", "a", "2026-01-01T00:00:00+00:00"),
                record("s1:2", "b", "2026-01-01T00:00:01.5+00:00"),
                record("s1:3", "a", "2026-01-01T00:00:02.25+00:00")));

        CheckpointSummary summary = manager.getSummary();

        assertEquals(3, summary.totalCount());
        assertEquals(2, summary.uniqueNames());
        assertEquals(List.of(Map.entry("a", 2), Map.entry("b", 1)), new ArrayList<>(summary.names().entrySet()));
        assertEquals("s1:1", summary.firstCheckpoint().id());
        assertEquals("s1:3", summary.lastCheckpoint().id());
        assertEquals(2.25, summary.durationSeconds());
    }

    @Test
    void emptySummaryHasNoFirstOrLast() {
        CheckpointSummary summary = manager.getSummary();

        assertEquals(new CheckpointSummary(0, 0, Map.of(), null, null, 0), summary);
        assertEquals("{\n  \"total_count\": 0,\n  \"unique_names\": 0,\n  \"names\": {},\n"
                + "  \"first_checkpoint\": null,\n  \"last_checkpoint\": null,\n  \"duration_seconds\": 0.0\n}",
                summary.toJson());
    }

    @Test
    void summaryJsonUsesTheReferenceKeys() {
        manager.create("a", Map.of("k", "v"));

        String json = manager.getSummary().toJson();

        for (String key : List.of("total_count", "unique_names", "names", "first_checkpoint",
                "last_checkpoint", "duration_seconds")) {
            assertTrue(json.contains("\"" + key + "\": "), key + " in " + json);
        }
        assertTrue(json.contains("\"id\": \"s1:1\""), json);
    }

    /** Defect 5: the reference keeps the caller's dict, so later changes rewrite history. */
    @Test
    void laterChangesToTheCallersMapsChangeNothingRecorded() {
        Map<String, Object> nested = new HashMap<>(Map.of("n", 1));
        List<Object> list = new ArrayList<>(List.of("x"));
        Map<String, Object> data = new HashMap<>(Map.of("nested", nested, "list", list));
        Map<String, Object> metadata = new HashMap<>(Map.of("m", "v"));
        Checkpoint checkpoint = manager.create("a", data, metadata);

        data.put("added", true);
        nested.put("n", 2);
        list.add("y");
        metadata.clear();

        assertEquals(Map.of("nested", Map.of("n", 1), "list", List.of("x")), checkpoint.data());
        assertEquals(Map.of("m", "v"), manager.get("s1:1").orElseThrow().metadata());
    }

    @Test
    void recordedDataCannotBeModifiedThroughTheCheckpoint() {
        Checkpoint checkpoint = manager.create("a", Map.of("list", List.of(1), "map", Map.of("k", 1)));

        assertThrows(UnsupportedOperationException.class, () -> checkpoint.data().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) checkpoint.data().get("list")).clear());
        assertThrows(UnsupportedOperationException.class, () -> castMap(checkpoint.data().get("map")).put("k", 2));
    }

    @Test
    void valuesThatAreNotJsonCompatibleAreRejectedNamingWhere() {
        Object notJson = new Object();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> manager.create("a", Map.of("outer", List.of(1, Map.of("inner", notJson)))));

        assertEquals("checkpoint data value at data.outer[1].inner must be JSON-compatible (null, boolean,"
                + " number, string, map, collection or array), got java.lang.Object", error.getMessage());
        assertEquals(0, manager.size(), "a rejected create records nothing");
    }

    @Test
    void cyclicDataIsRejectedRatherThanOverflowingTheStack() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> manager.create("a", cyclic));
        assertTrue(error.getMessage().contains("a cycle?"), error.getMessage());
    }

    @Test
    void valuesWithAPlainJsonFormBecomeIt() {
        enum Phase { PLANNING }
        Checkpoint checkpoint = manager.create("a", Map.of("phase", Phase.PLANNING, "chars", new StringBuilder("sb"),
                "ints", new int[] {1, 2}, "at", Instant.parse("2026-01-01T00:00:00Z")));

        assertEquals("PLANNING", checkpoint.data().get("phase"));
        assertEquals("sb", checkpoint.data().get("chars"));
        assertEquals(List.of(1, 2), checkpoint.data().get("ints"));
        assertEquals("2026-01-01T00:00:00Z", checkpoint.data().get("at"));
    }

    @Test
    void nullNameIsRejectedWithItsName() {
        NullPointerException error = assertThrows(NullPointerException.class, () -> manager.create(null, Map.of()));
        assertEquals("name must not be null", error.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    static List<String> ids(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::id).toList();
    }

    static String record(String id, String name, String timestamp) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"timestamp\": \"" + timestamp
                + "\", \"data\": {}, \"metadata\": {}}";
    }

    static String export(String... records) {
        return "[" + String.join(", ", records) + "]";
    }
}
