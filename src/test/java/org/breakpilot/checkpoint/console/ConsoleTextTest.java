package org.breakpilot.checkpoint.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.TreeNode;
import org.breakpilot.checkpoint.jmx.CheckpointData;
import org.junit.jupiter.api.Test;

/** What the tab writes: durations and JSON as tree lines. Builds no window. */
class ConsoleTextTest {

    @Test
    void durationsReadInTheUnitThatFitsWhateverTheLocale() {
        assertEquals(List.of("", "1.5 µs", "30.3 ms", "2.50 s"), List.of(mark(-1).durationText(),
                mark(1_500).durationText(), mark(30_300_000).durationText(), mark(2_500_000_000L).durationText()));
    }

    @Test
    void dataAndMetadataBecomeATreeOfFieldsAndElements() {
        CheckpointData checkpoint = new CheckpointData("job:2", "step", "2026-12-02T08:00:00Z",
                "{\"args\":{\"ids\":[4,5]},\"result\":null}", "{\"outcome\":\"returned\"}");

        assertEquals(List.of("job:2 step at 2026-12-02T08:00:00Z", "data {2}", "args {1}", "ids [2]", "0: 4", "1: 5",
                "result: null", "metadata {1}", "outcome: \"returned\""), lines(JsonTree.of(checkpoint).getRoot()));
    }

    @Test
    void textThatIsNotJsonIsShownAsItIs() {
        assertEquals(List.of("data: <redacted"), lines(JsonTree.of("data", "<redacted").getRoot()));
    }

    private static CheckpointMark mark(long durationNanos) {
        return new CheckpointMark("job:1", 1, "step", Instant.EPOCH, durationNanos, "returned");
    }

    private static List<String> lines(Object root) {
        List<String> lines = new ArrayList<>();
        for (TreeNode node : Collections.list(((DefaultMutableTreeNode) root).preorderEnumeration())) {
            lines.add(node.toString());
        }
        return lines;
    }
}
