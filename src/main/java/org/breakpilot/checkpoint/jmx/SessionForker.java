package org.breakpilot.checkpoint.jmx;

/**
 * Forks a session into a new one, which takes the agent's registry of sessions (the journal records
 * the fork, JMX publishes the new session): a manager alone cannot.
 */
@FunctionalInterface
public interface SessionForker {

    /**
     * Makes {@code newSession} from {@code session}'s history up to and including {@code checkpointId}.
     *
     * @throws IllegalArgumentException when the checkpoint is not retained or {@code newSession} exists
     */
    void fork(String session, String checkpointId, String newSession);
}
