package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defect 6: the reference has one callback, and one that throws breaks {@code create}. */
class ListenerTest {

    private final CheckpointManager manager = new CheckpointManager("s");

    @Test
    void everyListenerHearsEveryCreatedCheckpoint() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        manager.onCheckpoint(c -> first.add(c.id()));
        manager.onCheckpoint(c -> second.add(c.id()));

        manager.create("a", Map.of());
        manager.create("b", Map.of());

        assertEquals(List.of("s:1", "s:2"), first);
        assertEquals(List.of("s:1", "s:2"), second);
    }

    @Test
    void aThrowingListenerAffectsNeitherTheCheckpointNorTheOthers() {
        List<String> heard = new ArrayList<>();
        manager.onCheckpoint(c -> {
            throw new IllegalStateException("listener bug");
        });
        manager.onCheckpoint(c -> heard.add(c.id()));

        Checkpoint checkpoint = manager.create("a", Map.of("k", 1));

        assertEquals("s:1", checkpoint.id());
        assertEquals(1, manager.size());
        assertEquals(List.of("s:1"), heard);
    }

    @Test
    void closingTheHandleRemovesTheListener() throws Exception {
        List<String> heard = new ArrayList<>();
        AutoCloseable handle = manager.onCheckpoint(c -> heard.add(c.id()));
        manager.create("a", Map.of());

        handle.close();
        handle.close();
        manager.create("b", Map.of());

        assertEquals(List.of("s:1"), heard);
    }

    @Test
    void listenersMayCallBackIntoTheManager() {
        List<Integer> sizes = new ArrayList<>();
        manager.onCheckpoint(c -> sizes.add(manager.size()));

        manager.create("a", Map.of());
        manager.create("b", Map.of());

        assertEquals(List.of(1, 2), sizes);
    }

    @Test
    void aCheckpointRecordedWithoutReturningItIsAnnouncedAndRetainedAsCreated() {
        List<Checkpoint> heard = new ArrayList<>();
        manager.onCheckpoint(heard::add);

        manager.record("step", Map.of("n", 1), Map.of("m", "x"));
        Checkpoint created = manager.create("step", Map.of("n", 2));

        assertEquals(List.of(manager.getAll().get(0), created), heard);
        assertEquals(Map.of("n", 1), heard.get(0).data());
        assertEquals(Map.of("m", "x"), heard.get(0).metadata());
        assertEquals(List.of("s:1", "s:2"), CheckpointManagerTest.ids(manager.getAll()));
    }

    @Test
    void importedCheckpointsAreNotAnnouncedAsCreated() {
        List<String> heard = new ArrayList<>();
        manager.onCheckpoint(c -> heard.add(c.id()));

        manager.importJson(CheckpointManagerTest.export(CheckpointManagerTest.record("s:7", "a", "2026-01-01T00:00:00Z")));

        assertEquals(List.of(), heard);
    }
}
