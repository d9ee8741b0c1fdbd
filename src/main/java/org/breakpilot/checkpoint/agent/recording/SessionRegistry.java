package org.breakpilot.checkpoint.agent.recording;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.internal.HostName;
import org.breakpilot.checkpoint.internal.CheckpointIds;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.CheckpointStore;
import org.breakpilot.checkpoint.store.ReplayLog;

/**
 * The agent's {@link CheckpointManager}s, one per session: those its store restored, and new ones made
 * on first use, each reporting its changes to the store. Thread-safe.
 */
public final class SessionRegistry {

    /** The longest name a fork gives its new session. */
    static final int MAX_FORK_NAME = 256;

    private final ConcurrentMap<String, CheckpointManager> managers = new ConcurrentHashMap<>();
    /** A lock per session being opened. */
    private final ConcurrentMap<String, Object> opening = new ConcurrentHashMap<>();
    private final RetentionPolicy retention;
    private final CheckpointStore store;
    private final String configuredSession;
    private volatile String defaultSession;

    private final List<Consumer<CheckpointManager>> onNewSession = new CopyOnWriteArrayList<>();

    /**
     * @param configuredSession the {@code session} option, or null for {@code <hostname>-<pid>}
     * @param onNewSession      told of each manager, restored or made, on the thread that made it
     */
    public SessionRegistry(RetentionPolicy retention, CheckpointStore store, String configuredSession,
                    Consumer<CheckpointManager> onNewSession) {
        this.retention = retention;
        this.store = store;
        this.configuredSession = configuredSession;
        this.onNewSession.add(onNewSession);
        for (CheckpointManager restored : store.restored()) {
            managers.put(restored.sessionId(), restored);
            onNewSession.accept(restored);
        }
    }

    /** The manager of {@code session}, or of the default session when it is null. */
    CheckpointManager manager(String session) {
        String id = resolve(session);
        CheckpointManager manager = managers.get(id);
        if (manager != null) {
            return manager;
        }
        // A session is opened once: a store may load it and take its lease, and may wait for another JVM's
        // lease to end meanwhile, which must hold up no other session.
        Object lock = opening.computeIfAbsent(id, key -> new Object());
        CheckpointManager made;
        synchronized (lock) {
            CheckpointManager existing = managers.get(id);
            if (existing != null) {
                return existing;
            }
            made = store.openSession(id, retention);
            managers.put(id, made);
        }
        opening.remove(id, lock);
        tellNewSession(made);
        return made;
    }

    /** {@code session}, or the default session when it is null. */
    String resolve(String session) {
        return session == null ? defaultSession() : session;
    }

    /**
     * Makes {@code newSession} from the history of {@code session} up to {@code checkpointId}, replay
     * results included.
     *
     * @throws IllegalArgumentException when the session or checkpoint is unknown, the new session exists, or
     *                                  its name is blank, longer than {@value #MAX_FORK_NAME} characters or
     *                                  holds a control character
     */
    public CheckpointManager fork(String session, String checkpointId, String newSession) {
        CheckpointManager source = existing(session);
        if (source == null) {
            throw new IllegalArgumentException("no session " + ErrorValues.quoted(session));
        }
        requireForkName(newSession);
        CheckpointManager[] made = new CheckpointManager[1];
        managers.compute(newSession, (id, existing) -> {
            if (existing != null) {
                throw new IllegalArgumentException("session " + ErrorValues.quoted(newSession) + " already exists; fork into a new name");
            }
            List<Checkpoint> history = source.historyThrough(checkpointId, newSession);
            CheckpointManager fork = CheckpointManager.restore(newSession, retention, store.changeLog(), history,
                    CheckpointIds.number(session, checkpointId));
            store.forked(fork, replayResultsThrough(session, checkpointId, newSession));
            made[0] = fork;
            return fork;
        });
        tellNewSession(made[0]);
        return made[0];
    }

    /** Also tells {@code listener} of each manager made from now on, on the thread that made it. */
    void alsoOnNewSession(Consumer<CheckpointManager> listener) {
        onNewSession.add(listener);
    }

    private void tellNewSession(CheckpointManager made) {
        for (Consumer<CheckpointManager> listener : onNewSession) {
            listener.accept(made);
        }
    }

    /**
     * A fork's new name comes from an operator (JMX, the CLI): one that is blank, holds a line break or
     * NUL, or is huge would then name an MBean, journal records and an exportOnExit file.
     */
    private static void requireForkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_FORK_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the new session's name must be 1 to " + MAX_FORK_NAME
                    + " characters, not blank, with no control characters; got " + ErrorValues.quoted(name));
        }
    }

    /**
     * The replay results of {@code session}, opened first: a store that loads a session on its first use
     * (PostgreSQL) has its results only then. Null when the store keeps none.
     */
    ReplayLog replayLog(String session) {
        manager(session);
        return store.replayLog(session);
    }

    /** The store the sessions report to. */
    CheckpointStore store() {
        return store;
    }

    /** Marks {@code session} complete in the store. */
    void complete(String session) {
        store.complete(session);
    }

    /** The ids of every session, in no particular order. */
    public List<String> ids() {
        return List.copyOf(managers.keySet());
    }

    /**
     * The manager of {@code session} if it has one, else null; never creates a session the store does not
     * hold (one the store holds and this JVM has not used yet is opened).
     */
    CheckpointManager existing(String session) {
        CheckpointManager manager = managers.get(session);
        return manager != null || session == null || !store.holds(session) ? manager : manager(session);
    }

    /** The {@code session} option, else {@code <hostname>-<pid>}, worked out on first use. */
    String defaultSession() {
        String session = defaultSession;
        if (session == null) {
            session = configuredSession != null ? configuredSession
                    : HostName.get() + "-" + ProcessHandle.current().pid();
            defaultSession = session;
        }
        return session;
    }

    Collection<CheckpointManager> all() {
        return List.copyOf(new ArrayList<>(managers.values()));
    }

    /** The source's replay results up to the fork point, re-identified in the new session. */
    private List<Checkpoint> replayResultsThrough(String session, String checkpointId, String newSession) {
        ReplayLog log = store.replayLog(session);
        if (log == null) {
            return List.of();
        }
        long through = CheckpointIds.number(session, checkpointId);
        List<Checkpoint> copied = new ArrayList<>();
        for (Checkpoint result : log.all()) {
            long number = CheckpointIds.number(session, result.id());
            if (number > 0 && number <= through) {
                copied.add(new Checkpoint(CheckpointIds.reissued(result.id(), session, newSession), result.name(),
                        result.timestamp(), result.data(), result.metadata()));
            }
        }
        return copied;
    }
}
