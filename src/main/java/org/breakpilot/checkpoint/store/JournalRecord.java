package org.breakpilot.checkpoint.store;

import java.util.ArrayList;
import java.util.List;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;

/** One change to one session, as the journal stores it. Replaying them in order rebuilds every session. */
sealed interface JournalRecord {

    /** The session the change belongs to. */
    String session();

    /** A checkpoint was created. */
    record Created(String session, Checkpoint checkpoint) implements JournalRecord {
    }

    /** Checkpoints were imported together. */
    record Imported(String session, List<Checkpoint> checkpoints) implements JournalRecord {
    }

    /** The session's checkpoints were cleared; its replay results too. */
    record Cleared(String session) implements JournalRecord {
    }

    /** Every checkpoint after {@code checkpointId} was removed, replay results included. */
    record Rewound(String session, String checkpointId) implements JournalRecord {
    }

    /**
     * Ids through {@code lastIdNumber} were handed out for checkpoints whose records were dropped (the
     * writer was behind or the disk failing): ids go on after it, so none is handed out again after a restart.
     */
    record Reserved(String session, long lastIdNumber) implements JournalRecord {
    }

    /** The session was completed: its replay results are released. */
    record Completed(String session) implements JournalRecord {
    }

    /**
     * A session's whole state, as compaction writes it: it replaces what came before.
     *
     * @param retained      the checkpoints its manager retains, oldest first
     * @param replayResults replay results the manager no longer retains, oldest first
     */
    record Snapshot(String session, long lastIdNumber, boolean completed, List<Checkpoint> retained,
                    List<Checkpoint> replayResults) implements JournalRecord {

        /** The whole state of {@code manager}'s session with its replay results. */
        static Snapshot of(CheckpointManager manager, long lastIdNumber, ReplayLog replay, boolean completed) {
            List<Checkpoint> replayOnly = new ArrayList<>();
            for (Checkpoint result : replay.all()) {
                if (manager.get(result.id()).isEmpty()) {
                    replayOnly.add(result);
                }
            }
            return new Snapshot(manager.sessionId(), Math.max(manager.lastIdNumber(), lastIdNumber), completed,
                    manager.getAll(), replayOnly);
        }
    }
}
