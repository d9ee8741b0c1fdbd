package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSnapshotTest {

    /** A read-only map that promises what {@link JsonSnapshot} asks. */
    private static final class PromisedSnapshot extends AbstractMap<String, Object> implements JsonSnapshot {
        private final Map<String, Object> entries;

        PromisedSnapshot(Map<String, Object> entries) {
            this.entries = entries;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return java.util.Collections.unmodifiableMap(entries).entrySet();
        }
    }

    @Test
    void aJsonSnapshotIsKeptAsItIsWhereverItSits() {
        Map<String, Object> args = new PromisedSnapshot(Map.of("page", 3));
        Map<String, Object> metadata = new PromisedSnapshot(Map.of("outcome", "returned"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("args", args);

        Checkpoint checkpoint = new CheckpointManager("s").create("step", data, metadata);

        assertSame(metadata, checkpoint.metadata());
        assertSame(args, checkpoint.data().get("args"));
        assertNotSame(data, checkpoint.data(), "a plain map is still copied");
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
