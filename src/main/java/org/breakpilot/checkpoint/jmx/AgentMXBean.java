package org.breakpilot.checkpoint.jmx;

import java.util.Map;

/**
 * The agent as a whole over JMX, as {@code org.breakpilot.checkpoint:type=Agent}. Open types only.
 */
public interface AgentMXBean {

    /** The agent's version. */
    String getVersion();

    /** The effective options, every key with the value in force. */
    Map<String, String> getOptions();

    /** The JDK the application runs on. */
    String getJdk();

    /** The sessions that have checkpoints. */
    String[] getSessions();

    /**
     * Brings {@code session} back into memory, and its MBean into JMX, when it left them after
     * {@code sessionIdleMs}; true when the session is in memory now, false when neither memory nor the
     * store holds it. Its MBean is registered shortly after, off the calling thread.
     */
    boolean loadSession(String session);

    /** The methods instrumented so far. */
    InstrumentedMethod[] getInstrumentedMethods();

    /** Checkpoints recorded since the agent started. */
    long getRecorded();

    /** Calls the agent failed to record (each logged once per method). */
    long getCaptureFailures();

    /**
     * Checkpoints kept in memory but not journaled, because the journal's writer was {@code queueSize}
     * records behind ({@code onFull}); the memory store drops none (retention evicts, it does not drop).
     */
    long getDropped();

    /** Where checkpoints are kept: {@code memory}, or {@code journal <dir> (fsync=...)}. */
    String getStore();

    /** Calls of replay steps that returned their recorded result without running. */
    long getReplayed();

    /** When the agent started or was attached, ISO-8601. */
    String getStartTime();

    /** Whether the agent was attached to a running JVM rather than started with it. */
    boolean isAttached();
}
