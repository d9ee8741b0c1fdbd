package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manager's operations that recovery builds on: rewind, fork history, restore, and the change log. */
class RecoveryOperationsTest {

    private static List<String> ids(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::id).toList();
    }

    private static CheckpointManager withSteps(ChangeLog changes, int steps) {
        CheckpointManager manager = new CheckpointManager("job", RetentionPolicy.DEFAULT, changes);
        for (int i = 1; i <= steps; i++) {
            manager.create("step-" + i, Map.of("i", i));
        }
        return manager;
    }

    @Test
    void rewindRemovesEverythingAfterTheCheckpointAndIdsKeepCounting() {
        CheckpointManager manager = withSteps(ChangeLog.NONE, 6);

        assertEquals(3, manager.rewindTo("job:3"));

        assertEquals(List.of("job:1", "job:2", "job:3"), ids(manager.getAll()));
        assertEquals("job:7", manager.create("step-4", Map.of()).id());
    }

    @Test
    void rewindToAnUnknownIdChangesNothing() {
        CheckpointManager manager = withSteps(ChangeLog.NONE, 3);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> manager.rewindTo("job:9"));

        assertEquals("no checkpoint 'job:9' is retained in session 'job'", refused.getMessage());
        assertEquals(3, manager.size());
    }

    @Test
    void historyThroughReissuesIdsInTheNewSessionUnderTheSameNumbers() {
        CheckpointManager manager = withSteps(ChangeLog.NONE, 5);

        List<Checkpoint> history = manager.historyThrough("job:3", "job-retry");

        assertEquals(List.of("job-retry:1", "job-retry:2", "job-retry:3"), ids(history));
        assertEquals(manager.get("job:2").orElseThrow().data(), history.get(1).data());
        assertEquals(5, manager.size(), "the source is unchanged");
    }

    @Test
    void restoreRetainsTheGivenStateAndCountsOnFromItsLastNumber() {
        CheckpointManager original = withSteps(ChangeLog.NONE, 4);
        original.rewindTo("job:2");

        CheckpointManager restored = CheckpointManager.restore("job", RetentionPolicy.DEFAULT, ChangeLog.NONE,
                original.getAll(), original.lastIdNumber());

        assertEquals(original.getAll(), restored.getAll());
        assertEquals("job:5", restored.create("next", Map.of()).id());
    }

    @Test
    void restoringACompressedStateRetainsExactlyTheSame() {
        CheckpointManager original = new CheckpointManager("job", new RetentionPolicy(30, 12, 5));
        for (int i = 0; i < 500; i++) {
            original.create("name-" + (i % 9), Map.of("i", i));
        }

        CheckpointManager restored = CheckpointManager.restore("job", new RetentionPolicy(30, 12, 5), ChangeLog.NONE,
                original.getAll(), original.lastIdNumber());

        assertEquals(original.getAll(), restored.getAll());
    }

    @Test
    void everyChangeReachesTheChangeLogInOrderAndIsAwaited() {
        RecordingChangeLog log = new RecordingChangeLog();
        CheckpointManager manager = withSteps(log, 2);
        manager.rewindTo("job:1");
        manager.importJson(new CheckpointManager("other").exportJson());
        manager.clear();

        assertEquals(List.of("created job:1", "awaited 1", "created job:2", "awaited 2", "rewound job:1", "awaited 3",
                "imported []", "awaited 4", "cleared job", "awaited 5"), log.seen);
    }

    @Test
    void aFailedImportReportsNothingToTheChangeLog() {
        RecordingChangeLog log = new RecordingChangeLog();
        CheckpointManager manager = withSteps(log, 2);
        String duplicate = manager.exportJson();
        log.seen.clear();

        assertThrows(IllegalArgumentException.class, () -> manager.importJson(duplicate));

        assertTrue(log.seen.isEmpty(), log.seen.toString());
    }

    /** Writes down every change and wait, numbering the changes as tokens. */
    private static final class RecordingChangeLog implements ChangeLog {
        final List<String> seen = new ArrayList<>();
        private long token;

        @Override
        public long created(String sessionId, Checkpoint checkpoint) {
            seen.add("created " + checkpoint.id());
            return ++token;
        }

        @Override
        public long imported(String sessionId, List<Checkpoint> checkpoints) {
            seen.add("imported " + ids(checkpoints));
            return ++token;
        }

        @Override
        public long cleared(String sessionId) {
            seen.add("cleared " + sessionId);
            return ++token;
        }

        @Override
        public long rewound(String sessionId, String checkpointId) {
            seen.add("rewound " + checkpointId);
            return ++token;
        }

        @Override
        public void awaitDurable(long awaited) {
            seen.add("awaited " + awaited);
        }
    }
}
