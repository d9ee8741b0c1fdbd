package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.breakpilot.checkpoint.testing.Jvm;
import org.junit.jupiter.api.Test;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** What {@code list} and {@code summary} show of real JVMs, and how a second {@code attach} answers. */
class AgentStatesIT {

    private static final String AGENT = Jvm.javaagent(null);

    @Test
    void listShowsEveryJvmInADocumentedState() throws Exception {
        String java = Jvm.targetJava();
        try (ScriptedHost none = new ScriptedHost(java, List.of());
             ScriptedHost running = new ScriptedHost(java, List.of(AGENT));
             ScriptedHost off = new ScriptedHost(java, List.of(AGENT + "=noSuchOption=1"));
             ScriptedHost detached = new ScriptedHost(java, List.of(AGENT));
             ScriptedHost stopped = new ScriptedHost(java, List.of())) {
            assertEquals(0, CliRun.of("detach", detached.pid).exitCode());
            // A stopped JVM is listed but never answers an attach: list gives up on it after the attach timeout.
            signal("STOP", stopped.pid);
            ProcessRun list;
            try {
                list = CliRun.of("list");
            } finally {
                signal("CONT", stopped.pid);
            }

            assertEquals(0, list.exitCode(), list.stderr());
            Map<String, String> states = states(list.stdout());
            assertEquals("no", states.get(none.pid), list.stdout());
            assertEquals("running", states.get(running.pid), list.stdout());
            assertEquals("off", states.get(off.pid), list.stdout());
            assertEquals("detached", states.get(detached.pid), list.stdout());
            assertEquals("unreachable", states.get(stopped.pid), list.stdout());
            for (String state : states.values()) {
                assertTrue(List.of("no", "running", "off", "detached", "unreachable", "unknown").contains(state),
                        "every state shown is one docs/cli.md explains: " + list.stdout());
            }
        }
    }

    private static void signal(String signal, String pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, pid).start().waitFor());
    }

    /** PID to AGENT column of {@code list}'s rows. */
    private static Map<String, String> states(String list) {
        Map<String, String> states = new TreeMap<>();
        for (String row : list.lines().skip(1).toList()) {
            String[] columns = row.split(" +", 3);
            states.put(columns[0], columns[1]);
        }
        return states;
    }

    @Test
    void summaryOfEverySessionIsOneJsonObjectIndentedTwoSpacesALevel() throws Exception {
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(), List.of(AGENT + "=store=memory"))) {
            host.step("second", 5);
            ProcessRun one = CliRun.of("summary", host.pid, "--session", "second");
            assertEquals(0, one.exitCode(), one.stderr());

            ProcessRun all = CliRun.of("summary", host.pid);

            assertEquals(0, all.exitCode(), all.stderr());
            List<String> lines = all.stdout().lines().toList();
            assertEquals("{", lines.get(0));
            assertEquals("  \"jmx-demo\": {", lines.get(1));
            assertEquals("    \"total_count\": 3,", lines.get(2));
            assertEquals("  },", lines.get(lines.indexOf("  \"second\": {") - 1));
            assertEquals("}", lines.get(lines.size() - 1));
            assertEveryLineIndentedByItsDepth(lines);
            JsonNode parsed = new ObjectMapper().readTree(all.stdout());
            List<String> sessions = new ArrayList<>();
            parsed.fieldNames().forEachRemaining(sessions::add);
            assertEquals(List.of("jmx-demo", "second"), sessions);
            assertEquals(new ObjectMapper().readTree(one.stdout()), parsed.get("second"));
        }
    }

    /** Each line starts with two spaces per bracket open before it (a line that closes one: one less). */
    private static void assertEveryLineIndentedByItsDepth(List<String> lines) {
        int depth = 0;
        for (String line : lines) {
            String content = line.stripLeading();
            int own = content.startsWith("}") || content.startsWith("]") ? depth - 1 : depth;
            assertEquals(" ".repeat(2 * own) + content, line, "indentation of a line at depth " + own);
            boolean inString = false;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (inString) {
                    i += c == '\\' ? 1 : 0;
                    inString = c != '"';
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
        }
    }

    @Test
    void aSecondAttachWithOtherOptionsFailsNamingThemAndTheSameOptionsAreFine() throws Exception {
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(), List.of(AGENT + "=store=memory,session=first"))) {
            ProcessRun same = CliRun.of("attach", host.pid, "session=first,store=memory");
            assertEquals(0, same.exitCode(), same.stderr());
            assertEquals("checkpoint-agent is already attached to " + host.pid + " with these options; nothing to do\n",
                    same.stdout());

            ProcessRun other = CliRun.of("attach", host.pid, "store=memory,session=other");

            assertEquals(1, other.exitCode(), other.stdout());
            assertEquals("checkpoint-agent: the agent is already loaded in " + host.pid + " with other options, which"
                    + " were not applied: session='other' (running: 'first'). To change options, detach first (java -jar"
                    + " checkpoint-agent.jar detach " + host.pid + "), then attach with the new ones\n", other.stderr());
            ProcessRun malformed = CliRun.of("attach", host.pid, "session=");
            assertEquals(1, malformed.exitCode(), malformed.stdout());
            assertTrue(malformed.stderr().contains("were not applied: option session must not be empty."),
                    malformed.stderr());
            assertEquals("done 4", host.send("first 2"), "the running agent is unchanged and still records");
            ProcessRun summary = CliRun.of("summary", host.pid, "--session", "first");
            assertTrue(summary.stdout().contains("\"total_count\": 1"), summary.stdout());
        }
    }
}
