package org.breakpilot.checkpoint.agent.bootstrap;

/**
 * What the agent's runtime does with a call of an instrumented method: the hot path, which the
 * {@link Dispatcher} hands every call to ({@link SessionQueries} answers the application's own questions).
 * Defined on the
 * bootstrap class path with JDK types only, so classes of any class loader can reach it.
 * Implementations must not throw; the dispatcher guards against it regardless.
 */
public interface CheckpointSink {

    /**
     * A call of method {@code methodId} begins.
     *
     * @param type    the class declaring a replay step, else null
     * @param session the session named by the thread's scope, or null
     * @return state handed back to {@link #exit}; a {@link Replayed} when a replay step's body must not
     *     run; null when the call is not recorded at exit; or what {@link Dispatcher#openCallScope} made
     *     of one of these (the dispatcher unwraps it before {@link #exit})
     */
    Object enter(int methodId, Object[] arguments, Class<?> type, String session);

    /** The call ends with {@code result} (null for void), or with {@code thrown}. */
    void exit(int methodId, Object enterState, Object result, Throwable thrown);
}
