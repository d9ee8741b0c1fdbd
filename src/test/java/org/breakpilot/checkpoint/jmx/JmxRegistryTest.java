package org.breakpilot.checkpoint.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.junit.jupiter.api.Test;

/** Reads and drives session MBeans only through {@code javax.management}, as a generic client does. */
class JmxRegistryTest {

    private static final SessionForker NO_FORKS = (session, id, newSession) -> {
        throw new IllegalArgumentException("no forks in this test");
    };

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final CheckpointManager manager = new CheckpointManager("order \"7\"");
    private final ObjectName name = JmxRegistry.sessionName("order \"7\"");

    @Test
    void sessionNameQuotesTheId() {
        assertEquals("org.breakpilot.checkpoint:type=CheckpointManager,session=\"order \\\"7\\\"\"", name.toString());
    }

    @Test
    void attributesAreOpenTypesAGenericClientReads() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        manager.create("fetch", Map.of("rows", 3));
        manager.create("store", Map.of());
        manager.create("fetch", Map.of("rows", 4), Map.of("attempt", 2));

        assertEquals("order \"7\"", server.getAttribute(name, "SessionId"));
        assertEquals(3, server.getAttribute(name, "TotalCount"));
        assertEquals(2, server.getAttribute(name, "UniqueNames"));
        TabularData counts = (TabularData) server.getAttribute(name, "NameCounts");
        assertEquals(2, counts.get(new Object[] {"fetch"}).get("value"));
        CompositeData last = (CompositeData) server.getAttribute(name, "LastCheckpoint");
        assertEquals("order \"7\":3", last.get("id"));
        assertEquals("{\"rows\":4}", last.get("data"));
        assertEquals("{\"attempt\":2}", last.get("metadata"));
        assertEquals("order \"7\":1", ((CompositeData) server.getAttribute(name, "FirstCheckpoint")).get("id"));
        assertEquals(100, server.getAttribute(name, "MaxCheckpoints"));
    }

    @Test
    void operationsAnswerInOpenTypes() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        manager.create("fetch", Map.of("rows", 3));
        manager.create("fetch", Map.of("rows", 4));

        CompositeData[] byName = (CompositeData[]) server.invoke(name, "byName", new Object[] {"fetch"}, strings(1));
        assertEquals(List.of("order \"7\":2", "order \"7\":1"), List.of(byName[0].get("id"), byName[1].get("id")));
        assertEquals("{\"rows\":3}", server.invoke(name, "rollbackTo", new Object[] {"order \"7\":1"}, strings(1)));
        assertEquals("order \"7\":2", ((CompositeData) server.invoke(name, "latest", new Object[] {"fetch"}, strings(1))).get("id"));
        assertEquals(2, ((CompositeData[]) server.invoke(name, "since", new Object[] {"2000-01-01T00:00:00Z"}, strings(1))).length);
        assertEquals(0, ((CompositeData[]) server.invoke(name, "between",
                new Object[] {"2000-01-01T00:00:00Z", "2000-01-02T00:00:00"}, strings(2))).length);
        assertTrue(((String) server.invoke(name, "summaryJson", null, null)).contains("\"total_count\": 2"));
        String export = (String) server.invoke(name, "exportJson", null, null);
        assertEquals(2, server.invoke(name, "clear", null, null));
        assertEquals(2, server.invoke(name, "importJson", new Object[] {export}, strings(1)));
    }

    @Test
    void settersChangeRetentionAndRejectBadValuesClearly() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        for (int i = 0; i < 30; i++) {
            manager.create("step" + i, Map.of());
        }

        server.setAttribute(name, new Attribute("MaxCheckpoints", 10));
        RuntimeMBeanException error = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("CompressAfter", 0)));

        assertEquals(10, manager.size());
        assertEquals("compressAfter must be >= 1, got 0", error.getCause().getMessage());
        assertNull(error.getCause().getCause(), "no cause a client would need our classes for");
    }

    @Test
    void badArgumentsGiveAClearMessageAndChangeNothing() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        manager.create("a", Map.of());

        assertEquals("no checkpoint 'nope' in session 'order \"7\"' (retained: 1; see exportJson for their ids)",
                invokeFailure("rollbackTo", "nope").getMessage());
        assertTrue(invokeFailure("since", "yesterday").getMessage().startsWith("timestamp 'yesterday' is not a valid timestamp"));
        RuntimeException malformed = invokeFailure("importJson", "[{");
        assertTrue(malformed.getMessage().startsWith("import JSON is malformed at line 1"), malformed.getMessage());
        assertNull(malformed.getCause());
        assertEquals(1, manager.size());
    }

    @Test
    void readOnlyRefusesEveryChange() throws Exception {
        new JmxRegistry(server, 10, true, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        manager.create("a", Map.of());

        for (String operation : List.of("clear", "importJson", "rollbackTo", "rewindTo", "fork")) {
            Object[] arguments = operation.equals("clear") ? null
                    : operation.equals("fork") ? new Object[] {"x", "y"} : new Object[] {"x"};
            RuntimeMBeanException error = assertThrows(RuntimeMBeanException.class,
                    () -> server.invoke(name, operation, arguments, arguments == null ? null : strings(arguments.length)));
            assertEquals(operation + " refused: the agent was started with jmxReadOnly=true", error.getCause().getMessage());
        }
        assertThrows(RuntimeMBeanException.class, () -> server.setAttribute(name, new Attribute("MaxCheckpoints", 5)));
        assertEquals(1, manager.size());
        assertEquals(1, server.getAttribute(name, "TotalCount"), "reading still works");
    }

    @Test
    void createdCheckpointsAreNotifiedWithTheCheckpointAsUserData() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        List<Notification> received = new ArrayList<>();
        server.addNotificationListener(name, (notification, handback) -> received.add(notification), null, null);

        manager.create("fetch", Map.of("rows", 3));
        server.invoke(name, "clear", null, null);

        assertEquals(List.of("org.breakpilot.checkpoint.created", "org.breakpilot.checkpoint.cleared"),
                received.stream().map(Notification::getType).toList());
        CompositeData checkpoint = (CompositeData) received.get(0).getUserData();
        assertEquals("fetch", checkpoint.get("name"));
        assertEquals("{\"rows\":3}", checkpoint.get("data"));
    }

    @Test
    void notificationsStopWhenTheListenerLeaves() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        List<Notification> received = new ArrayList<>();
        javax.management.NotificationListener listener = (notification, handback) -> received.add(notification);
        server.addNotificationListener(name, listener, null, null);
        manager.create("heard", Map.of());

        server.removeNotificationListener(name, listener);
        manager.create("unheard", Map.of());

        assertEquals(1, received.size());
        assertEquals(2, manager.size());
    }

    @Test
    void operationsAreDescribedWithTheirImpact() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        MBeanInfo info = server.getMBeanInfo(name);

        for (MBeanOperationInfo operation : info.getOperations()) {
            boolean changes = List.of("clear", "importJson", "rollbackTo", "rewindTo", "fork").contains(operation.getName());
            assertEquals(changes ? MBeanOperationInfo.ACTION : MBeanOperationInfo.INFO, operation.getImpact(), operation.getName());
            assertFalse(operation.getDescription().equals(operation.getName()), operation.getName() + " is described");
        }
        assertEquals(6, info.getNotifications().length);
    }

    @Test
    void anImportOverJmxIsHeldToTheConfiguredReadLimits() throws Exception {
        new JmxRegistry(server, 10, false, new JsonReadLimits(4, 100, 10_000), NO_FORKS).register(manager);
        manager.create("before", Map.of());
        String deep = "[{\"id\": \"x:1\", \"name\": \"n\", \"timestamp\": \"2026-11-25T10:00:00+00:00\","
                + " \"data\": {\"a\": [[]]}}]";

        RuntimeMBeanException error = assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, "importJson", new Object[] {deep}, new String[] {String.class.getName()}));

        assertTrue(error.getCause().getMessage().contains("Document nesting depth (5) exceeds the maximum allowed (4"),
                error.getCause().getMessage());
        assertEquals(1, manager.size());
    }

    @Test
    void beyondTheBoundTheLeastRecentlyActiveSessionLeavesJmxButKeepsItsCheckpoints() throws Exception {
        JmxRegistry registry = new JmxRegistry(server, 2, false, JsonReadLimits.DEFAULT, NO_FORKS);
        CheckpointManager first = new CheckpointManager("first");
        CheckpointManager second = new CheckpointManager("second");
        registry.register(first);
        registry.register(second);
        first.create("recent activity", Map.of());

        registry.register(new CheckpointManager("third"));

        assertEquals(2, registry.registeredSessions());
        assertTrue(server.isRegistered(JmxRegistry.sessionName("first")));
        assertFalse(server.isRegistered(JmxRegistry.sessionName("second")));
        assertTrue(server.isRegistered(JmxRegistry.sessionName("third")));
        assertEquals(1, first.size());
    }

    private RuntimeException invokeFailure(String operation, String argument) {
        RuntimeMBeanException error = assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, operation, new Object[] {argument}, strings(1)));
        return error.getTargetException();
    }

    private static String[] strings(int count) {
        String[] signature = new String[count];
        java.util.Arrays.fill(signature, String.class.getName());
        return signature;
    }

    @Test
    void aSessionThatCameBackAsANewManagerIsShownByItAndTheOldOnesUnregisteringLeavesItAlone() throws Exception {
        JmxRegistry registry = new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS);
        CheckpointManager unloaded = new CheckpointManager("job");
        unloaded.create("old", Map.of());
        registry.register(unloaded);
        CheckpointManager loadedAgain = new CheckpointManager("job");
        loadedAgain.create("old", Map.of());
        loadedAgain.create("new", Map.of());

        registry.register(loadedAgain);
        registry.unregister(unloaded);

        assertEquals(2, server.getAttribute(JmxRegistry.sessionName("job"), "TotalCount"));
        registry.unregister(loadedAgain);
        assertFalse(server.isRegistered(JmxRegistry.sessionName("job")));
        assertEquals(0, registry.registeredSessions());
    }

    @Test
    void recentCheckpointsIsATableOfTheNewestHundredWithColumnsOfItsOwn() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        manager.setRetention(new org.breakpilot.checkpoint.RetentionPolicy(1000, 1000, 10));
        manager.create("by-hand", Map.of());
        for (int n = 2; n <= 130; n++) {
            manager.create("call", Map.of(), Map.of("durationNanos", 1000L + n, "outcome", n % 2 == 0 ? "returned" : "threw"));
        }

        TabularData recent = (TabularData) server.getAttribute(name, "RecentCheckpoints");

        assertEquals(List.of("durationNanos", "id", "name", "outcome", "timestamp"),
                List.copyOf(recent.getTabularType().getRowType().keySet()));
        assertEquals(List.of("id"), recent.getTabularType().getIndexNames());
        assertEquals(100, recent.size());
        assertNull(recent.get(new Object[] {"order \"7\":30"}), "older than the newest 100");
        CompositeData newest = recent.get(new Object[] {"order \"7\":130"});
        assertEquals("call", newest.get("name"));
        assertEquals(1130L, newest.get("durationNanos"));
        assertEquals("returned", newest.get("outcome"));
        assertEquals("threw", recent.get(new Object[] {"order \"7\":129"}).get("outcome"));
        assertTrue(((String) newest.get("timestamp")).endsWith("Z") || ((String) newest.get("timestamp")).contains("+"));
        MBeanInfo info = server.getMBeanInfo(name);
        javax.management.MBeanAttributeInfo attribute = java.util.Arrays.stream(info.getAttributes())
                .filter(each -> each.getName().equals("RecentCheckpoints")).findFirst().orElseThrow();
        assertEquals(recent.getTabularType(), attribute.getDescriptor().getFieldValue("openType"));
        assertFalse(attribute.isWritable());
        assertEquals(List.of("RecentCheckpoints", "TotalCount"), server.getAttributes(name,
                new String[] {"RecentCheckpoints", "TotalCount"}).asList().stream().map(Attribute::getName).toList());
        assertThrows(javax.management.AttributeNotFoundException.class,
                () -> server.setAttribute(name, new Attribute("RecentCheckpoints", recent)));
    }

    @Test
    void aCheckpointMadeByHandHasNoDurationAndTheOutcomeCreated() throws Exception {
        new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT, NO_FORKS).register(manager);
        manager.create("by-hand", Map.of());

        CompositeData row = ((TabularData) server.getAttribute(name, "RecentCheckpoints"))
                .get(new Object[] {"order \"7\":1"});

        assertNull(row.get("durationNanos"));
        assertEquals("created", row.get("outcome"));
    }
}
