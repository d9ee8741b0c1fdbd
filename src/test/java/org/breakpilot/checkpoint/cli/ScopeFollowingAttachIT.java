package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.breakpilot.checkpoint.testing.Jvm;
import org.junit.jupiter.api.Test;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Scopes follow tasks in a JVM the agent was attached to; detach restores the JDK classes that carried
 * them, tasks in flight across the detach finish as they would have, and a second attach carries
 * scopes again.
 */
class ScopeFollowingAttachIT {

    private static final String HOST = "org.breakpilot.testhost.AttachedScopesHost";

    @Test
    void detachRestoresTheJdkClassesAndLeavesTasksInFlightWorkingOnJdk17() throws Exception {
        attachCarryDetachAndAttachAgain(Jvm.toolsJava(), List.of(), 6);
    }

    @Test
    void detachRestoresTheJdkClassesAndLeavesTasksInFlightWorkingOnJdk25() throws Exception {
        // JDK 25 also has virtual threads to carry scopes into, and would warn of the attach on stderr.
        attachCarryDetachAndAttachAgain(Jvm.jdk25Java(), List.of("-XX:+EnableDynamicAgentLoading"), 7);
    }

    private void attachCarryDetachAndAttachAgain(String java, List<String> jvmOptions, int jdkClasses)
            throws Exception {
        try (ScriptedHost host = new ScriptedHost(java, jvmOptions, HOST)) {
            String pid = host.pid;
            assertEquals(0, CliRun.of("attach", pid, "session=default").exitCode());
            assertEquals("ran s1 done", host.send("run s1"));
            assertTrue(CliRun.of("export", pid, "--session", "s1").stdout().contains("\"label\": \"s1\""),
                    "the pool thread's call is in the scope's session");
            assertEquals("held", host.send("hold s2"));

            ProcessRun detach = CliRun.of("detach", pid);
            assertEquals("checkpoint-agent detached; 1 classes restored to their original bytecode, and " + jdkClasses
                    + " JDK classes that carried session scopes in " + pid + "\n", detach.stdout(), detach.stderr());
            assertEquals("released s2 done, s2 done", host.send("release"), "tasks in flight finish after detach");
            assertEquals("ran s3 done", host.send("run s3"));

            assertEquals(0, CliRun.of("attach", pid).exitCode());
            assertEquals("ran s4 done", host.send("run s4"));
            assertTrue(CliRun.of("export", pid, "--session", "s4").stdout().contains("\"label\": \"s4\""),
                    "carried again after a second attach");
            assertEquals("", host.stderr());
        }
    }
}
