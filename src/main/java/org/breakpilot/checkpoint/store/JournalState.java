package org.breakpilot.checkpoint.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * Every session as a sequence of journal records leaves it: replaying the records in order through
 * real managers gives exactly the retention the live managers applied. Used to resume, to compact and
 * by the offline tools. Not thread-safe.
 */
final class JournalState implements Consumer<JournalRecord> {

    /** One session rebuilt: what its manager retains, its replay results, whether it was completed. */
    static final class Session {
        final CheckpointManager manager;
        final ReplayLog replay;
        boolean completed;
        /** The newest id handed out for a dropped record, which the manager never saw. */
        long reservedThrough;

        Session(CheckpointManager manager) {
            this.manager = manager;
            this.replay = new ReplayLog(manager.sessionId());
        }

        /** The n of the newest id handed out, journaled or reserved. */
        long lastIdNumber() {
            return Math.max(manager.lastIdNumber(), reservedThrough);
        }

        /** The record that stands for this whole session. */
        JournalRecord.Snapshot snapshot() {
            return JournalRecord.Snapshot.of(manager, reservedThrough, replay, completed);
        }
    }

    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final RetentionPolicy retention;
    private final int maxReplaySteps;
    private int recordsNotApplied;

    JournalState(RetentionPolicy retention, int maxReplaySteps) {
        this.retention = retention;
        this.maxReplaySteps = maxReplaySteps;
    }

    Map<String, Session> sessions() {
        return sessions;
    }

    /** Records that contradicted the state before them (such as a repeated id) and were skipped. */
    int recordsNotApplied() {
        return recordsNotApplied;
    }

    /** Applies {@code record}; one that contradicts the state before it is counted and skipped. */
    @Override
    public void accept(JournalRecord record) {
        try {
            applyOrThrow(record);
        } catch (IllegalArgumentException contradictory) {
            // Only damage that passed the CRC, or a hand-edited journal, gets here; the rest still loads.
            recordsNotApplied++;
        }
    }

    private void applyOrThrow(JournalRecord record) {
        if (record instanceof JournalRecord.Snapshot snapshot) {
            Session session = new Session(CheckpointManager.restore(snapshot.session(), retention, ChangeLog.NONE,
                    snapshot.retained(), snapshot.lastIdNumber()));
            session.completed = snapshot.completed();
            session.replay.addAll(snapshot.retained(), maxReplaySteps);
            session.replay.addAll(snapshot.replayResults(), maxReplaySteps);
            sessions.put(snapshot.session(), session);
            return;
        }
        Session session = sessions.computeIfAbsent(record.session(),
                id -> new Session(new CheckpointManager(id, retention)));
        if (record instanceof JournalRecord.Created created) {
            session.manager.importCheckpoints(List.of(created.checkpoint()));
            if (ReplayLog.isReplayResult(created.checkpoint())) {
                session.replay.add(created.checkpoint(), maxReplaySteps);
                session.completed = false;
            }
        } else if (record instanceof JournalRecord.Imported imported) {
            session.manager.importCheckpoints(imported.checkpoints());
        } else if (record instanceof JournalRecord.Cleared) {
            session.manager.clear();
            session.replay.clear();
        } else if (record instanceof JournalRecord.Rewound rewound) {
            session.replay.dropAfter(rewound.checkpointId());
            session.manager.rewindTo(rewound.checkpointId());
        } else if (record instanceof JournalRecord.Reserved reserved) {
            session.reservedThrough = Math.max(session.reservedThrough, reserved.lastIdNumber());
        } else if (record instanceof JournalRecord.Completed) {
            session.replay.clear();
            session.completed = true;
        }
    }
}
