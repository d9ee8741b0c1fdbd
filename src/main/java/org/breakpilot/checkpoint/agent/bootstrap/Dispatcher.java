package org.breakpilot.checkpoint.agent.bootstrap;

import java.util.List;
import java.util.Map;

/**
 * The one class instrumented code calls. The agent puts it on the bootstrap class path so that
 * classes of every class loader (child-first, nested-jar, thread-context) see the same one; it uses
 * JDK types only. Every entry point catches everything: nothing of ours reaches the application.
 */
public final class Dispatcher {

    private static volatile CheckpointSink sink;
    private static final ThreadLocal<SessionScope> SCOPE = new ThreadLocal<>();
    // Set while our own code runs on a thread, so that an instrumented method called by a capture
    // (a getter) or a listener is not recorded inside the recording of another.
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private Dispatcher() {
    }

    /** Routes calls to {@code newSink}; null stops recording. */
    public static void install(CheckpointSink newSink) {
        sink = newSink;
    }

    /** Entered by the advice of an instrumented method. */
    public static Object enter(int methodId, Object[] arguments) {
        CheckpointSink current = sink;
        if (current == null || BUSY.get() != null) {
            return null;
        }
        BUSY.set(Boolean.TRUE);
        try {
            SessionScope scope = SCOPE.get();
            return current.enter(methodId, arguments, scope == null ? null : scope.sessionId);
        } catch (Throwable ignored) {
            // The sink counts and logs its failures; this only keeps them from the application.
            return null;
        } finally {
            BUSY.remove();
        }
    }

    /** Entered by the advice of a replay step: may return a {@link Replayed}, and then the body is skipped. */
    public static Object enterReplayable(int methodId, Object[] arguments, Class<?> type) {
        CheckpointSink current = sink;
        if (current == null || BUSY.get() != null) {
            return null;
        }
        BUSY.set(Boolean.TRUE);
        try {
            SessionScope scope = SCOPE.get();
            return current.enterReplayable(methodId, arguments, type, scope == null ? null : scope.sessionId);
        } catch (Throwable ignored) {
            // As in enter: the step then runs, unrecorded.
            return null;
        } finally {
            BUSY.remove();
        }
    }

    /** Exited by the advice of an instrumented method, with its entry state. */
    public static void exit(int methodId, Object enterState, Object result, Throwable thrown) {
        CheckpointSink current = sink;
        if (current == null || enterState == null || BUSY.get() != null) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        try {
            current.exit(methodId, enterState, result, thrown);
        } catch (Throwable ignored) {
            // As in enter.
        } finally {
            BUSY.remove();
        }
    }

    /** For {@code Checkpoints.session}: opens a scope on this thread, or returns null with no agent. */
    public static AutoCloseable openSession(String sessionId) {
        if (sink == null || sessionId == null) {
            return null;
        }
        SessionScope scope = new SessionScope(sessionId, SCOPE.get());
        SCOPE.set(scope);
        return scope;
    }

    /** For {@code Checkpoints.current}: the session of the innermost open scope, or null. */
    public static String currentSession() {
        SessionScope scope = SCOPE.get();
        return scope == null ? null : scope.sessionId;
    }

    /** For {@code Checkpoints.create}: records by hand; null when not recorded. */
    public static String create(String name, Map<String, ?> data) {
        CheckpointSink current = sink;
        if (current == null || name == null || BUSY.get() != null) {
            return null;
        }
        BUSY.set(Boolean.TRUE);
        try {
            return current.create(currentSession(), name, data);
        } catch (Throwable ignored) {
            return null;
        } finally {
            BUSY.remove();
        }
    }

    /** For {@code Checkpoints.summaryJson}: the session's summary, or null. */
    public static String summaryJson(String session) {
        CheckpointSink current = sink;
        try {
            return current == null || session == null ? null : current.summaryJson(session);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** For {@code Checkpoints.exportJson}: the session's export, or null. */
    public static String exportJson(String session) {
        CheckpointSink current = sink;
        try {
            return current == null || session == null ? null : current.exportJson(session);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** For {@code Checkpoints.latest}: the newest checkpoint named {@code name} as plain maps, or null. */
    public static Map<String, Object> latest(String session, String name) {
        CheckpointSink current = sink;
        try {
            return current == null || session == null ? null : current.latest(session, name);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** For {@code Checkpoints.history}: the session's checkpoints as plain maps, or null. */
    public static List<Map<String, Object>> history(String session) {
        CheckpointSink current = sink;
        try {
            return current == null || session == null ? null : current.history(session);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** For {@code Checkpoints.rollbackTo}: a checkpoint's data, or null. */
    public static Map<String, Object> rollbackTo(String session, String id) {
        CheckpointSink current = sink;
        try {
            return current == null || session == null || id == null ? null : current.rollbackTo(session, id);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** For {@code Checkpoints.rewindTo}: how many checkpoints were removed, -1 when none could be. */
    public static int rewindTo(String session, String id) {
        CheckpointSink current = sink;
        try {
            return current == null || session == null || id == null ? -1 : current.rewindTo(session, id);
        } catch (Throwable ignored) {
            return -1;
        }
    }

    /** For {@code Checkpoints.fork}: whether the fork was made. */
    public static boolean fork(String session, String id, String newSession) {
        CheckpointSink current = sink;
        try {
            return current != null && session != null && id != null && newSession != null
                    && current.fork(session, id, newSession);
        } catch (Throwable ignored) {
            return false;
        }
    }

    /** For {@code Checkpoints.complete}. */
    public static boolean complete(String session) {
        CheckpointSink current = sink;
        if (current == null || session == null) {
            return false;
        }
        try {
            current.complete(session);
            return true;
        } catch (Throwable ignored) {
            return false;
        }
    }

    /** One scope; closing it restores its parent, also when inner scopes were left open. */
    private static final class SessionScope implements AutoCloseable {
        final String sessionId;
        final SessionScope parent;

        SessionScope(String sessionId, SessionScope parent) {
            this.sessionId = sessionId;
            this.parent = parent;
        }

        @Override
        public void close() {
            if (parent == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(parent);
            }
        }
    }
}
