package org.breakpilot.checkpoint.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.cli.ScriptedHost;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.testing.LocalJmx;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmxReadOnly=true}, seen by a real remote JMX client of a real agent JVM: every operation and
 * setter that changes something is refused with the documented message, each called with arguments
 * that would otherwise succeed, and nothing changes; every read still works.
 */
class JmxReadOnlyIT {

    private static final ObjectName SESSION = JmxRegistry.sessionName("jmx-demo");
    /** Valid arguments, by the parameter names the MBean shows: a refusal can only come from read-only. */
    private static final Map<String, String> VALID = Map.of("checkpointId", "jmx-demo:1", "newSessionId", "copy",
            "name", "service.step", "isoTimestamp", "2000-01-01T00:00:00Z", "isoStart", "2000-01-01T00:00:00Z",
            "isoEnd", "2999-01-01T00:00:00Z", "json", "[{\"id\": \"jmx-demo:90\", \"name\": \"imported\", \"timestamp\":"
                    + " \"2026-01-01T00:00:00Z\", \"data\": {}, \"metadata\": {}}]");

    @TempDir
    Path journal;

    @Test
    void everyChangeIsRefusedAndEveryReadWorks() throws Exception {
        Set<String> refused = new TreeSet<>();
        Set<String> answered = new TreeSet<>();
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(),
                List.of(Jvm.javaagent("jmxReadOnly=true,dir=" + journal)))) {
            try (JMXConnector connector = LocalJmx.connect(host.pid)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                LocalJmx.awaitRegistered(server, SESSION);
                MBeanInfo info = server.getMBeanInfo(SESSION);
                String before = HostileJmxIT.state(server, journal);

                for (MBeanOperationInfo operation : info.getOperations()) {
                    MBeanParameterInfo[] parameters = operation.getSignature();
                    Object[] arguments = new Object[parameters.length];
                    String[] signature = new String[parameters.length];
                    for (int i = 0; i < parameters.length; i++) {
                        arguments[i] = VALID.get(parameters[i].getName());
                        assertNotNull(arguments[i], "no valid value for " + operation.getName() + "'s " + parameters[i].getName());
                        signature[i] = parameters[i].getType();
                    }
                    if (operation.getImpact() == MBeanOperationInfo.INFO) {
                        server.invoke(SESSION, operation.getName(), arguments, signature);
                        answered.add(operation.getName());
                    } else {
                        Exception error = assertThrows(Exception.class,
                                () -> server.invoke(SESSION, operation.getName(), arguments, signature));
                        assertEquals(operation.getName() + " refused: the agent was started with jmxReadOnly=true",
                                HostileJmxIT.clientMessage(error));
                        refused.add(operation.getName());
                    }
                }
                for (MBeanAttributeInfo attribute : info.getAttributes()) {
                    Object value = server.getAttribute(SESSION, attribute.getName());
                    answered.add(attribute.getName());
                    if (attribute.isWritable()) {
                        Exception error = assertThrows(Exception.class,
                                () -> server.setAttribute(SESSION, new Attribute(attribute.getName(), 7)));
                        assertEquals(attribute.getName() + " refused: the agent was started with jmxReadOnly=true",
                                HostileJmxIT.clientMessage(error));
                        refused.add("set " + attribute.getName());
                        assertEquals(value, server.getAttribute(SESSION, attribute.getName()));
                    }
                }
                assertEquals(before, HostileJmxIT.state(server, journal), "nothing changed, in memory or in the journal");
            }
            assertEquals("done 16", host.step("jmx-demo", 4), "the application records as before");
            assertEquals(new ProcessRun(0, "", ""), host.stop());
        }
        assertEquals(Set.of("clear", "fork", "importJson", "rewindTo", "rollbackTo", "set CompressAfter",
                "set MaxCheckpoints"), refused);
        assertEquals(Set.of("between", "byName", "exportJson", "latest", "since", "summaryJson", "CompressAfter",
                "DurationSeconds", "FirstCheckpoint", "LastCheckpoint", "MaxCheckpoints", "NameCounts", "RecentCheckpoints",
                "SessionId", "TotalCount", "UniqueNames"), answered);
    }
}
