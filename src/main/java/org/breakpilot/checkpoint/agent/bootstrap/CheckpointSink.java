package org.breakpilot.checkpoint.agent.bootstrap;

import java.util.Map;

/**
 * What the agent's runtime does with a call; the {@link Dispatcher} hands calls to it. Defined on the
 * bootstrap class path with JDK types only, so classes of any class loader can reach it.
 * Implementations must not throw; the dispatcher guards against it regardless.
 */
public interface CheckpointSink {

    /**
     * A call of method {@code methodId} begins.
     *
     * @param session the session named by the thread's scope, or null
     * @return state handed back to {@link #exit}; null when the call is not recorded at exit
     */
    Object enter(int methodId, Object[] arguments, String session);

    /** The call ends with {@code result} (null for void), or with {@code thrown}. */
    void exit(int methodId, Object enterState, Object result, Throwable thrown);

    /** Records a checkpoint by hand; returns its id, or null when it was not recorded. */
    String create(String session, String name, Map<String, ?> data);

    /** The session's summary as JSON, or null for a session with no checkpoints. */
    String summaryJson(String session);

    /** The session's checkpoints in the interchange format, or null for a session with none. */
    String exportJson(String session);
}
