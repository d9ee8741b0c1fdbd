package org.breakpilot.checkpoint.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.cli.CliRun;
import org.breakpilot.checkpoint.cli.ScriptedHost;
import org.breakpilot.checkpoint.jmx.AgentMXBean;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.PostgresInspector;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.LocalJmx;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sessionIdleMs} with the PostgreSQL store, in a real agent JVM: an idle session leaves the heap,
 * its lease and JMX, and comes back whole on a CLI command or a call; a service whose sessions come and go
 * keeps a flat heap.
 */
class PostgresIdleSessionsIT {

    /** Sessions of the churn here; {@code scripts/idle-sessions.sh} runs a million. */
    private static final int CHURN_SESSIONS = Integer.getInteger("checkpoint.churn.sessions", 20_000);
    private static final int CHURN_THREADS = 4;
    private static final int CHECKPOINTS_PER_SESSION = 3;
    private static final int PAYLOAD_BYTES = 512;
    /** What the heap may grow from a quarter of the churn to its end: a small part of what it would retain. */
    private static final long HEAP_GROWTH_ALLOWED = 8L << 20;

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @Test
    void anIdleSessionLeavesMemoryItsLeaseAndJmxAndComesBackOnACliCommandAndACall() throws Exception {
        ObjectName session = JmxRegistry.sessionName("jmx-demo");
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(),
                List.of(Jvm.javaagent(database.agentOptions() + ",sessionIdleMs=300")))) {
            try (JMXConnector connector = LocalJmx.connect(host.pid)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                LocalJmx.awaitRegistered(server, new ObjectName(JmxRegistry.AGENT_NAME));
                AgentMXBean agent = JMX.newMXBeanProxy(server, new ObjectName(JmxRegistry.AGENT_NAME), AgentMXBean.class);

                await("jmx-demo unloaded").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !server.isRegistered(session)
                                && !Arrays.asList(agent.getSessions()).contains("jmx-demo") && leaseGivenUp("jmx-demo"));

                ProcessRun export = CliRun.of("export", host.pid, "--session", "jmx-demo");
                assertEquals(0, export.exitCode(), export.stderr());
                for (int n = 1; n <= 3; n++) {
                    assertTrue(export.stdout().contains("\"id\": \"jmx-demo:" + n + "\""), export.stdout());
                }
                assertEquals("done 16", host.step("jmx-demo", 4));
            }
            ProcessRun stopped = host.stop();
            assertEquals(0, stopped.exitCode(), stopped.stderr());
            assertFalse(stopped.stderr().contains("WARN"), stopped.stderr());
        }
        try (PostgresInspector store = inspector()) {
            assertEquals(List.of("jmx-demo:1", "jmx-demo:2", "jmx-demo:3", "jmx-demo:4"),
                    store.session("jmx-demo").orElseThrow().getAll().stream().map(Checkpoint::id).toList());
        }
    }

    @Test
    void aServiceWhoseSessionsComeAndGoKeepsAFlatHeapAndStoresEverySession() throws Exception {
        Process host = Jvm.target().agent(database.agentOptions() + ",fsync=batch,sessionIdleMs=200")
                .option("-Xmx512m").hostClassPath()
                .main("org.breakpilot.testhost.SessionChurn", Integer.toString(CHURN_SESSIONS),
                        Integer.toString(CHURN_THREADS), Integer.toString(CHECKPOINTS_PER_SESSION),
                        Integer.toString(PAYLOAD_BYTES))
                .inFreshDirectory().redirectError(ProcessBuilder.Redirect.appendTo(stderr().toFile())).start();
        List<String> report = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), ready + " " + Files.readString(stderr()));
            try (JMXConnector connector = LocalJmx.connect(ready.substring("ready ".length()))) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                LocalJmx.awaitRegistered(server, new ObjectName(JmxRegistry.AGENT_NAME));
                AgentMXBean agent = JMX.newMXBeanProxy(server, new ObjectName(JmxRegistry.AGENT_NAME), AgentMXBean.class);
                MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server,
                        ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
                Writer in = new java.io.OutputStreamWriter(host.getOutputStream(), StandardCharsets.UTF_8);
                in.write("go\n");
                in.flush();

                long total = (long) CHURN_SESSIONS * CHECKPOINTS_PER_SESSION;
                long[] heap = new long[5];
                for (int quarter = 1; quarter <= 4; quarter++) {
                    long due = total * quarter / 4;
                    await("checkpoint " + due).atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                            .until(() -> agent.getRecorded() >= due);
                    memory.gc();
                    heap[quarter] = memory.getHeapMemoryUsage().getUsed();
                    Set<ObjectName> beans = server.queryNames(new ObjectName(JmxRegistry.DOMAIN
                            + ":type=CheckpointManager,*"), null);
                    report.add(String.format("%d sessions: heap %.1f MB after GC, %d in memory, %d MBeans", due
                            / CHECKPOINTS_PER_SESSION, heap[quarter] / 1e6, agent.getSessions().length, beans.size()));
                }
                assertEquals("done " + total + " 0", out.readLine());
                assertTrue(heap[4] - heap[1] < HEAP_GROWTH_ALLOWED, "the heap grew with the sessions: " + report);
                assertEquals(0, agent.getDropped());
                in.close();
            }
            assertEquals(0, host.waitFor());
            assertFalse(Files.readString(stderr()).contains("WARN"), Files.readString(stderr()));
        } finally {
            host.destroyForcibly();
            System.out.println("PostgresIdleSessionsIT churn: " + String.join("; ", report));
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet counts = statement.executeQuery("select count(distinct session_id), count(*) from "
                     + database.schema + ".records")) {
            counts.next();
            assertEquals(CHURN_SESSIONS, counts.getInt(1));
            assertEquals((long) CHURN_SESSIONS * CHECKPOINTS_PER_SESSION, counts.getLong(2));
        }
    }

    private Path stderr() {
        return Path.of(System.getProperty("java.io.tmpdir"), "idle-sessions-" + database.schema + ".err");
    }

    private boolean leaseGivenUp(String session) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select lease_expires <= clock_timestamp() from " + database.schema
                     + ".sessions where session_id = '" + session + "'")) {
            return row.next() && row.getBoolean(1);
        }
    }

    private PostgresInspector inspector() throws Exception {
        return PostgresInspector.open(database.options(10_000, new WriteOptions(WriteOptions.Fsync.BATCH, 50,
                WriteOptions.OnFull.DROP, 1, 1_000, RetentionPolicy.DEFAULT, 0, JsonReadLimits.DEFAULT,
                JournalEncoding.plain())));
    }
}
