package org.breakpilot.checkpoint.agent.recording;

import java.util.List;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.Checkpoint;

/**
 * One session's {@link ChangeLog} in a store that lets idle sessions go ({@code sessionIdleMs}). Once the
 * session is unloaded its manager takes no change: a thread that still held the manager must not write
 * after the store gave the session up, so it is told ({@link SessionUnloaded}) and takes the session's
 * manager anew. The manager calls it under its lock, which is what orders a change and the unloading.
 */
final class SessionChanges implements ChangeLog {

    /** Thrown by a change to a manager whose session was unloaded; {@link SessionRegistry} takes it anew. */
    static final class SessionUnloaded extends IllegalStateException {
        SessionUnloaded(String session) {
            super("session '" + session + "' was idle (sessionIdleMs) and left this JVM's memory; look it up again");
        }
    }

    private final ChangeLog store;
    private volatile boolean unloaded;

    SessionChanges(ChangeLog store) {
        this.store = store;
    }

    /** From now on every change is refused. */
    void unload() {
        unloaded = true;
    }

    /** The store kept the session after all: changes are taken again. */
    void keep() {
        unloaded = false;
    }

    @Override
    public long created(String sessionId, Checkpoint checkpoint) {
        requireLoaded(sessionId);
        return store.created(sessionId, checkpoint);
    }

    @Override
    public long imported(String sessionId, List<Checkpoint> checkpoints) {
        requireLoaded(sessionId);
        return store.imported(sessionId, checkpoints);
    }

    @Override
    public long cleared(String sessionId) {
        requireLoaded(sessionId);
        return store.cleared(sessionId);
    }

    @Override
    public long rewound(String sessionId, String checkpointId) {
        requireLoaded(sessionId);
        return store.rewound(sessionId, checkpointId);
    }

    @Override
    public void awaitDurable(long token) {
        store.awaitDurable(token);
    }

    private void requireLoaded(String sessionId) {
        if (unloaded) {
            throw new SessionUnloaded(sessionId);
        }
    }
}
