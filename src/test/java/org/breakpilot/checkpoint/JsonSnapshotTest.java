package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSnapshotTest {

    @Test
    void aJsonSnapshotIsKeptAsItIsWhereverItSits() {
        Map<String, Object> args = JsonSnapshot.adoptMap(new LinkedHashMap<>(Map.of("page", 3)));
        Map<String, Object> metadata = JsonSnapshot.adoptMap(new LinkedHashMap<>(Map.of("outcome", "returned")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("args", args);

        Checkpoint checkpoint = new CheckpointManager("s").create("step", data, metadata);

        assertSame(metadata, checkpoint.metadata());
        assertSame(args, checkpoint.data().get("args"));
        assertNotSame(data, checkpoint.data(), "a plain map is still copied");
    }

    @Test
    void anAdoptedMapIsReadOnly() {
        Map<String, Object> adopted = JsonSnapshot.adoptMap(new LinkedHashMap<>(Map.of("page", 3)));

        assertThrows(UnsupportedOperationException.class, () -> adopted.put("x", 1));
        assertThrows(UnsupportedOperationException.class,
                () -> JsonSnapshot.adoptList(new ArrayList<>(List.of(1))).add(2));
    }

    @Test
    void anythingElseIsCopiedSoLaterChangesDoNotReachTheCheckpoint() {
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("page", 3));
        Map<String, Object> data = new LinkedHashMap<>(Map.of("args", nested, "tags", List.of("a")));

        Checkpoint checkpoint = new CheckpointManager("s").create("step", data);
        nested.put("page", 4);
        data.put("late", true);

        assertEquals(Map.of("args", Map.of("page", 3), "tags", List.of("a")), checkpoint.data());
    }
}
