package org.breakpilot.checkpoint.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeErrorException;
import javax.management.RuntimeMBeanException;
import javax.management.RuntimeOperationsException;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.cli.ScriptedHost;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.testing.LocalJmx;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation and writable attribute of the agent's MBeans, called by a real remote JMX client of
 * a real agent JVM (journal, fsync=always) with empty, huge, malformed and hostile values: each call
 * fails with one short line naming what was wrong, or answers a query with nothing; the host prints
 * nothing and keeps running, and its sessions, MBeans and journal are exactly as before.
 */
class HostileJmxIT {

    private static final ObjectName SESSION = JmxRegistry.sessionName("jmx-demo");
    private static final String VALID_ID = "jmx-demo:1";
    private static final String VALID_TIME = "2026-01-01T00:00:00Z";
    private static final int MAX_MESSAGE = 300;

    @TempDir
    static Path journal;
    private static ScriptedHost host;
    private static JMXConnector connector;
    private static MBeanServerConnection server;

    @BeforeAll
    static void startHost() throws Exception {
        host = new ScriptedHost(Jvm.targetJava(),
                List.of(Jvm.javaagent("dir=" + journal + ",fsync=always")));
        connector = LocalJmx.connect(host.pid);
        server = connector.getMBeanServerConnection();
        LocalJmx.awaitRegistered(server, SESSION);
        LocalJmx.awaitRegistered(server, new ObjectName(JmxRegistry.AGENT_NAME));
    }

    @AfterAll
    static void hostPrintedNothingAndEndsNormally() throws Exception {
        connector.close();
        assertEquals("done 16", host.step("jmx-demo", 4), "the host still works");
        ProcessRun end = host.stop();
        assertEquals(new ProcessRun(0, "", ""), end, "no stack trace nor any other output from the agent");
    }

    /** A call that must fail: what its message must mention. */
    record Refused(String label, JmxCall call, String mustMention) {
        @Override
        public String toString() {
            return label;
        }
    }

    @FunctionalInterface
    interface JmxCall {
        Object run(MBeanServerConnection server) throws Exception;
    }

    static Stream<Refused> refusedCalls() {
        List<Refused> calls = new ArrayList<>();
        for (String value : HostileValues.stringsAndNull()) {
            String shown = shown(value);
            calls.add(new Refused("rollbackTo(" + shown + ")", s -> invoke(s, "rollbackTo", value), "checkpoint"));
            calls.add(new Refused("rewindTo(" + shown + ")", s -> invoke(s, "rewindTo", value), "checkpoint"));
            calls.add(new Refused("fork(" + shown + ", fresh)", s -> invoke(s, "fork", value, "fresh"), "checkpoint"));
            calls.add(new Refused("since(" + shown + ")", s -> invoke(s, "since", value), "timestamp"));
            calls.add(new Refused("between(" + shown + ", valid)", s -> invoke(s, "between", value, VALID_TIME), "timestamp"));
            calls.add(new Refused("between(valid, " + shown + ")", s -> invoke(s, "between", VALID_TIME, value), "timestamp"));
            calls.add(new Refused("importJson(" + shown + ")", s -> invoke(s, "importJson", value), "import json"));
        }
        for (String name : List.of("", "   ", "\u0000", "a\nb", "tab\there", "jmx-demo", "y".repeat(257),
                HostileValues.ONE_MIB)) {
            calls.add(new Refused("fork(valid, " + shown(name) + ")", s -> invoke(s, "fork", VALID_ID, name), "session"));
        }
        calls.add(new Refused("fork(valid, null)", s -> invoke(s, "fork", VALID_ID, null), "session"));
        for (String[] document : HostileValues.badImports()) {
            calls.add(new Refused("importJson(" + shown(document[0]) + ")", s -> invoke(s, "importJson", document[0]),
                    document[1]));
        }
        for (String attribute : List.of("MaxCheckpoints", "CompressAfter")) {
            for (Object value : new Object[] {0, -1, Integer.MIN_VALUE, null, "100", Long.MAX_VALUE, 1.5}) {
                calls.add(new Refused("set " + attribute + "(" + shown(value) + ")",
                        s -> set(s, SESSION, attribute, value), attribute.substring(1)));
            }
        }
        for (String operation : List.of("summaryJson", "exportJson", "clear")) {
            calls.add(new Refused(operation + "(extra argument)", s -> invoke(s, operation, "x"), operation));
        }
        for (String operation : List.of("latest", "rollbackTo", "fork")) {
            calls.add(new Refused(operation + "(no argument)", s -> s.invoke(SESSION, operation, null, null), operation));
        }
        calls.add(new Refused("rollbackTo(a number)", s -> s.invoke(SESSION, "rollbackTo", new Object[] {1},
                new String[] {"int"}), "rollbackTo"));
        calls.add(new Refused("deleteEverything()", s -> invoke(s, "deleteEverything"), "deleteEverything"));
        return calls.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCalls")
    void aHostileCallFailsInOneShortLineAndChangesNothing(Refused refused) throws Exception {
        String before = state();

        Exception error = assertThrows(Exception.class, () -> refused.call().run(server));

        String message = clientMessage(error);
        assertTrue(message != null && !message.isBlank(), () -> "no message: " + error);
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "more than one line: " + message);
        assertTrue(message.length() <= MAX_MESSAGE, () -> message.length() + " chars: " + shown(message));
        assertTrue(message.toLowerCase().contains(refused.mustMention().toLowerCase()),
                () -> "does not mention '" + refused.mustMention() + "': " + message);
        assertEquals(before, state(), "state changed");
        assertTrue(host.alive());
    }

