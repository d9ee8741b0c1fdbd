package org.breakpilot.checkpoint.agent.bootstrap;

import java.util.List;
import java.util.Map;

/**
 * What the application asks of its sessions through the {@code api} facade, which the {@link Dispatcher}
 * hands on. Defined on the bootstrap class path with JDK types only, so classes of any class loader can
 * reach it; values come back as plain JDK maps and lists the application owns. Implementations must not
 * throw; the dispatcher guards against it regardless.
 */
public interface SessionQueries {

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
