package org.breakpilot.checkpoint.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.breakpilot.checkpoint.testing.Jvm;

/** A third-party JMX client, jmxterm (its uber jar from Maven Central), reads our MBeans as they are. */
class JmxtermIT {

    private static final String SESSION = "org.breakpilot.checkpoint:type=CheckpointManager,session=\"jmx-demo\"";

    @Test
    void jmxtermReadsAttributesAndRunsOperations() throws Exception {
        String java = Jvm.toolsJava();
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(), List.of(Jvm.javaagent(null)))) {
            VirtualMachine vm = VirtualMachine.attach(host.pid);
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            String agent = waitForAgentMBean(java, address);
            assertTrue(agent.contains("Recorded = 3;"), agent);

            String output = jmxterm(java, address, "get -b " + SESSION + " TotalCount\n"
                    + "get -b " + SESSION + " RecentCheckpoints\n"
                    + "run -b " + SESSION + " latest service.step\n"
                    + "run -b " + SESSION + " rollbackTo jmx-demo:2\n");

            assertTrue(output.contains("TotalCount = 3;"), output);
            assertTrue(output.contains("RecentCheckpoints = "), output);
            for (int n = 1; n <= 3; n++) {
                assertTrue(output.contains("id = jmx-demo:" + n + ";"), output);
            }
            assertTrue(output.contains("outcome = returned;"), output);
            assertTrue(output.contains("id = jmx-demo:3;"), output);
            assertTrue(output.contains("data = {\"args\":{\"session\":\"jmx-demo\",\"value\":3},\"result\":9};"), output);
            assertTrue(output.contains("{\"args\":{\"session\":\"jmx-demo\",\"value\":2},\"result\":4}"), output);
        }
    }

    /** The agent's MBean appears a second after start; ask jmxterm until it answers, within a deadline. */
    private static String waitForAgentMBean(String java, String address) {
        return await("jmxterm reads the agent's MBean").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .until(() -> jmxterm(java, address, "get -b org.breakpilot.checkpoint:type=Agent Recorded\n"),
                        output -> output.contains("Recorded = "));
    }

    private static String jmxterm(String java, String address, String commands) throws Exception {
        Process process = Jvm.on(java).jar(Path.of(System.getProperty("checkpoint.jmxterm.jar")), "-l", address, "-n", "-v",
                "silent").here().redirectErrorStream(true).start();
        process.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
