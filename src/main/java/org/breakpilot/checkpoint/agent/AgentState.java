package org.breakpilot.checkpoint.agent;

import java.util.Locale;
import java.util.Optional;

/**
 * What the agent is doing in a JVM, as the CLI reads it through the Attach API from the JVM's system
 * properties: {@link #PROPERTY} holds the state's {@link #token()}, {@link #DETAIL_PROPERTY} one line
 * about how it got there (what a start or detach reported, or why the agent is off). Neither is set in a
 * JVM where the agent was never loaded.
 */
public enum AgentState {

    /** Recording: started with {@code -javaagent} or loaded by {@code attach}. */
    RUNNING,
    /** Loaded but not recording: its options were refused or it could not start; the detail says why. */
    OFF,
    /** Was running and was detached: nothing is recorded, the sessions stay readable over JMX. */
    DETACHED;

    /** The system property holding the state's token. */
    public static final String PROPERTY = "org.breakpilot.checkpoint.agent.state";
    /** The system property holding one line about the state. */
    public static final String DETAIL_PROPERTY = "org.breakpilot.checkpoint.agent.state.detail";
    /**
     * The system property a second {@code attach} to a running agent leaves its answer in: empty when it
     * asked for the options the agent runs with, else the options it asked for that were not applied (or
     * why they were refused).
     */
    public static final String UNAPPLIED_PROPERTY = "org.breakpilot.checkpoint.agent.unapplied";

    /** The state as it is written in {@link #PROPERTY}, and shown by {@code list}: its name in lower case. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state whose {@link #token()} is {@code token}; empty for null or any other text. */
    public static Optional<AgentState> of(String token) {
        for (AgentState state : values()) {
            if (state.token().equals(token)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** Publishes this state and its detail in this JVM's system properties. */
    void publish(String detail) {
        System.setProperty(DETAIL_PROPERTY, detail);
        System.setProperty(PROPERTY, token());
    }
}
