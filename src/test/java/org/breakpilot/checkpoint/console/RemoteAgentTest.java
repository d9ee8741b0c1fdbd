package org.breakpilot.checkpoint.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.jmx.CheckpointData;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.junit.jupiter.api.Test;

/** What the tab reads and how it fails, through an MBean server holding real session MBeans. */
class RemoteAgentTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final JmxRegistry registry = new JmxRegistry(server, 10, false, JsonReadLimits.DEFAULT,
            (session, id, newSession) -> {
                throw new IllegalArgumentException("no forks here");
            });
    private final RemoteAgent agent = new RemoteAgent(server);

    @Test
    void sessionsAreListedByIdWithTheirCountAndLastActivity() throws Exception {
        CheckpointManager order = register("order \"7\", eu");
        CheckpointManager idle = register("idle");
        order.create("fetch", Map.of("rows", 3));
        Checkpoint last = order.create("store", Map.of());

        List<SessionRow> rows = agent.sessions();

        assertEquals(List.of("idle", "order \"7\", eu"), rows.stream().map(SessionRow::session).toList());
        assertEquals(List.of(0, 2), rows.stream().map(SessionRow::checkpoints).toList());
        assertNull(rows.get(0).lastActivity());
        assertEquals(last.timestamp().truncatedTo(ChronoUnit.MICROS), rows.get(1).lastActivity());
        assertEquals(JmxRegistry.sessionName("order \"7\", eu"), rows.get(1).mbean());
        assertEquals(idle.sessionId(), rows.get(0).session());
    }

    @Test
    void recentCheckpointsCarryTheCallsDurationAndOutcome() throws Exception {
        CheckpointManager session = register("job");
        session.create("step", Map.of("n", 1), Map.of("durationNanos", 5_000_000L, "outcome", "threw"));
        session.create("note", Map.of());

        List<CheckpointMark> marks = agent.recent(JmxRegistry.sessionName("job"));

        assertEquals(List.of("job:1", "job:2"), marks.stream().map(CheckpointMark::id).toList());
        assertEquals(List.of(5_000_000L, -1L), marks.stream().map(CheckpointMark::durationNanos).toList());
        assertEquals(List.of("threw", "created"), marks.stream().map(CheckpointMark::outcome).toList());
        assertEquals(marks.get(0).timestamp().minusMillis(5), marks.get(0).start());
    }

    @Test
    void detailIsTheCheckpointWithThatIdAmongThoseOfTheSameInstant() throws Exception {
        CheckpointManager session = register("job");
        session.create("step", Map.of("n", 1));
        session.create("step", Map.of("n", 2), Map.of("attempt", 2));
        List<CheckpointMark> marks = agent.recent(JmxRegistry.sessionName("job"));

        CheckpointData second = agent.detail(JmxRegistry.sessionName("job"), marks.get(1)).orElseThrow();

        assertEquals(List.of("job:2", "{\"n\":2}", "{\"attempt\":2}"),
                List.of(second.getId(), second.getData(), second.getMetadata()));
    }

    @Test
    void followingHandsOnEachNewCheckpointUntilClosed() throws Exception {
        CheckpointManager session = register("job");
        BlockingQueue<RemoteAgent.CreatedCheckpoint> created = new LinkedBlockingQueue<>();
        AutoCloseable following = agent.follow(JmxRegistry.sessionName("job"), created::add);

        session.create("step", Map.of("n", 1), Map.of("durationNanos", 1_234L, "outcome", "returned"));
        RemoteAgent.CreatedCheckpoint first = created.poll(10, TimeUnit.SECONDS);
        following.close();
        session.create("step", Map.of("n", 2));

        assertEquals(List.of("job:1", 1_234L, "returned", "{\"n\":1}"), List.of(first.mark().id(),
                first.mark().durationNanos(), first.mark().outcome(), first.content().getData()));
        assertEquals(2, session.size());
        assertNull(created.poll(200, TimeUnit.MILLISECONDS), "a closed follow still delivered");
    }

    @Test
    void aSessionThatLeftJmxFailsInOneLineNamingWhatWasTried() throws Exception {
        ConsoleFailure failure = assertThrows(ConsoleFailure.class,
                () -> agent.recent(JmxRegistry.sessionName("gone")));

        assertEquals("could not read the session's checkpoints: "
                + "org.breakpilot.checkpoint:type=CheckpointManager,session=\"gone\"", failure.getMessage());
        assertTrue(agent.sessions().isEmpty());
    }

    private CheckpointManager register(String id) throws JMException {
        CheckpointManager manager = new CheckpointManager(id);
        registry.register(manager);
        return manager;
    }
}
