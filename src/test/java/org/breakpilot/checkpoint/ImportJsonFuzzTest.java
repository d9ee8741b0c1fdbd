package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.breakpilot.checkpoint.testing.FuzzOracle;

/**
 * Fuzzes {@link CheckpointManager#importJson}: any text either imports, and then exports in a form that
 * imports again to the same export, or is refused with a one-line {@link IllegalArgumentException}
 * that leaves the manager exactly as it was. Any other exception or error is a finding.
 *
 * <p>Seeds (in {@code ImportJsonFuzzTestInputs}): an export written by the Python reference, one of
 * ours, and near misses. {@code mvn verify} fuzzes it for seconds; {@code scripts/fuzz.sh} for longer.
 */
class ImportJsonFuzzTest {

    /** Small enough that an import of a few records compresses and evicts. */
    private static final RetentionPolicy RETENTION = new RetentionPolicy(8, 6, 3);

    @FuzzTest(maxDuration = "10s")
    void importEitherWorksOrIsRefusedLeavingTheManagerUnchanged(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        CheckpointManager manager = managerWithCheckpoints();
        String exportBefore = manager.exportJson();
        CheckpointSummary summaryBefore = manager.getSummary();
        long lastIdBefore = manager.lastIdNumber();
        List<String> idsBefore = manager.getAll().stream().map(Checkpoint::id).toList();

        int imported;
        try {
            imported = manager.importJson(json);
        } catch (IllegalArgumentException refused) {
            FuzzOracle.assertOneLineMessage(refused);
            assertEquals(exportBefore, manager.exportJson());
            assertEquals(summaryBefore, manager.getSummary());
            assertEquals(lastIdBefore, manager.lastIdNumber());
            return;
        }

        CheckpointManager copy = new CheckpointManager("s", RETENTION);
        copy.importJson(manager.exportJson());
        assertEquals(manager.exportJson(), copy.exportJson(), "what we export must import to the same export");
        assertEquals(manager.size(), copy.size());
        Set<String> taken = new HashSet<>(idsBefore);
        manager.getAll().forEach(checkpoint -> taken.add(checkpoint.id()));
        String nextId = manager.create("after", Map.of()).id();
        assertFalse(taken.contains(nextId), "id " + nextId + " reused after importing " + imported + " checkpoints");
    }

    private static CheckpointManager managerWithCheckpoints() {
        CheckpointManager manager = new CheckpointManager("s", RETENTION);
        manager.create("started", Map.of("task", "fuzz", "depth", 3, "tags", List.of("a", "b")));
        manager.create("called", Map.of("tool", "search", "ratio", 0.25), Map.of("source", "test"));
        manager.create("done", Map.of());
        return manager;
    }
}
