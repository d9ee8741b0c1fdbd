package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** Attach, drive, read back with the CLI, detach and attach again — on a JVM started without the agent. */
class AttachIT {

    @Test
    void attachRecordDetachAndAttachAgainOnJdk17() throws Exception {
        attachRecordDetachAndAttachAgain(Jvm.toolsJava());
    }

    @Test
    void attachRecordDetachAndAttachAgainOnJdk25() throws Exception {
        attachRecordDetachAndAttachAgain(Jvm.jdk25Java());
    }

    private void attachRecordDetachAndAttachAgain(String java) throws Exception {
        try (ScriptedHost host = new ScriptedHost(java, List.of())) {
            String pid = host.pid;
            assertEquals("done 16", host.step("s1", 4), "before attach: runs, unrecorded");
            ProcessRun notLoaded = CliRun.of("summary", pid);
            assertEquals(1, notLoaded.exitCode());
            assertEquals("checkpoint-agent: the agent is not loaded in " + pid + "; load it with: java -jar"
                    + " checkpoint-agent.jar attach " + pid + "\n", notLoaded.stderr());

            ProcessRun attach = CliRun.of("attach", pid, "session=default");
            assertEquals(0, attach.exitCode(), attach.stderr());
            assertEquals("checkpoint-agent attached; 1 loaded classes instrumented in " + pid + "\n", attach.stdout());
            ProcessRun again = CliRun.of("attach", pid, "session=default");
            assertEquals(0, again.exitCode(), again.stderr());
            assertEquals("checkpoint-agent is already attached to " + pid + " with these options; nothing to do\n",
                    again.stdout());

            assertEquals("done 25", host.step("s1", 5));
            Process tail = CliRun.start("tail", pid, "--count", "1");
            BufferedReader tailErr = new BufferedReader(new InputStreamReader(tail.getErrorStream(), StandardCharsets.UTF_8));
            // s1's MBean may still be on its way (published up to a second after the first checkpoint): tail
            // follows it either way, so the count it starts with is 0 or 1.
            String listening = tailErr.readLine();
            assertTrue(listening != null && listening.matches("tailing " + pid + " \\([01] sessions, .*"),
                    "tail is listening: " + listening);
            assertEquals("done 36", host.step("s1", 6));
            // Waited for before reading: a tail that never ends must fail the test, not hang the build.
            if (!tail.waitFor(30, TimeUnit.SECONDS)) {
                tail.destroyForcibly();
                throw new AssertionError("tail --count 1 did not end after the checkpoint");
            }
            String tailed = new String(tail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(tailed.startsWith("{\"id\": \"s1:2\", \"name\": \"service.step\""), tailed);

            ProcessRun summary = CliRun.of("summary", pid, "--session", "s1");
            assertTrue(summary.stdout().contains("\"total_count\": 2"), summary.stdout());
            assertEquals("{\"args\":{\"session\":\"s1\",\"value\":5},\"result\":25}\n",
                    CliRun.of("rollback", pid, "s1:1").stdout());
            assertTrue(CliRun.of("export", pid, "--session", "s1").stdout().contains("\"result\": 36"));

            ProcessRun detach = CliRun.of("detach", pid);
            assertEquals("checkpoint-agent detached; 1 classes restored to their original bytecode, and "
                    + (java.equals(Jvm.toolsJava()) ? 6 : 7) + " JDK classes that carried session scopes in " + pid + "\n",
                    detach.stdout(), detach.stderr());
            assertEquals("done 49", host.step("s1", 7), "after detach: runs as before");
            assertTrue(CliRun.of("summary", pid, "--session", "s1").stdout().contains("\"total_count\": 2"),
                    "not recorded after detach, and still readable");

            assertEquals(0, CliRun.of("attach", pid).exitCode());
            assertEquals("done 64", host.step("s1", 8));
            assertTrue(CliRun.of("summary", pid, "--session", "s1").stdout().contains("\"total_count\": 3"),
                    "recording again into the same session after a second attach");
        }
    }

    @Test
    void cliErrorsAreOneLineWithTheDocumentedExitCodes(@TempDir Path directory) throws Exception {
        ProcessRun noCommand = CliRun.of();
        assertEquals(2, noCommand.exitCode());
        assertEquals("checkpoint-agent: a command is required (see: java -jar checkpoint-agent.jar --help)\n",
                noCommand.stderr());
        ProcessRun badPid = CliRun.of("summary", "not-a-pid");
        assertEquals(2, badPid.exitCode());
        assertEquals("checkpoint-agent: pid must be a positive whole number, got 'not-a-pid'\n", badPid.stderr());
        ProcessRun missingOption = CliRun.of("import", "1");
        assertEquals(2, missingOption.exitCode());
        assertEquals(1, missingOption.stderr().lines().count(), missingOption.stderr());
        ProcessRun noProcess = CliRun.of("detach", "999999999");
        assertEquals(1, noProcess.exitCode());
        assertEquals("checkpoint-agent: no process with pid 999999999\n", noProcess.stderr());

        Process notAJvm = new ProcessBuilder("sleep", "60").start();
        try {
            ProcessRun refused = CliRun.of("attach", String.valueOf(notAJvm.pid()));
            assertEquals(1, refused.exitCode());
            assertTrue(refused.stderr().startsWith("checkpoint-agent: process " + notAJvm.pid() + " is not a JVM ("),
                    refused.stderr());
            assertTrue(refused.stderr().endsWith("sleep)\n"), refused.stderr());
        } finally {
            notAJvm.destroy();
        }
        String java = Jvm.targetJava();
        try (ScriptedHost closed = new ScriptedHost(java, List.of("-XX:+DisableAttachMechanism"))) {
            ProcessRun refused = CliRun.of("attach", closed.pid);
            assertEquals(1, refused.exitCode());
            assertTrue(refused.stderr().startsWith("checkpoint-agent: cannot attach to " + closed.pid + ": "), refused.stderr());
            assertTrue(refused.stderr().contains("-XX:+DisableAttachMechanism"), refused.stderr());
        }

        try (ScriptedHost host = new ScriptedHost(java, List.of(Jvm.javaagent(null)))) {
            ProcessRun unknownSession = CliRun.of("summary", host.pid, "--session", "nope");
            assertEquals(1, unknownSession.exitCode());
            assertEquals("checkpoint-agent: no session 'nope' in " + host.pid + " (sessions: jmx-demo)\n", unknownSession.stderr());
            ProcessRun unknownId = CliRun.of("rollback", host.pid, "jmx-demo:99");
            assertEquals("checkpoint-agent: no checkpoint 'jmx-demo:99' in session 'jmx-demo' (retained: 3; see"
                    + " exportJson for their ids)\n", unknownId.stderr());
            Path bad = directory.resolve("bad.json");
            Files.writeString(bad, "[{\"id\": 1}]");
            ProcessRun badImport = CliRun.of("import", host.pid, "--session", "jmx-demo", "--file", bad.toString());
            assertEquals(1, badImport.exitCode());
            assertEquals("checkpoint-agent: record 0: 'id' must be a string, got number\n", badImport.stderr());
        }
    }
}