    static Stream<String> hostileNames() {
        return HostileValues.stringsAndNull().stream().filter(name -> name == null || !name.isEmpty());
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void aQueryByAHostileNameFindsNothingAndChangesNothing(String name) throws Exception {
        String before = state();

        assertEquals(0, ((Object[]) invoke(server, "byName", name)).length);
        if (name != null) {
            assertNull(invoke(server, "latest", name));
        }

        assertEquals(before, state());
    }

    /** As the reference's get_latest(name=None): no name means any name. */
    @Test
    void latestWithANullOrEmptyNameIsTheNewestOfAll() throws Exception {
        for (String name : new String[] {null, ""}) {
            CompositeData latest = (CompositeData) invoke(server, "latest", name);
            assertEquals("jmx-demo:3", latest.get("id"));
        }
    }

    @Test
    void everyAgentAttributeIsReadOnlyAndReadable() throws Exception {
        ObjectName agent = new ObjectName(JmxRegistry.AGENT_NAME);
        MBeanInfo info = server.getMBeanInfo(agent);
        assertEquals(List.of("loadSession"), Stream.of(info.getOperations()).map(MBeanOperationInfo::getName).toList(),
                "an Agent operation needs hostile calls here");
        String before = state();
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertFalse(attribute.isWritable(), attribute.getName());
            server.getAttribute(agent, attribute.getName());
            Exception error = assertThrows(Exception.class, () -> set(server, agent, attribute.getName(), "x"));
            assertTrue(clientMessage(error).contains(attribute.getName()), clientMessage(error));
        }
        assertEquals(before, state());
    }

    /** A name no session has, however hostile, finds nothing and makes nothing; the session's own name finds it. */
    @Test
    void loadSessionFindsOnlyASessionThereIsAndMakesNone() throws Exception {
        ObjectName agent = new ObjectName(JmxRegistry.AGENT_NAME);
        String before = state();
        List<String> names = new ArrayList<>(HostileValues.stringsAndNull());
        names.addAll(List.of("", "   ", "\u0000", "a\nb", "y".repeat(257)));
        for (String name : names) {
            Object found = server.invoke(agent, "loadSession", new Object[] {name}, new String[] {String.class.getName()});
            assertEquals(false, found, "loadSession(" + shown(name) + ")");
        }
        assertEquals(true, server.invoke(agent, "loadSession", new Object[] {"jmx-demo"},
                new String[] {String.class.getName()}));
        assertEquals(before, state());
    }

    /** Fails when an operation or writable attribute is added without hostile calls above. */
    @Test
    void theHostileCallsCoverEveryOperationAndWritableAttribute() throws Exception {
        Set<String> members = new TreeSet<>();
        MBeanInfo info = server.getMBeanInfo(SESSION);
        for (MBeanOperationInfo operation : info.getOperations()) {
            members.add(operation.getName());
        }
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            if (attribute.isWritable()) {
                members.add("set " + attribute.getName());
            }
        }
        Set<String> covered = new TreeSet<>();
        Stream.concat(refusedCalls().map(Refused::label), Stream.of("latest(", "byName("))
                .forEach(label -> covered.add(label.substring(0, label.indexOf('('))));
        members.removeAll(covered);
        assertEquals(Set.of(), members, "operations and writable attributes no hostile call tries");
    }

    private static String state() throws Exception {
        return state(server, journal);
    }

    /** Everything a failed call must leave as it was: every session's export and settings, the beans, the journal. */
    static String state(MBeanServerConnection server, Path journal) throws Exception {
        StringBuilder state = new StringBuilder();
        for (ObjectName name : new TreeSet<>(server.queryNames(new ObjectName(JmxRegistry.DOMAIN + ":*"), null))) {
            state.append(name).append('\n');
            if (name.getKeyProperty("session") != null) {
                state.append(server.invoke(name, "exportJson", null, null)).append(server.getAttribute(name, "MaxCheckpoints"))
                        .append(' ').append(server.getAttribute(name, "CompressAfter")).append('\n');
            }
        }
        try (Stream<Path> files = Files.list(journal)) {
            for (Path file : files.sorted().toList()) {
                state.append(file.getFileName()).append(' ').append(Files.size(file)).append('\n');
            }
        }
        return state.toString();
    }

    private static Object invoke(MBeanServerConnection s, String operation, Object... arguments) throws Exception {
        String[] signature = new String[arguments.length];
        java.util.Arrays.fill(signature, String.class.getName());
        return s.invoke(SESSION, operation, arguments, signature);
    }

    private static Object set(MBeanServerConnection s, ObjectName name, String attribute, Object value) throws Exception {
        s.setAttribute(name, new Attribute(attribute, value));
        return null;
    }

    /** What a client shows: the message of the exception the MBean threw, or of the JMX error. */
    static String clientMessage(Throwable error) {
        Throwable shown = error;
        if (error instanceof RuntimeMBeanException e) {
            shown = e.getTargetException();
        } else if (error instanceof RuntimeOperationsException e) {
            shown = e.getTargetException();
        } else if (error instanceof RuntimeErrorException e) {
            shown = e.getTargetError();
        } else if (error instanceof MBeanException e) {
            shown = e.getTargetException();
        } else if (error instanceof ReflectionException e && e.getMessage() == null) {
            shown = e.getTargetException();
        }
        assertTrue(shown instanceof JMException || shown instanceof JMRuntimeException
                || shown.getClass().getName().startsWith("java."), () -> "a class a generic client lacks: " + error);
        return shown.getMessage();
    }

    private static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        String cut = text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + " chars)" : text;
        StringBuilder escaped = new StringBuilder();
        cut.codePoints().forEach(c -> escaped.append(c < 0x20 || c == 0x202E ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return value instanceof String ? "\"" + escaped + "\"" : escaped + " (" + value.getClass().getSimpleName() + ")";
    }
}
