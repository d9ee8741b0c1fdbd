package org.breakpilot.checkpoint.jmx;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;

/**
 * Registers session and agent MXBeans with an MBean server (the platform one: the agent never opens a
 * port). At most {@code maxSessions} session beans are registered; beyond that the least recently
 * active is unregistered from JMX, its checkpoints kept. Thread-safe.
 */
public final class JmxRegistry {

    /** The domain of every MBean of ours. */
    public static final String DOMAIN = "org.breakpilot.checkpoint";
    /** The agent's MBean. */
    public static final String AGENT_NAME = DOMAIN + ":type=Agent";

    private static final Map<String, String> SESSION_DESCRIPTIONS = Map.ofEntries(
            Map.entry("", "The checkpoints of one session"),
            Map.entry("SessionId", "The session id"),
            Map.entry("TotalCount", "How many checkpoints are retained"),
            Map.entry("UniqueNames", "How many distinct names the retained checkpoints have"),
            Map.entry("NameCounts", "Per checkpoint name, how many are retained"),
            Map.entry("FirstCheckpoint", "The oldest retained checkpoint (data and metadata as JSON)"),
            Map.entry("LastCheckpoint", "The newest retained checkpoint (data and metadata as JSON)"),
            Map.entry("DurationSeconds", "Seconds from the first retained checkpoint to the last"),
            Map.entry("MaxCheckpoints", "The most checkpoints retained (>= 1); lowering it evicts at once"),
            Map.entry("CompressAfter", "The count above which checkpoints are compressed (>= 1)"),
            Map.entry("summaryJson", "The summary as JSON (total_count, unique_names, names, ...)"),
            Map.entry("exportJson", "Every retained checkpoint, in the interchange format"),
            Map.entry("importJson", "Import checkpoints in the interchange format; all or nothing"),
            Map.entry("importJson.0", "json"),
            Map.entry("rollbackTo", "The data of a checkpoint as JSON, to roll back to; changes nothing"),
            Map.entry("rollbackTo.0", "checkpointId"),
            Map.entry("latest", "The newest checkpoint with a name"),
            Map.entry("latest.0", "name"),
            Map.entry("byName", "The checkpoints with a name, newest first"),
            Map.entry("byName.0", "name"),
            Map.entry("since", "The checkpoints strictly after an ISO-8601 time (Z, an offset, or none for UTC)"),
            Map.entry("since.0", "isoTimestamp"),
            Map.entry("between", "The checkpoints between two ISO-8601 times, inclusive"),
            Map.entry("between.0", "isoStart"),
            Map.entry("between.1", "isoEnd"),
            Map.entry("clear", "Remove every retained checkpoint; returns how many"),
            Map.entry("rewindTo", "Remove every checkpoint after one, durably, so the next run repeats the steps"
                    + " after it; returns how many were removed"),
            Map.entry("rewindTo.0", "checkpointId"),
            Map.entry("fork", "Start a new session from this one's history up to a checkpoint; returns its id"),
            Map.entry("fork.0", "checkpointId"),
            Map.entry("fork.1", "newSessionId"));
    private static final Set<String> SESSION_ACTIONS = Set.of("importJson", "clear", "rollbackTo", "rewindTo", "fork");

    private final MBeanServer server;
    private final int maxSessions;
    private final boolean readOnly;
    private final JsonReadLimits importLimits;
    private final SessionForker forker;
    private final Map<String, Registration> sessions = new LinkedHashMap<>();

    /** A registry on the platform MBean server. */
    public JmxRegistry(int maxSessions, boolean readOnly, JsonReadLimits importLimits, SessionForker forker) {
        this(ManagementFactory.getPlatformMBeanServer(), maxSessions, readOnly, importLimits, forker);
    }

    /** A registry on {@code server}; session beans read imports within {@code importLimits} and fork through {@code forker}. */
    public JmxRegistry(MBeanServer server, int maxSessions, boolean readOnly, JsonReadLimits importLimits,
                       SessionForker forker) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("jmxMaxSessions must be >= 1, got " + maxSessions);
        }
        this.server = server;
        this.maxSessions = maxSessions;
        this.readOnly = readOnly;
        this.importLimits = Objects.requireNonNull(importLimits, "importLimits must not be null");
        this.forker = forker;
    }

    /** The MBean name of session {@code sessionId}. */
    public static ObjectName sessionName(String sessionId) {
        try {
            return new ObjectName(DOMAIN + ":type=CheckpointManager,session=" + ObjectName.quote(sessionId));
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("a quoted session id always makes a valid name", e);
        }
    }

    /** Registers the MBean of {@code manager}, unregistering the least recently active beyond the bound. */
    public synchronized void register(CheckpointManager manager) throws JMException {
        Registration registered = sessions.get(manager.sessionId());
        if (registered != null && registered.bean().manager() == manager) {
            return;
        }
        if (registered != null) {
            // The session left memory and came back as a new manager: its MBean shows the new one.
            unregister(manager.sessionId());
        }
        CheckpointManagerBean bean = new CheckpointManagerBean(manager, readOnly, importLimits, forker);
        ObjectName name = sessionName(manager.sessionId());
        try {
            server.registerMBean(new DescribedMBean(bean, CheckpointManagerMXBean.class, bean.notifications(),
                    SESSION_DESCRIPTIONS, SESSION_ACTIONS, Map.of(RecentCheckpoints.ATTRIBUTE, new DescribedMBean.Table(
                            RecentCheckpoints.TYPE, "The newest " + RecentCheckpoints.ROWS + " checkpoints: id, name,"
                            + " timestamp, durationNanos, outcome", () -> RecentCheckpoints.of(manager)))), name);
        } catch (InstanceAlreadyExistsException stale) {
            // Left by an earlier agent in this JVM (detached and attached again): ours replaces it.
            server.unregisterMBean(name);
            register(manager);
            return;
        }
        sessions.put(manager.sessionId(), new Registration(bean, name));
        while (sessions.size() > maxSessions) {
            unregister(leastRecentlyActive());
        }
    }

    /** Registers the agent's MBean. */
    public void registerAgent(AgentMXBean agent) throws JMException {
        ObjectName name = new ObjectName(AGENT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(new DescribedMBean(agent, AgentMXBean.class, new NotificationBroadcasterSupport(),
                Map.of("", "The checkpoint agent"), Set.of()), name);
    }

    /** How many session MBeans are registered. */
    public synchronized int registeredSessions() {
        return sessions.size();
    }

    private String leastRecentlyActive() {
        String oldest = null;
        long oldestMicros = 0;
        for (Map.Entry<String, Registration> entry : sessions.entrySet()) {
            long active = entry.getValue().bean().lastActiveMicros();
            if (oldest == null || active < oldestMicros) {
                oldest = entry.getKey();
                oldestMicros = active;
            }
        }
        return oldest;
    }

    /** Unregisters the MBean of {@code manager}, if it has one (and not one of a later manager of its session). */
    public synchronized void unregister(CheckpointManager manager) throws JMException {
        Registration registered = sessions.get(manager.sessionId());
        if (registered != null && registered.bean().manager() == manager) {
            unregister(manager.sessionId());
        }
    }

    private void unregister(String sessionId) throws JMException {
        Registration registration = sessions.remove(sessionId);
        registration.bean().unregistered();
        try {
            server.unregisterMBean(registration.name());
        } catch (InstanceNotFoundException alreadyGone) {
            // Someone unregistered it by hand; nothing to do.
        }
    }

    private record Registration(CheckpointManagerBean bean, ObjectName name) {
    }
}
