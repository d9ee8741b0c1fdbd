package org.breakpilot.checkpoint.agent.recording;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * on first use, each reporting its changes to the store. With a store that lets idle sessions go
 * ({@code sessionIdleMs}), {@link #unloadIdle} takes them out of the heap, and their next use loads them
 * again. Thread-safe.
 */
public final class SessionRegistry {

    /** The longest name a fork gives its new session. */
    static final int MAX_FORK_NAME = 256;
    /** How often a change is tried on a session unloaded meanwhile: each try reloads it. */
    private static final int CHANGE_ATTEMPTS = 3;
    /** The most sessions unloaded together: the store writes what is queued once for them, and frees them in one go. */
    private static final int UNLOAD_BATCH = 1_000;

    /** An open session: its manager, and what lets it be unloaded when the store lets idle sessions go. */
    private static final class OpenSession {
        final CheckpointManager manager;
        /** Null when the store keeps every session. */
        final SessionChanges changes;
        /** When it was opened or last looked up; checkpoints count as use too (see {@link #lastUsedMillis}). */
        volatile long touchedMillis = System.currentTimeMillis();
        /** Being unloaded: it takes no change, and opening it waits (on its lock) until it is gone or kept. */
        volatile boolean unloading;

        OpenSession(CheckpointManager manager, SessionChanges changes) {
            this.manager = manager;
            this.changes = changes;
        }

        long lastUsedMillis() {
            return Math.max(touchedMillis, manager.lastCreatedEpochMicros() / 1_000);
        }
    }

    private final ConcurrentMap<String, OpenSession> managers = new ConcurrentHashMap<>();
    /**
     * A lock per session, made on first need ({@link #lockOf}) and held while the session is opened or
     * unloaded: a store may load it, take its lease and wait for another JVM's lease meanwhile, which must
     * hold up no other session. A lock leaves the map only with its session, under the lock; whoever then
     * holds it finds it is no longer the session's and retries.
     */
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    private final RetentionPolicy retention;
    private final CheckpointStore store;
    private final boolean unloadsIdle;
    private final String configuredSession;
    private volatile String defaultSession;

    private final List<Consumer<CheckpointManager>> onNewSession = new CopyOnWriteArrayList<>();
    private final List<Consumer<CheckpointManager>> onUnloaded = new CopyOnWriteArrayList<>();

    /**
     * @param configuredSession the {@code session} option, or null for {@code <hostname>-<pid>}
     * @param onNewSession      told of each manager, restored or made, on the thread that made it
     */
    public SessionRegistry(RetentionPolicy retention, CheckpointStore store, String configuredSession,
                    Consumer<CheckpointManager> onNewSession) {
        this.retention = retention;
        this.store = store;
        this.unloadsIdle = store.sessionIdleMs() > 0;
        this.configuredSession = configuredSession;
        this.onNewSession.add(onNewSession);
        for (CheckpointManager restored : store.restored()) {
            managers.put(restored.sessionId(), new OpenSession(restored, null));
            onNewSession.accept(restored);
        }
    }

    /** The manager of {@code session}, or of the default session when it is null. */
    CheckpointManager manager(String session) {
        String id = resolve(session);
        OpenSession open = managers.get(id);
        return open != null && !open.unloading ? open.manager : open(id).manager;
    }

    /**
     * Applies {@code change} to the manager of {@code session} (the default session when null); when the
     * session was unloaded while the change was under way, the change was refused, and is applied to the
     * session loaded anew.
     */
    <T> T change(String session, Function<CheckpointManager, T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.apply(manager(session));
            } catch (SessionChanges.SessionUnloaded unloaded) {
                if (attempt == CHANGE_ATTEMPTS) {
                    throw unloaded;
                }
            }
        }
    }

    private OpenSession open(String id) {
        boolean interrupted = false;
        try {
            while (true) {
                Object lock = lockOf(id);
                OpenSession made;
                synchronized (lock) {
                    if (locks.get(id) != lock) {
                        continue;
                    }
                    OpenSession existing = managers.get(id);
                    if (existing != null && existing.unloading) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                        continue;
                    }
                    if (existing != null) {
                        return existing;
                    }
                    SessionChanges changes = unloadsIdle ? new SessionChanges(store.changeLog()) : null;
                    made = new OpenSession(store.openSession(id, retention, changes != null ? changes : store.changeLog()),
                            changes);
                    managers.put(id, made);
                }
                tellNewSession(made.manager);
                return made;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs {@code action} while {@code session} is open (opening it first when {@code create}, or when the
     * store holds it) and cannot be unloaded; without such a session, runs nothing and returns null.
     */
    private <T> T whileOpen(String session, boolean create, Supplier<T> action) {
        String id = resolve(session);
        while (true) {
            if ((create ? manager(id) : existing(id)) == null) {
                return null;
            }
            Object lock = lockOf(id);
            synchronized (lock) {
                OpenSession open = managers.get(id);
                if (locks.get(id) == lock && open != null && !open.unloading) {
                    return action.get();
                }
            }
        }
    }

    /** The lock of session {@code id}; made now for a session restored at start or forked, which has none yet. */
    private Object lockOf(String id) {
        return locks.computeIfAbsent(id, key -> new Object());
    }

    /**
     * Lets every session go that had no checkpoint and no look-up for {@code idleMillis}, when the store can
     * give it up: it leaves the heap, its lease and JMX, and comes back from the store on its next use. A
     * replay step's call numbers in this run stay with the {@link StepReplayer} until the session is
     * complete, so a job's next call replays the right result. Returns how many went.
     */
    int unloadIdle(long idleMillis) {
        if (!unloadsIdle) {
            return 0;
        }
        long now = System.currentTimeMillis();
        Map<String, OpenSession> retired = new HashMap<>();
        int unloaded = 0;
        for (Map.Entry<String, OpenSession> session : managers.entrySet()) {
            OpenSession open = session.getValue();
            if (open.changes != null && now - open.lastUsedMillis() >= idleMillis && retire(session.getKey(), open)) {
                retired.put(session.getKey(), open);
                if (retired.size() == UNLOAD_BATCH) {
                    unloaded += unload(retired);
                    retired.clear();
                }
            }
        }
        return retired.isEmpty() ? unloaded : unloaded + unload(retired);
    }

    /** Marks {@code open} as being unloaded, once no change is under way in it; false when it is not the session's any more. */
    private boolean retire(String id, OpenSession open) {
        Object lock = lockOf(id);
        synchronized (lock) {
            if (locks.get(id) != lock || managers.get(id) != open || open.unloading) {
                return false;
            }
            open.unloading = true;
            open.changes.unload();
        }
        // Through the manager's lock: a change that took it first is queued for the store by now.
        open.manager.lastIdNumber();
        return true;
    }

    /** Has the store let the retired sessions go; those it keeps take changes again. Returns how many went. */
    private int unload(Map<String, OpenSession> retired) {
        Set<String> gone = store.unload(retired.keySet());
        for (Map.Entry<String, OpenSession> session : retired.entrySet()) {
            String id = session.getKey();
            OpenSession open = session.getValue();
            Object lock = locks.get(id);
            synchronized (lock) {
                if (gone.contains(id)) {
                    managers.remove(id, open);
                    locks.remove(id, lock);
                } else {
                    open.changes.keep();
                }
                open.unloading = false;
                lock.notifyAll();
            }
            if (gone.contains(id)) {
                for (Consumer<CheckpointManager> listener : onUnloaded) {
                    listener.accept(open.manager);
                }
            }
        }
        return gone.size();
    }

    /** Also tells {@code listener} of the manager of each session unloaded from now on. */
    public void alsoOnUnloaded(Consumer<CheckpointManager> listener) {
        onUnloaded.add(listener);
    }

    /** Whether {@code session} is in memory, brought back first when it left it and the store holds it. */
    public boolean load(String session) {
        return session != null && existing(session) != null;
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
        if (store.holds(newSession)) {
            throw alreadyExists(newSession);
        }
        OpenSession[] made = new OpenSession[1];
        managers.compute(newSession, (id, existing) -> {
            if (existing != null) {
                throw alreadyExists(newSession);
            }
            List<Checkpoint> history = source.historyThrough(checkpointId, newSession);
            SessionChanges changes = unloadsIdle ? new SessionChanges(store.changeLog()) : null;
            CheckpointManager fork = CheckpointManager.restore(newSession, retention,
                    changes != null ? changes : store.changeLog(), history, CheckpointIds.number(session, checkpointId));
            store.forked(fork, replayResultsThrough(session, checkpointId, newSession));
            made[0] = new OpenSession(fork, changes);
            return made[0];
        });
        tellNewSession(made[0].manager);
        return made[0].manager;
    }

    private static IllegalArgumentException alreadyExists(String session) {
        return new IllegalArgumentException("session " + ErrorValues.quoted(session) + " already exists; fork into a new name");
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
        return whileOpen(session, true, () -> store.replayLog(resolve(session)));
    }

    /** The store the sessions report to. */
    CheckpointStore store() {
        return store;
    }

    /** Marks {@code session} complete in the store; a session neither open nor stored has nothing to complete. */
    void complete(String session) {
        whileOpen(session, false, () -> {
            store.complete(resolve(session));
            return null;
        });
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
        if (session == null) {
            return null;
        }
        OpenSession open = managers.get(session);
        if (open != null && !open.unloading) {
            open.touchedMillis = System.currentTimeMillis();
            return open.manager;
        }
        return open != null || store.holds(session) ? manager(session) : null;
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
        List<CheckpointManager> all = new ArrayList<>();
        managers.values().forEach(open -> all.add(open.manager));
        return all;
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
