package org.breakpilot.checkpoint.agent.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The one class instrumented code calls. The agent puts it on the bootstrap class path so that
 * classes of every class loader (child-first, nested-jar, thread-context) see the same one; it uses
 * JDK types only. Every entry point catches everything: nothing of ours reaches the application.
 */
public final class Dispatcher {

    private static volatile CheckpointSink sink;
    private static volatile SessionQueries queries;
    // One object per thread, made on its first call and then only read and written: a ThreadLocal set
    // and removed around every call would allocate an entry each time.
    private static final ThreadLocal<ThreadState> STATE = new ThreadLocal<>();
    // Makes scopes follow tasks into other threads; run once, on the thread that opens the first scope.
    private static final AtomicReference<Runnable> SCOPE_FOLLOWER = new AtomicReference<>();

    private Dispatcher() {
    }

    /** Routes calls to {@code newSink} and the application's questions to {@code newQueries}; nulls stop both. */
    public static void install(CheckpointSink newSink, SessionQueries newQueries) {
        sink = newSink;
        queries = newQueries;
    }

    /**
     * Runs {@code installer} (which makes scopes follow tasks) on the thread that opens the first scope,
     * before that scope is current, so every task created in it is carried; null: none.
     */
    public static void followScopesWith(Runnable installer) {
        SCOPE_FOLLOWER.set(installer);
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
            ScopeContext context = state.context;
            return current.enter(methodId, arguments, type, context == null ? null : context.sessionId);
        } catch (Throwable ignored) {
            // The sink counts and logs its failures; this only keeps them from the application.
            return null;
        } finally {
            state.busy = false;
        }
    }

    /** Exited by the advice of an instrumented method, with its entry state. */
    public static void exit(int methodId, Object enterState, Object result, Throwable thrown) {
        Object callState = enterState;
        if (enterState instanceof SessionScope scope) {
            // First and whatever else happens: also after a detach, the call's scope ends with the call.
            scope.close();
            callState = scope.callState;
        }
        CheckpointSink current = sink;
        ThreadState state;
        if (current == null || callState == null || (state = ThreadState.current()).busy) {
            return;
        }
        state.busy = true;
        try {
            current.exit(methodId, callState, result, thrown);
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
        return open(state, sessionId, null, null);
    }

    /**
     * For the sink's {@code enter}: opens the scope of a recorded call for its extent, in the session
     * that named the call ({@code session}, null for the default), and with the key of the replay step
     * whose body runs ({@code stepKey}, else null), so that what the call does, on this thread or in the
     * tasks it hands on, belongs to its session and step. When neither changes anything, nothing opens.
     *
     * @return what the sink's {@code enter} returns: {@code callState} itself, or the scope holding it,
     *     which {@link #exit} closes before it hands {@code callState} to the sink
     */
    public static Object openCallScope(Object callState, String session, String stepKey) {
        ThreadState state = ThreadState.current();
        ScopeContext current = state.context;
        if (stepKey == null && (session == null || current != null && session.equals(current.sessionId))) {
            return callState;
        }
        return open(state, session, stepKey, callState);
    }

    private static SessionScope open(ThreadState state, String session, String stepKey, Object callState) {
        startFollowingScopes(state);
        ScopeContext previous = state.context;
        SessionScope scope = new SessionScope(state, previous, callState);
        state.context = new ScopeContext(session != null ? session : previous == null ? null : previous.sessionId,
                stepKey != null ? stepKey : previous == null ? null : previous.stepKey);
        return scope;
    }

    private static void startFollowingScopes(ThreadState state) {
        if (SCOPE_FOLLOWER.get() == null) {
            return;
        }
        // Threads opening their first scopes meanwhile wait here, so their tasks are carried too.
        synchronized (SCOPE_FOLLOWER) {
            Runnable installer = SCOPE_FOLLOWER.get();
            if (installer == null || state.installing) {
                return;
            }
            boolean wasBusy = state.busy;
            state.installing = true;
            state.busy = true;
            try {
                installer.run();
            } catch (Throwable ignored) {
                // The installer says what it could not do; scopes then stay on their threads.
            } finally {
                SCOPE_FOLLOWER.compareAndSet(installer, null);
                state.installing = false;
                state.busy = wasBusy;
            }
        }
    }

    /** For {@code Checkpoints.current}: the session of the innermost open scope, or null. */
    public static String currentSession() {
        ScopeContext context = currentContext();
        return context == null ? null : context.sessionId;
    }

    /**
     * For {@code Checkpoints.stepKey}: {@code <session>:<step>:<k>} of the innermost replay step whose
     * body runs on this thread, or in whose scope the running task was created; else null.
     */
    public static String stepKey() {
        ScopeContext context = currentContext();
        return context == null ? null : context.stepKey;
    }

    /** Advice on the constructors of tasks: a task created in a scope runs in it. */
    public static void captureTask(Object task) {
        ScopeContext context = capturable();
        if (context != null) {
            TaskScopes.put(task, context);
        }
    }

    /**
     * Advice on entering a task's run: makes the scope the task was created in current.
     *
     * @return the thread's scope before, for {@link #endTask}
     */
    public static Object beginTask(Object task) {
        Object captured = TaskScopes.get(task);
        ThreadState state = captured == null ? STATE.get() : ThreadState.current();
        if (state == null) {
            return null;
        }
        ScopeContext previous = state.context;
        if (captured != null) {
            state.context = (ScopeContext) captured;
        }
        return previous;
    }

    /**
     * Advice on leaving a task's run: restores the thread's scope from before, also when the task left
     * a scope of its own open, so that no pool thread keeps a scope into its next task.
     */
    public static void endTask(Object previous) {
        ThreadState state = STATE.get();
        if (state != null) {
            state.context = (ScopeContext) previous;
        }
    }

    /**
     * Advice on {@code ThreadPoolExecutor.execute}: a plain {@code Runnable} handed over in a scope is
     * wrapped to run in it; other tasks carry their scope themselves.
     */
    public static Runnable wrapTask(Runnable task) {
        ScopeContext context;
        if (task == null || task instanceof FutureTask || task instanceof ForkJoinTask || task instanceof ScopedRunnable
                || (context = capturable()) == null) {
            return task;
        }
        return new ScopedRunnable(task, context);
    }

    /** The thread's scope, or null; a thread created in a scope (a virtual thread) starts in it. */
    private static ScopeContext currentContext() {
        ThreadState state = STATE.get();
        if (state == null && TaskScopes.unused()) {
            return null;
        }
        return (state == null ? ThreadState.current() : state).context;
    }

    /** The scope that tasks created now take along: none while our own code runs. */
    private static ScopeContext capturable() {
        ThreadState state = STATE.get();
        if (state == null) {
            return TaskScopes.unused() ? null : ThreadState.current().context;
        }
        return state.busy ? null : state.context;
    }

    /** For {@code Checkpoints.create}: records by hand; null when not recorded. */
    public static String create(String name, Map<String, ?> data) {
        SessionQueries current = queries;
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
        return session == null ? null : ask(sessions -> sessions.summaryJson(session), null);
    }

    /** For {@code Checkpoints.exportJson}: the session's export, or null. */
    public static String exportJson(String session) {
        return session == null ? null : ask(sessions -> sessions.exportJson(session), null);
    }

    /** For {@code Checkpoints.latest}: the newest checkpoint named {@code name} as plain maps, or null. */
    public static Map<String, Object> latest(String session, String name) {
        return session == null ? null : ask(sessions -> sessions.latest(session, name), null);
    }

    /** For {@code Checkpoints.history}: the session's checkpoints as plain maps, or null. */
    public static List<Map<String, Object>> history(String session) {
        return session == null ? null : ask(sessions -> sessions.history(session), null);
    }

    /** For {@code Checkpoints.rollbackTo}: a checkpoint's data, or null. */
    public static Map<String, Object> rollbackTo(String session, String id) {
        return session == null || id == null ? null : ask(sessions -> sessions.rollbackTo(session, id), null);
    }

    /** For {@code Checkpoints.rewindTo}: how many checkpoints were removed, -1 when none could be. */
    public static int rewindTo(String session, String id) {
        return session == null || id == null ? -1 : ask(sessions -> sessions.rewindTo(session, id), -1);
    }

    /** For {@code Checkpoints.fork}: whether the fork was made. */
    public static boolean fork(String session, String id, String newSession) {
        return session != null && id != null && newSession != null
                && ask(sessions -> sessions.fork(session, id, newSession), false);
    }

    /** For {@code Checkpoints.complete}: whether the agent took note. */
    public static boolean complete(String session) {
        return session != null && ask(sessions -> {
            sessions.complete(session);
            return true;
        }, false);
    }

    /**
     * Asks the sessions something on behalf of the application (not a hot path, so a lambda is fine);
     * {@code absent} when no agent runs or the answer fails.
     */
    private static <T> T ask(Function<SessionQueries, T> question, T absent) {
        SessionQueries current = queries;
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
        // True while this thread installs what makes scopes follow tasks, which opens no scope itself.
        boolean installing;
        ScopeContext context;

        static ThreadState current() {
            ThreadState state = STATE.get();
            if (state == null) {
                state = new ThreadState();
                // A thread created in a scope (a virtual thread) starts in it.
                state.context = (ScopeContext) TaskScopes.get(Thread.currentThread());
                STATE.set(state);
            }
            return state;
        }
    }

    /**
     * The session and replay step that calls belong to. Immutable, so a task created in it can take it
     * to another thread.
     */
    private static final class ScopeContext {
        final String sessionId;
        final String stepKey;

        ScopeContext(String sessionId, String stepKey) {
            this.sessionId = sessionId;
            this.stepKey = stepKey;
        }
    }

    /**
     * One open scope; closing it restores the context from before it opened, also when inner scopes
     * were left open. A recorded call's scope also holds the sink's state for the call's exit.
     */
    private static final class SessionScope implements AutoCloseable {
        final ThreadState state;
        final ScopeContext previous;
        final Object callState;

        SessionScope(ThreadState state, ScopeContext previous, Object callState) {
            this.state = state;
            this.previous = previous;
            this.callState = callState;
        }

        @Override
        public void close() {
            state.context = previous;
        }
    }

    /** A plain task handed to an executor in a scope, run in that scope on whatever thread runs it. */
    private static final class ScopedRunnable implements Runnable {
        private final Runnable task;
        private final ScopeContext context;

        ScopedRunnable(Runnable task, ScopeContext context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public void run() {
            ThreadState state = ThreadState.current();
            ScopeContext previous = state.context;
            state.context = context;
            try {
                task.run();
            } finally {
                state.context = previous;
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
