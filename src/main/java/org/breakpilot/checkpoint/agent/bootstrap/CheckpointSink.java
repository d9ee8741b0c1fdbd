package org.breakpilot.checkpoint.agent.bootstrap;

import java.util.List;
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
     * @param type    the class declaring a replay step, else null
     * @param session the session named by the thread's scope, or null
     * @return state handed back to {@link #exit}; a {@link Replayed} when a replay step's body must not
     *     run; null when the call is not recorded at exit; or what {@link Dispatcher#openCallScope} made
     *     of one of these (the dispatcher unwraps it before {@link #exit})
     */
    Object enter(int methodId, Object[] arguments, Class<?> type, String session);

    /** The call ends with {@code result} (null for void), or with {@code thrown}. */
    void exit(int methodId, Object enterState, Object result, Throwable thrown);

    /** Records a checkpoint by hand; returns its id, or null when it was not recorded. */
    String create(String session, String name, Map<String, ?> data);

    /** The session's summary as JSON, or null for a session with no checkpoints. */
    String summaryJson(String session);

    /** The session's checkpoints in the interchange format, or null for a session with none. */
    String exportJson(String session);

    /** The session's newest checkpoint named {@code name} (any name when null), as plain maps; null if none. */
    Map<String, Object> latest(String session, String name);

    /** The session's checkpoints, oldest first, as plain maps; empty for an unknown session. */
    List<Map<String, Object>> history(String session);

    /** The data of checkpoint {@code id}, as plain maps; null when it is not retained. Changes nothing. */
    Map<String, Object> rollbackTo(String session, String id);

    /** Removes the session's checkpoints after {@code id}; returns how many, or -1 when it is not retained. */
    int rewindTo(String session, String id);

    /** Copies the session's history up to {@code id} into {@code newSession}; false when it cannot. */
    boolean fork(String session, String id, String newSession);

    /** Marks the session complete: its replay results are released. */
    void complete(String session);
}
