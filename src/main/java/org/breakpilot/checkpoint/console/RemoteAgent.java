package org.breakpilot.checkpoint.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationFilterSupport;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.breakpilot.checkpoint.internal.CheckpointIds;
import org.breakpilot.checkpoint.jmx.AgentMXBean;
import org.breakpilot.checkpoint.jmx.CheckpointData;
import org.breakpilot.checkpoint.jmx.CheckpointManagerMXBean;
import org.breakpilot.checkpoint.jmx.JmxRegistry;

/**
 * The agent of the JVM JConsole is connected to, read and changed through its MBeans alone. Every method
 * makes remote calls: call them off the event dispatch thread. Failures leave as a
 * {@link ConsoleFailure} whose message is one line to show.
 */
final class RemoteAgent {

    static final ObjectName AGENT = name(JmxRegistry.AGENT_NAME);
    static final ObjectName SESSIONS = name(JmxRegistry.DOMAIN + ":type=CheckpointManager,*");
    private static final String CREATED = "org.breakpilot.checkpoint.created";
    private static final String[] SESSION_ATTRIBUTES = {"TotalCount", "LastCheckpoint"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MBeanServerConnection connection;

    RemoteAgent(MBeanServerConnection connection) {
        this.connection = connection;
    }

    MBeanServerConnection connection() {
        return connection;
    }

    /**
     * Whether the agent refuses changes over JMX ({@code jmxReadOnly=true}); empty when this JVM has no
     * agent.
     */
    Optional<Boolean> readOnly() {
        return call("read the agent's options", () -> {
            if (!connection.isRegistered(AGENT)) {
                return Optional.empty();
            }
            AgentMXBean agent = JMX.newMXBeanProxy(connection, AGENT, AgentMXBean.class);
            return Optional.of(Boolean.parseBoolean(agent.getOptions().get("jmxReadOnly")));
        });
    }

    /**
     * The sessions with an MBean, by id: one round trip each (at most {@code jmxMaxSessions}, 1000 by
     * default). A session that leaves while being read is left out.
     */
    List<SessionRow> sessions() {
        return call("list the sessions", () -> {
            List<SessionRow> rows = new ArrayList<>();
            for (ObjectName mbean : connection.queryNames(SESSIONS, null)) {
                try {
                    AttributeList read = connection.getAttributes(mbean, SESSION_ATTRIBUTES);
                    Map<String, Object> values = new HashMap<>();
                    read.asList().forEach(attribute -> values.put(attribute.getName(), attribute.getValue()));
                    CompositeData last = (CompositeData) values.get("LastCheckpoint");
                    rows.add(new SessionRow(sessionOf(mbean), mbean,
                            (Integer) values.getOrDefault("TotalCount", 0),
                            last == null ? null : Instant.parse((String) last.get("timestamp"))));
                } catch (InstanceNotFoundException gone) {
                    // Unloaded or evicted from JMX since the query: no longer a session to show.
                }
            }
            rows.sort(Comparator.comparing(SessionRow::session));
            return rows;
        });
    }

    /** The newest checkpoints of {@code mbean}'s session ({@code RecentCheckpoints}), oldest first. */
    List<CheckpointMark> recent(ObjectName mbean) {
        return call("read the session's checkpoints", () -> {
            TabularData table = (TabularData) connection.getAttribute(mbean, "RecentCheckpoints");
            List<CheckpointMark> marks = new ArrayList<>();
            for (Object row : table.values()) {
                CompositeData checkpoint = (CompositeData) row;
                Long duration = (Long) checkpoint.get("durationNanos");
                String id = (String) checkpoint.get("id");
                marks.add(new CheckpointMark(id, CheckpointIds.number(sessionOf(mbean), id), (String) checkpoint.get("name"),
                        Instant.parse((String) checkpoint.get("timestamp")), duration == null ? -1 : duration,
                        (String) checkpoint.get("outcome")));
            }
            marks.sort(Comparator.comparingLong(CheckpointMark::sequence));
            return marks;
        });
    }

    /** Checkpoint {@code mark}'s data and metadata, as JSON, or empty when the session no longer has it. */
    Optional<CheckpointData> detail(ObjectName mbean, CheckpointMark mark) {
        return call("read checkpoint " + mark.id(), () -> {
            String at = mark.timestamp().toString();
            for (CheckpointData checkpoint : session(mbean).between(at, at)) {
                if (checkpoint.getId().equals(mark.id())) {
                    return Optional.of(checkpoint);
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Hands each checkpoint {@code mbean}'s session creates to {@code created}, on a JMX thread, with its data
     * and metadata, until the returned handle is closed.
     */
    AutoCloseable follow(ObjectName mbean, Consumer<CreatedCheckpoint> created) {
        NotificationFilterSupport filter = new NotificationFilterSupport();
        filter.enableType(CREATED);
        NotificationListener listener = (Notification notification, Object handback) -> {
            if (notification.getUserData() instanceof CompositeData checkpoint) {
                created.accept(createdCheckpoint(sessionOf(mbean), checkpoint));
            }
        };
        call("follow the session", () -> {
            connection.addNotificationListener(mbean, listener, filter, null);
            return null;
        });
        return () -> {
            try {
                connection.removeNotificationListener(mbean, listener, filter, null);
            } catch (IOException | JMException goneAlready) {
                // The session or the connection went: it sends nothing more either way.
            }
        };
    }

    /** Every retained checkpoint of the session, in the interchange format. */
    String exportJson(ObjectName mbean) {
        return call("export the session", () -> session(mbean).exportJson());
    }

    /** Asks the session's application to roll back to {@code id}; the data it rolls back to, as JSON. */
    String rollbackTo(ObjectName mbean, String id) {
        return call("roll back to " + id, () -> session(mbean).rollbackTo(id));
    }

    /** Removes every checkpoint after {@code id}; how many were removed. */
    int rewindTo(ObjectName mbean, String id) {
        return call("rewind to " + id, () -> session(mbean).rewindTo(id));
    }

    /** Starts session {@code newSessionId} from the history up to {@code id}. */
    String fork(ObjectName mbean, String id, String newSessionId) {
        return call("fork at " + id, () -> session(mbean).fork(id, newSessionId));
    }

    private CheckpointManagerMXBean session(ObjectName mbean) {
        return JMX.newMXBeanProxy(connection, mbean, CheckpointManagerMXBean.class);
    }

    /** The session id of a session MBean's name, which quotes it. */
    private static String sessionOf(ObjectName mbean) {
        return ObjectName.unquote(mbean.getKeyProperty("session"));
    }

    private static CreatedCheckpoint createdCheckpoint(String session, CompositeData checkpoint) {
        String id = (String) checkpoint.get("id");
        String metadata = (String) checkpoint.get("metadata");
        long duration = -1;
        String outcome = "created";
        try {
            JsonNode fields = JSON.readTree(metadata);
            duration = fields.path("durationNanos").asLong(-1);
            outcome = fields.path("outcome").asText("created");
        } catch (IOException unreadable) {
            // Shown without a duration, as a checkpoint made by hand.
        }
        CheckpointMark mark = new CheckpointMark(id, CheckpointIds.number(session, id), (String) checkpoint.get("name"),
                Instant.parse((String) checkpoint.get("timestamp")), duration, outcome);
        return new CreatedCheckpoint(mark, new CheckpointData(id, mark.name(), (String) checkpoint.get("timestamp"),
                (String) checkpoint.get("data"), metadata));
    }

    /** A checkpoint a {@code created} notification announced: its mark and its whole content. */
    record CreatedCheckpoint(CheckpointMark mark, CheckpointData content) {
    }

    private interface RemoteCall<T> {
        T run() throws IOException, JMException;
    }

    private static <T> T call(String what, RemoteCall<T> remote) {
        try {
            return remote.run();
        } catch (IOException | JMException e) {
            throw new ConsoleFailure("could not " + what + ": " + e.getMessage());
        } catch (UndeclaredThrowableException e) {
            throw new ConsoleFailure("could not " + what + ": " + e.getCause().getMessage());
        } catch (RuntimeException refused) {
            // The MBean's own refusal (a bad id, jmxReadOnly), or a value it sent that is not ours.
            throw new ConsoleFailure("could not " + what + ": " + refused.getMessage());
        }
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
