package org.breakpilot.checkpoint.console;

import java.time.Duration;
import java.time.Instant;
import javax.management.ObjectName;

/**
 * A session as the sessions table lists it.
 *
 * @param session      the session id
 * @param mbean        its MBean
 * @param checkpoints  how many checkpoints it retains
 * @param lastActivity when its newest checkpoint was made, or null when it has none
 */
record SessionRow(String session, ObjectName mbean, int checkpoints, Instant lastActivity) {

    /** A session with a checkpoint within this long of the last refresh is active; any other idle. */
    static final Duration ACTIVE_WITHIN = Duration.ofMinutes(1);

    /** {@code active} or {@code idle}, as of {@code now}. */
    String state(Instant now) {
        return lastActivity != null && lastActivity.isAfter(now.minus(ACTIVE_WITHIN)) ? "active" : "idle";
    }
}
