package org.breakpilot.checkpoint.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * A host JVM runs with the packaged agent; a second JVM whose class path holds only test classes (none
 * of the agent's) reads the MBeans over the Attach API and JMX, as JConsole would.
 */
class JmxClientIT {

    @Test
    void aClientWithNoneOfOurClassesReadsSessionAndAgentMBeans() throws Exception {
        String java = Jvm.targetJava();
        Process host = Jvm.on(java).agent("").hostClassPath().main("org.breakpilot.testhost.ServiceHost").inFreshDirectory()
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader hostOut = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            String ready = hostOut.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "host said " + ready);
            String pid = ready.substring("ready ".length());

            Process client = Jvm.on(java).classPath(List.of(Jvm.TEST_CLASSES)).main("org.breakpilot.testhost.GenericJmxClient", pid)
                    .here().redirectErrorStream(true).start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS));

            assertEquals(0, client.exitValue(), output);
            List<String> lines = output.lines().toList();
            assertEquals(List.of(
                    "TotalCount=3",
                    "NameCounts.service.step=3",
                    "LastCheckpoint.id=jmx-demo:3",
                    "LastCheckpoint.data={\"args\":{\"session\":\"jmx-demo\",\"value\":3},\"result\":9}",
                    "RecentCheckpoints=3 rows, jmx-demo:2 service.step returned took some nanoseconds",
                    "export.records=4",
                    "Agent.Sessions=[jmx-demo]",
                    "Agent.Recorded=3",
                    "Agent.InstrumentedMethods=org.breakpilot.testhost.ServiceHost.step as service.step",
                    "Agent.Options.jmxReadOnly=false",
                    "Agent.Attached=false",
                    "Agent.Store=journal <dir>/.checkpoints (fsync=batch)",
                    "Agent.Dropped=0",
                    "Agent.Replayed=0"), lines);
        } finally {
            host.getOutputStream().close();
            if (!host.waitFor(30, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
        }
    }
}
