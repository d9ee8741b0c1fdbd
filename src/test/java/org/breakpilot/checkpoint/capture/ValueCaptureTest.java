package org.breakpilot.checkpoint.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ValueCaptureTest {

    private final ValueCapture capture = new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults());

    /** A replay step's result type. */
    public record Totals(String region, long orders, List<String> notes, Map<String, Integer> byDay) {
    }

    @Test
    void aReplayCaptureOfARecordWithCollectionsIsComplete() {
        ValueCapture replay = new ValueCapture(CaptureLimits.REPLAY, Redaction.defaults());
        List<String> notes = new ArrayList<>(Collections.nCopies(500, "n"));

        ValueCapture.Captured captured = replay.captureComplete(new Totals("north", 7, notes, Map.of("mon", 3)));

        assertTrue(captured.complete());
        assertEquals(Map.of("region", "north", "orders", 7L, "notes", notes, "byDay", Map.of("mon", 3)), captured.value());
    }

    @Test
    void aCaptureThatCutsOrRedactsSaysItIsIncomplete() {
        assertEquals(false, capture.captureComplete(Collections.nCopies(500, "n")).complete(), "cut at maxElements");
        assertEquals(false, capture.captureComplete("x".repeat(2000)).complete(), "cut at maxStringLength");
        assertEquals(false, capture.captureComplete(Map.of("password", "hunter2")).complete(), "redacted");
        assertEquals(false, capture.captureComplete(new ByteArrayInputStream(new byte[1])).complete(), "not captured");
        assertEquals(true, capture.captureComplete(Map.of("id", 1, "tags", List.of("a"))).complete());
    }

    public record Address(String city, List<String> lines) {
    }

    public record Customer(String name, Address address, String apiKey) {
    }

    public static final class Bean {
        public int getCount() {
            return 3;
        }

        public String getFailing() {
            throw new IllegalStateException("boom");
        }

        @Override
        public String toString() {
            throw new AssertionError("capture must not call toString of a host object");
        }
    }

    public static final class Node {
        private Node next;

        public Node getNext() {
            return next;
        }
    }

    @Test
    void jsonValuesAreKeptAsThemselves() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "text");
        value.put("i", 1);
        value.put("l", 2L);
        value.put("d", 1.5);
        value.put("b", true);
        value.put("n", null);
        value.put("list", List.of(1, "two"));

        assertEquals(value, capture.capture(value));
    }

    @Test
    void recordsAndBeansBecomeObjectsWithRedactedSecretProperties() {
        Object captured = capture.capture(new Customer("ada", new Address("Oslo", List.of("Main St 1")), "k-123"));

        assertEquals(Map.of("name", "ada", "address", Map.of("city", "Oslo", "lines", List.of("Main St 1")),
                "apiKey", Redaction.REDACTED), captured);
    }

    @Test
    void aThrowingGetterBecomesAPlaceholderForThatValueOnly() {
        @SuppressWarnings("unchecked")
        Map<String, Object> captured = (Map<String, Object>) capture.capture(new Bean());

        assertEquals(3, captured.get("count"));
        assertEquals("[unserializable " + Bean.class.getName() + ".failing: IllegalStateException: boom]",
                captured.get("failing"));
    }

    @Test
    void cyclesBecomePlaceholders() {
        Node node = new Node();
        node.next = node;

        assertEquals(Map.of("next", "[cycle: " + Node.class.getName() + "]"), capture.capture(node));
    }

    @Test
    void streamsAndLambdasAreNotTouched() {
        Supplier<String> lambda = () -> "x";

        assertEquals("[not captured: java.io.InputStream]", capture.capture(new ByteArrayInputStream(new byte[1])));
        assertTrue(((String) capture.capture(lambda)).startsWith("[not captured: lambda or generated class"));
        assertEquals("[not captured: java.lang.Thread]", capture.capture(Thread.currentThread()));
    }

    @Test
    void longStringsAreCutWithAMarker() {
        ValueCapture small = new ValueCapture(new CaptureLimits(8, 5, 100, 100_000), Redaction.defaults());

        assertEquals("abcde\u2026[truncated 10485755 chars]", small.capture("abcde" + "x".repeat(10 * 1024 * 1024 - 5)));
    }

    @Test
    void hugeCollectionsKeepTheirFirstElementsOnly() {
        List<Integer> million = new ArrayList<>(Collections.nCopies(1_000_000, 7));
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            map.put("k" + i, i);
        }

        List<?> captured = (List<?>) capture.capture(million);
        Map<?, ?> capturedMap = (Map<?, ?>) capture.capture(map);

        assertEquals(101, captured.size());
        assertEquals("[truncated 999900 elements]", captured.get(100));
        assertEquals(101, capturedMap.size());
        assertEquals("[truncated 50 entries]", capturedMap.get("\u2026"));
    }

    @Test
    void deepNestingStopsAtMaxDepth() {
        ValueCapture shallow = new ValueCapture(new CaptureLimits(2, 100, 100, 100_000), Redaction.defaults());

        assertEquals(Map.of("a", Map.of("b", "[depth limit]")), shallow.capture(Map.of("a", Map.of("b", Map.of("c", 1)))));
    }

    @Test
    void theByteBudgetIsSharedByAllArgumentsOfACall() {
        ValueCapture tight = new ValueCapture(new CaptureLimits(8, 1000, 100, 50), Redaction.defaults());

        Map<String, Object> arguments = tight.captureArguments(new String[] {"first", "second"},
                new Object[] {"x".repeat(60), "y"}, new boolean[2]);

        assertEquals("x".repeat(60), arguments.get("first"));
        assertEquals("[size limit]", arguments.get("second"));
    }

    @Test
    void argumentsAreRedactedByFlagOrBySecretName() {
        Map<String, Object> arguments = capture.captureArguments(new String[] {"user", "password", "pin"},
                new Object[] {"ada", "hunter2", "1234"}, new boolean[] {false, false, true});

        assertEquals(Map.of("user", "ada", "password", "[redacted]", "pin", "[redacted]"), arguments);
    }

    @Test
    void secretKeysAreRedactedAtAnyDepth() {
        Object captured = capture.capture(Map.of("outer", List.of(Map.of("Authorization", "Bearer x", "ok", 1))));

        assertEquals(Map.of("outer", List.of(Map.of("Authorization", "[redacted]", "ok", 1))), captured);
    }

    @Test
    void jdkValuesAreRecordedByTheirStringForm() {
        assertEquals("2026-01-01T00:00:00Z", capture.capture(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("/tmp/x", capture.capture(java.nio.file.Path.of("/tmp/x")));
        assertEquals("v", capture.capture(Optional.of("v")));
        assertEquals("AQI=", capture.capture(new byte[] {1, 2}));
    }

    @Test
    void aCollectionMutatedWhileCapturedNeverMakesCaptureThrow() throws Exception {
        List<Integer> shared = Collections.synchronizedList(new ArrayList<>());
        List<Integer> unsynchronized = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (running.get()) {
                unsynchronized.add(1);
                if (unsynchronized.size() > 10_000) {
                    unsynchronized.clear();
                }
            }
        });
        writer.start();
        AtomicInteger captured = new AtomicInteger();
        try {
            for (int i = 0; i < 2_000; i++) {
                capture.capture(unsynchronized);
                capture.capture(shared);
                captured.incrementAndGet();
            }
        } finally {
            running.set(false);
            writer.join();
        }
        assertEquals(2_000, captured.get());
    }

    @Test
    void mapKeysAreStrings() {
        Map<Object, Object> keyed = new HashMap<>();
        keyed.put(1, "one");

        assertEquals(Map.of("1", "one"), capture.capture(keyed));
    }
}
