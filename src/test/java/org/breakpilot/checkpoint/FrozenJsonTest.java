package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrozenJsonTest {

    @Test
    void whatABuilderMadeIsKeptAsItIsWhereverItSits() {
        Map<String, Object> args = FrozenJson.mapBuilder().put("page", 3).build();
        Map<String, Object> metadata = FrozenJson.mapBuilder().put("outcome", "returned").build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("args", args);

        Checkpoint checkpoint = new CheckpointManager("s").create("step", data, metadata);

        assertSame(metadata, checkpoint.metadata());
        assertSame(args, checkpoint.data().get("args"));
        assertNotSame(data, checkpoint.data(), "a plain map is still copied");
    }

    @Test
    void whatABuilderMadeIsReadOnlyAndItsBuilderSpent() {
        FrozenJson.MapBuilder builder = FrozenJson.mapBuilder().put("page", 3);
        Map<String, Object> built = builder.build();

        assertThrows(UnsupportedOperationException.class, () -> built.put("x", 1));
        assertThrows(IllegalStateException.class, () -> builder.put("x", 1));
        assertEquals(Map.of("page", 3), built);
        assertThrows(UnsupportedOperationException.class,
                () -> FrozenJson.listBuilder(1).add(1).build().add(2));
    }

    @Test
    void aBuilderRefusesValuesThatCouldChangeLater() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> FrozenJson.mapBuilder().put("tags", new ArrayList<>(List.of("a"))));
        assertEquals("a frozen JSON value at tags must be null, a string, a boolean, a number or a value a"
                + " FrozenJson builder made, got java.util.ArrayList", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrozenJson.listBuilder(1).add(new AtomicInteger()));
    }

    @Test
    void aLazyMapLaysOutItsEntriesOnceAndAnswersQuickKeysWithout() {
        AtomicInteger layouts = new AtomicInteger();
        Map<String, Object> lazy = new LazyFrozenMap() {
            @Override
            protected void putEntries(FrozenJson.MapBuilder entries) {
                layouts.incrementAndGet();
                entries.put("call", 7L).put("outcome", "returned");
            }

            @Override
            protected Object quickValue(Object key) {
                return "call".equals(key) ? 7L : UNKNOWN;
            }
        };

        assertEquals(7L, lazy.get("call"));
        assertEquals(0, layouts.get(), "a quick key lays nothing out");
        assertEquals(Map.of("call", 7L, "outcome", "returned"), lazy);
        assertEquals("returned", lazy.get("outcome"));
        assertEquals(1, layouts.get());
        assertSame(lazy, new CheckpointManager("s").create("step", Map.of(), lazy).metadata());
        assertThrows(UnsupportedOperationException.class, () -> lazy.put("x", 1));
    }

    @Test
    void aLazyMapTakesOnlyFrozenEntries() {
        Map<String, Object> lazy = new LazyFrozenMap() {
            @Override
            protected void putEntries(FrozenJson.MapBuilder entries) {
                entries.put("tags", new ArrayList<>(List.of("a")));
            }
        };

        assertThrows(IllegalArgumentException.class, lazy::size);
    }

    @Test
    void mapsSmallAndLargeKeepInsertionOrderReplaceInPlaceAndEqualAnyMapOfTheSameEntries() {
        for (int entries : new int[] {0, 1, FrozenJson.SMALL, FrozenJson.SMALL + 1, 3 * FrozenJson.SMALL}) {
            FrozenJson.MapBuilder builder = FrozenJson.mapBuilder();
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = entries - 1; i >= 0; i--) {
                builder.put("k" + i, i);
                expected.put("k" + i, i);
            }
            if (entries > 0) {
                builder.put("k0", "replaced");
                expected.put("k0", "replaced");
            }
            Map<String, Object> built = builder.build();

            assertEquals(List.copyOf(expected.keySet()), List.copyOf(built.keySet()), entries + " entries: order");
            assertEquals(expected, built);
            assertEquals(built, expected);
            assertEquals(expected.hashCode(), built.hashCode());
            assertEquals(entries, built.size());
            assertEquals(entries > 0 ? "replaced" : null, built.get("k0"));
            assertEquals(entries > 0, built.containsKey("k0"));
            assertEquals(false, built.containsKey("absent"));
            assertThrows(UnsupportedOperationException.class, () -> built.put("x", 1));
            if (entries > 0) {
                assertThrows(UnsupportedOperationException.class, () -> built.entrySet().iterator().remove());
                assertThrows(UnsupportedOperationException.class, () -> built.remove("k0"));
            }
        }
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
