package org.breakpilot.checkpoint.store;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a store that keeps sessions (the journal, PostgreSQL) does with the managers' changes: queues each
 * as a {@link JournalRecord} for its {@link JournalWriter}, and keeps every open session's replay results
 * beside, for the replay steps. Thread-safe.
 */
final class StoreChangeLog implements ChangeLog {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(StoreChangeLog.class);
    }

    private final WriteOptions options;
    private final JournalWriter writer;
    private final ConcurrentMap<String, ReplayLog> replayLogs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> sessionsOverReplayLimit = new ConcurrentHashMap<>();

    StoreChangeLog(WriteOptions options, JournalWriter writer) {
        this.options = options;
        this.writer = writer;
    }

    /** Gives {@code session} the replay results it was restored with. */
    void restored(String session, ReplayLog replay) {
        replayLogs.put(session, replay);
    }

    /** The replay results of {@code session}, empty for a new one. */
    ReplayLog replayLog(String session) {
        return replayLogs.computeIfAbsent(session, ReplayLog::new);
    }

    /** Forgets {@code session}, which left this JVM's memory: its replay results come back when it is loaded. */
    void unloaded(String session) {
        replayLogs.remove(session);
        sessionsOverReplayLimit.remove(session);
    }

    @Override
    public long created(String sessionId, Checkpoint checkpoint) {
        if (ReplayLog.isReplayResult(checkpoint)
                && !replayLog(sessionId).add(checkpoint, options.maxReplaySteps())
                && sessionsOverReplayLimit.putIfAbsent(sessionId, Boolean.TRUE) == null) {
            Log.LOG.warn("Session {} has {} replay results (maxReplaySteps); later calls replay only while retention"
                    + " keeps them. Call Checkpoints.complete(session) when a session is done", sessionId,
                    options.maxReplaySteps());
        }
        return writer.append(new JournalRecord.Created(sessionId, checkpoint));
    }

    @Override
    public long imported(String sessionId, List<Checkpoint> checkpoints) {
        return writer.append(new JournalRecord.Imported(sessionId, checkpoints));
    }

    @Override
    public long cleared(String sessionId) {
        replayLog(sessionId).clear();
        return writer.append(new JournalRecord.Cleared(sessionId));
    }

    @Override
    public long rewound(String sessionId, String checkpointId) {
        replayLog(sessionId).dropAfter(checkpointId);
        return writer.append(new JournalRecord.Rewound(sessionId, checkpointId));
    }

    @Override
    public void awaitDurable(long token) {
        writer.awaitDurable(token);
    }

    /** See {@link CheckpointStore#complete}; returns once the completion is durable. */
    void complete(String session) {
        ReplayLog released = replayLogs.remove(session);
        if (released != null) {
            released.clear();
        }
        sessionsOverReplayLimit.remove(session);
        writer.awaitDurable(writer.append(new JournalRecord.Completed(session)));
    }

    /** See {@link CheckpointStore#forked}; returns once the fork is durable. */
    void forked(CheckpointManager fork, List<Checkpoint> replayResults) {
        ReplayLog replay = replayLog(fork.sessionId());
        replay.addAll(fork.getAll(), options.maxReplaySteps());
        replay.addAll(replayResults, options.maxReplaySteps());
        writer.awaitDurable(writer.append(JournalRecord.Snapshot.of(fork, 0, replay, false)));
    }
}
