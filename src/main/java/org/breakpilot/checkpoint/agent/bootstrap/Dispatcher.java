package org.breakpilot.checkpoint.agent.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one class instrumented code calls. The agent puts it on the bootstrap class path so that
 * classes of every class loader (child-first, nested-jar, thread-context) see the same one; it uses
 * JDK types only. Every entry point catches everything: nothing of ours reaches the application.
 */
public final class Dispatcher {

    private static volatile CheckpointSink sink;
    // One object per thread, made on its first call and then only read and written: a ThreadLocal set
    // and removed around every call would allocate an entry each time.
    private static final ThreadLocal<ThreadState> STATE = new ThreadLocal<>();

    private Dispatcher() {
    }

    /** Routes calls to {@code newSink}; null stops recording. */
    public static void install(CheckpointSink newSink) {
        sink = newSink;
    }

    /** Entered by the advice of an instrumented method. */
    public static Object enter(int methodId, Object[] arguments) {
        return enterReplayable(methodId, arguments, null);
    }

    /**
     * Entered by the advice of a replay step, with the class declaring it: may return a
     * {@link Replayed}, and then the body is skipped.
     */
    public static Object enterReplayable(int methodId, Object[] arguments, Class<?> type) {
        CheckpointSink current = sink;
        ThreadState state;
        if (current == null || (state = ThreadState.current()).busy) {
            return null;
        }
        state.busy = true;
        try {
            SessionScope scope = state.scope;
            return current.enter(methodId, arguments, type, scope == null ? null : scope.sessionId);
        } catch (Throwable ignored) {
            // The sink counts and logs its failures; this only keeps them from the application.
            return null;
        } finally {
            state.busy = false;
        }
    }

    /** Exited by the advice of an instrumented method, with its entry state. */
    public static void exit(int methodId, Object enterState, Object result, Throwable thrown) {
        CheckpointSink current = sink;
        ThreadState state;
        if (current == null || enterState == null || (state = ThreadState.current()).busy) {
            return;
        }
        state.busy = true;
        try {
            current.exit(methodId, enterState, result, thrown);
        } catch (Throwable ignored) {
            // As in enter.
        } finally {
            state.busy = false;
        }
    }

    /** For {@code Checkpoints.session}: opens a scope on this thread, or returns null with no agent. */
    public static AutoCloseable openSession(String sessionId) {
        if (sink == null || sessionId == null) {
            return null;
        }
        ThreadState state = ThreadState.current();
        SessionScope scope = new SessionScope(sessionId, state);
        state.scope = scope;
        return scope;
    }

    /** For {@code Checkpoints.current}: the session of the innermost open scope, or null. */
    public static String currentSession() {
        ThreadState state = STATE.get();
        SessionScope scope = state == null ? null : state.scope;
        return scope == null ? null : scope.sessionId;
    }

    /** For {@code Checkpoints.create}: records by hand; null when not recorded. */
    public static String create(String name, Map<String, ?> data) {
        CheckpointSink current = sink;
        ThreadState state;
        if (current == null || name == null || (state = ThreadState.current()).busy) {
            return null;
        }
        state.busy = true;
        try {
            return current.create(currentSession(), name, data);
        } catch (Throwable ignored) {
            return null;
        } finally {
            state.busy = false;
        }
    }

    /** For {@code Checkpoints.summaryJson}: the session's summary, or null. */
    public static String summaryJson(String session) {
        return session == null ? null : ask(sink -> sink.summaryJson(session), null);
    }

    /** For {@code Checkpoints.exportJson}: the session's export, or null. */
    public static String exportJson(String session) {
        return session == null ? null : ask(sink -> sink.exportJson(session), null);
    }

    /** For {@code Checkpoints.latest}: the newest checkpoint named {@code name} as plain maps, or null. */
    public static Map<String, Object> latest(String session, String name) {
        return session == null ? null : ask(sink -> sink.latest(session, name), null);
    }

    /** For {@code Checkpoints.history}: the session's checkpoints as plain maps, or null. */
    public static List<Map<String, Object>> history(String session) {
        return session == null ? null : ask(sink -> sink.history(session), null);
    }

    /** For {@code Checkpoints.rollbackTo}: a checkpoint's data, or null. */
    public static Map<String, Object> rollbackTo(String session, String id) {
        return session == null || id == null ? null : ask(sink -> sink.rollbackTo(session, id), null);
    }

    /** For {@code Checkpoints.rewindTo}: how many checkpoints were removed, -1 when none could be. */
    public static int rewindTo(String session, String id) {
        return session == null || id == null ? -1 : ask(sink -> sink.rewindTo(session, id), -1);
    }

    /** For {@code Checkpoints.fork}: whether the fork was made. */
    public static boolean fork(String session, String id, String newSession) {
        return session != null && id != null && newSession != null
                && ask(sink -> sink.fork(session, id, newSession), false);
    }

    /** For {@code Checkpoints.complete}: whether the agent took note. */
    public static boolean complete(String session) {
        return session != null && ask(sink -> {
            sink.complete(session);
            return true;
        }, false);
    }

    /**
     * Asks the sink something on behalf of the application (not a hot path, so a lambda is fine);
     * {@code absent} when no agent runs or the sink fails.
     */
    private static <T> T ask(Function<CheckpointSink, T> question, T absent) {
        CheckpointSink current = sink;
        if (current == null) {
            return absent;
        }
        try {
            return question.apply(current);
        } catch (Throwable ignored) {
            return absent;
        }
    }

    /** What the dispatcher keeps per thread. */
    private static final class ThreadState {
        // True while our own code runs on the thread, so that an instrumented method called by a capture
        // (a getter) or a listener is not recorded inside the recording of another.
        boolean busy;
        SessionScope scope;

        static ThreadState current() {
            ThreadState state = STATE.get();
            if (state == null) {
                state = new ThreadState();
                STATE.set(state);
            }
            return state;
        }
    }

    /** One scope; closing it restores its parent, also when inner scopes were left open. */
    private static final class SessionScope implements AutoCloseable {
        final String sessionId;
        final SessionScope parent;
        final ThreadState state;

        SessionScope(String sessionId, ThreadState state) {
            this.sessionId = sessionId;
            this.parent = state.scope;
            this.state = state;
        }

        @Override
        public void close() {
            state.scope = parent;
        }
    }
}
