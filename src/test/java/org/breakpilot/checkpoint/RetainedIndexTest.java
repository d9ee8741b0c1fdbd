package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The id index against a {@code HashMap}: random adds and removes, through resizes and long probe runs. */
class RetainedIndexTest {

    @Test
    void findsWhatAHashMapFinds() {
        Random random = new Random(7);
        RetainedIndex index = new RetainedIndex("s");
        Map<String, RetainedNode> model = new HashMap<>();
        List<RetainedNode> present = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (present.isEmpty() || random.nextInt(3) > 0) {
                RetainedNode node = random.nextInt(10) == 0 ? imported("other:" + step) : node(1 + random.nextInt(1 << 20));
                String id = id(node);
                if (model.containsKey(id)) {
                    continue;
                }
                index.add(node);
                model.put(id, node);
                present.add(node);
            } else {
                RetainedNode node = present.remove(random.nextInt(present.size()));
                index.remove(node);
                model.remove(id(node));
            }
            assertEquals(model.size(), index.size());
            for (int probe = 0; probe < 3 && !present.isEmpty(); probe++) {
                RetainedNode expected = present.get(random.nextInt(present.size()));
                assertSame(expected, index.get(id(expected)), "step " + step);
            }
            assertNull(index.get("s:" + (1 << 21)));
        }
    }

    @Test
    @Timeout(10)
    void removingANodeThatIsNotThereChangesNothing() {
        RetainedIndex index = new RetainedIndex("s");
        RetainedNode kept = node(1);
        index.add(kept);

        index.remove(node(2));
        index.remove(node(1));

        assertEquals(1, index.size());
        assertSame(kept, index.get("s:1"));
    }

    @Test
    void idsThatOnlyParseToANumberAreNotThatNumbersId() {
        RetainedIndex index = new RetainedIndex("s");
        RetainedNode seven = node(7);
        index.add(seven);

        assertSame(seven, index.get("s:7"));
        assertNull(index.get("s:07"));
        assertNull(index.get("s:+7"));
        assertNull(index.get("t:7"));
        assertNull(index.get(null));
    }

    private static RetainedNode node(long number) {
        return new RetainedNode(number, 0, "n", Map.of(), Map.of());
    }

    private static RetainedNode imported(String id) {
        return RetainedNode.of(new Checkpoint(id, "n", Instant.EPOCH, Map.of(), Map.of()), "s");
    }

    private static String id(RetainedNode node) {
        return node.checkpoint("s:").id();
    }
}
