package org.breakpilot.checkpoint.store;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;

/** Keeps nothing beyond the managers: sessions end with the process. */
public final class MemoryStore implements CheckpointStore {

    // Made on first use: SecureRandom's seeding is not paid at start-up.
    private byte[] argumentKey;

    @Override
    public ChangeLog changeLog() {
        return ChangeLog.NONE;
    }

    @Override
    public Collection<CheckpointManager> restored() {
        return List.of();
    }

    @Override
    public ReplayLog replayLog(String session) {
        return null;
    }

    @Override
    public void complete(String session) {
        // Nothing is kept for replay in memory.
    }

    @Override
    public void forked(CheckpointManager fork, List<Checkpoint> replayResults) {
        // The fork's manager is all there is.
    }

    @Override
    public synchronized byte[] argumentKey() {
        // Nothing is replayed from memory: any key will do, and none is kept.
        if (argumentKey == null) {
            argumentKey = new byte[32];
            new SecureRandom().nextBytes(argumentKey);
        }
        return argumentKey.clone();
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
