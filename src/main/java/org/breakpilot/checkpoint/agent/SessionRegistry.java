package org.breakpilot.checkpoint.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;

/** The agent's {@link CheckpointManager}s, one per session, made on first use. Thread-safe. */
final class SessionRegistry {

    private final ConcurrentMap<String, CheckpointManager> managers = new ConcurrentHashMap<>();
    private final RetentionPolicy retention;
    private final String configuredSession;
    private volatile String defaultSession;

    private final Consumer<CheckpointManager> onNewSession;

    /**
     * @param configuredSession the {@code session} option, or null for {@code <hostname>-<pid>}
     * @param onNewSession      told of each manager made, on the thread that made it
     */
    SessionRegistry(RetentionPolicy retention, String configuredSession, Consumer<CheckpointManager> onNewSession) {
        this.retention = retention;
        this.configuredSession = configuredSession;
        this.onNewSession = onNewSession;
    }

    /** The manager of {@code session}, or of the default session when it is null. */
    CheckpointManager manager(String session) {
        String id = session == null ? defaultSession() : session;
        CheckpointManager manager = managers.get(id);
        if (manager != null) {
            return manager;
        }
        CheckpointManager made = new CheckpointManager(id, retention);
        CheckpointManager existing = managers.putIfAbsent(id, made);
        if (existing != null) {
            return existing;
        }
        onNewSession.accept(made);
        return made;
    }

    /** The ids of every session, in no particular order. */
    List<String> ids() {
        return List.copyOf(managers.keySet());
    }

    /** The manager of {@code session} if it has one, else null; never creates one. */
    CheckpointManager existing(String session) {
        return managers.get(session);
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
}
