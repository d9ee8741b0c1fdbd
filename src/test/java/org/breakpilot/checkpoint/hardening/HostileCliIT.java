package org.breakpilot.checkpoint.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.cli.CliRun;
import org.breakpilot.checkpoint.cli.ScriptedHost;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.testing.LocalJmx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Every CLI command, run as {@code java -jar checkpoint-agent.jar}, given missing, malformed, huge and
 * hostile arguments, pids and paths: exit 2 for a usage error or 1 for a failure, one line on stderr
 * naming the problem (no stack trace), nothing on stdout, and the live JVM's sessions and journal,
 * and an offline journal, exactly as before.
 */
class HostileCliIT {

    private static final String BIG = "y".repeat(100_000);

    @TempDir
    static Path work;
    private static ScriptedHost host;
    private static JMXConnector connector;
    private static MBeanServerConnection server;
    private static Process notAJvm;

    /** A run that must fail: its exit code and what its one stderr line must mention. */
    record Refused(List<String> arguments, int exitCode, String mustMention) {
        @Override
        public String toString() {
            String shown = arguments.isEmpty() ? "(no arguments)" : String.join(" ", arguments);
            return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
        }
    }

    @BeforeAll
    static void startHostAndWriteAnOfflineJournal() throws Exception {
        String java = Jvm.targetJava();
        String agent = Jvm.javaagent("dir=");
        try (ScriptedHost writer = new ScriptedHost(java, List.of(agent + work.resolve("offline")))) {
            writer.step("jmx-demo", 4);
        }
        host = new ScriptedHost(java, List.of(agent + work.resolve("live"), "-Dhostile.cli.host=true"));
        connector = LocalJmx.connect(host.pid);
        server = connector.getMBeanServerConnection();
        LocalJmx.awaitRegistered(server, JmxRegistry.sessionName("jmx-demo"));
        notAJvm = new ProcessBuilder("sleep", "600").start();
        Files.writeString(work.resolve("not-json.txt"), "this is not JSON");
        Files.writeString(work.resolve("empty.json"), "");
        Files.writeString(work.resolve("a-file"), "x");
        Files.createDirectories(work.resolve("empty-dir"));
        Files.createDirectories(work.resolve("garbage"));
        Files.write(work.resolve("garbage/segment-00000000000000000001.log"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    }

    @AfterAll
    static void stop() throws Exception {
        notAJvm.destroy();
        connector.close();
        assertEquals("done 16", host.step("jmx-demo", 4), "the host still works");
        assertEquals(0, host.stop().exitCode());
    }

    static Stream<Refused> refusedRuns() {
        String pid = host.pid;
        String w = work.toString();
        List<Refused> runs = new ArrayList<>();
        // Each command with what it needs besides the pid, so that the pid is what is wrong.
        for (List<String> command : List.of(List.of("summary"), List.of("export"), List.of("tail"), List.of("detach"),
                List.of("attach"), List.of("import", "--session", "s", "--file", w + "/empty.json"), List.of("rollback", "s:1"),
                List.of("fork", "s:1", "--as", "copy"))) {
            for (String badPid : List.of("not-a-pid", "-1", "99999999999999999999", "")) {
                runs.add(refused(2, "pid must be a positive whole number", withPid(command, badPid)));
            }
            runs.add(refused(1, "no process with pid", withPid(command, "2147483646")));
            runs.add(refused(1, "is not a JVM", withPid(command, String.valueOf(notAJvm.pid()))));
            List<String> bogus = new ArrayList<>(List.of(withPid(command, pid)));
            bogus.add("--bogus");
            runs.add(refused(2, "Unknown option: '--bogus'", bogus.toArray(String[]::new)));
        }
        runs.add(refused(2, "pid", "summary"));
        runs.add(refused(2, "a command is required"));
        runs.add(refused(2, "Unmatched argument", "nonsense"));
        runs.add(refused(1, "no session", "summary", pid, "--session", ""));
        runs.add(refused(1, "no session", "summary", pid, "--session", BIG));
        runs.add(refused(1, "no session", "export", pid, "--session", "../../etc/passwd"));
        runs.add(refused(1, "directory", "export", pid, "--session", "jmx-demo", "--out", w));
        runs.add(refused(1, "absent", "export", pid, "--session", "jmx-demo", "--out", w + "/absent/x.json"));
        runs.add(refused(2, "--file", "import", pid, "--session", "jmx-demo"));
        runs.add(refused(2, "--session", "import", pid, "--file", w + "/not-json.txt"));
        runs.add(refused(1, "cannot read", "import", pid, "--session", "jmx-demo", "--file", w + "/absent.json"));
        runs.add(refused(1, "cannot read", "import", pid, "--session", "jmx-demo", "--file", w));
        runs.add(refused(1, "malformed", "import", pid, "--session", "jmx-demo", "--file", w + "/not-json.txt"));
        runs.add(refused(1, "empty", "import", pid, "--session", "jmx-demo", "--file", w + "/empty.json"));
        runs.add(refused(1, "no session", "import", pid, "--session", "nope", "--file", w + "/empty.json"));
        for (String id : List.of("", "no-colon", ":5", BIG)) {
            runs.add(refused(2, "checkpoint id", "rollback", pid, id));
            runs.add(refused(2, "checkpoint id", "fork", pid, id, "--as", "copy"));
        }
        for (String id : List.of("jmx-demo:abc", "jmx-demo:-1", "jmx-demo:99999999999999999999", "jmx-demo:" + BIG)) {
            runs.add(refused(1, "no checkpoint", "rollback", pid, id));
            runs.add(refused(1, "no checkpoint", "rollback", pid, id, "--rewind"));
            runs.add(refused(1, "no checkpoint", "fork", pid, id, "--as", "copy"));
        }
        runs.add(refused(1, "no session", "rollback", pid, "nope:1"));
        runs.add(refused(2, "--as", "fork", pid, "jmx-demo:1"));
        runs.add(refused(2, "--as", "fork", pid, "jmx-demo:1", "--as", "   "));
        runs.add(refused(1, "already exists", "fork", pid, "jmx-demo:1", "--as", "jmx-demo"));
        runs.add(refused(1, "256 characters", "fork", pid, "jmx-demo:1", "--as", BIG));
        runs.add(refused(2, "--count", "tail", pid, "--count", "-1"));
        runs.add(refused(2, "--count", "tail", pid, "--count", "abc"));
        runs.add(refused(2, "--count", "tail", pid, "--count", "99999999999"));
        for (List<String> journal : List.of(List.of("ls"), List.of("verify"), List.of("export", "--session", "jmx-demo"),
                List.of("rewind", "--session", "jmx-demo", "--to", "jmx-demo:1"))) {
            runs.add(refused(2, "--dir", journalRun(journal)));
            runs.add(refused(2, "no directory", journalRun(journal, "--dir", w + "/absent")));
            runs.add(refused(2, "no directory", journalRun(journal, "--dir", w + "/a-file")));
            runs.add(refused(2, "no checkpoint journal", journalRun(journal, "--dir", w + "/empty-dir")));
            runs.add(refused(2, "maxCheckpoints must be >= 1", journalRun(journal, "--dir", w + "/offline", "--max-checkpoints", "0")));
            runs.add(refused(2, "--keep-recent", journalRun(journal, "--dir", w + "/offline", "--keep-recent", "abc")));
        }
        runs.add(refused(2, "no session", "journal", "export", "--dir", w + "/offline", "--session", BIG));
        runs.add(refused(2, "no session", "journal", "rewind", "--dir", w + "/offline", "--session", "nope", "--to", "nope:1"));
        for (String id : List.of("", "jmx-demo:0", "jmx-demo:abc", "../../etc/passwd", BIG)) {
            runs.add(refused(2, "no checkpoint", "journal", "rewind", "--dir", w + "/offline", "--session", "jmx-demo", "--to", id));
        }
        runs.add(refused(1, "damaged", "journal", "verify", "--dir", w + "/garbage"));
        runs.add(refused(2, "a journal command is required", "journal"));
        runs.add(refused(2, "Unknown subcommand", "help", "nonsense"));
        return runs.stream();
    }

    private static String[] journalRun(List<String> command, String... options) {
        List<String> arguments = new ArrayList<>(List.of("journal"));
        arguments.addAll(command);
        arguments.addAll(List.of(options));
        return arguments.toArray(String[]::new);
    }

    private static String[] withPid(List<String> command, String pid) {
        List<String> arguments = new ArrayList<>(command);
        arguments.add(1, pid);
        return arguments.toArray(String[]::new);
    }

    private static Refused refused(int exitCode, String mustMention, String... arguments) {
        return new Refused(List.of(arguments), exitCode, mustMention);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRuns")
    void aHostileRunFailsWithItsExitCodeAndOneLineAndChangesNothing(Refused refused) throws Exception {
        String liveBefore = HostileJmxIT.state(server, work.resolve("live"));
        String offlineBefore = filesAndBytes(work.resolve("offline"));

        ProcessRun run = CliRun.of(refused.arguments().toArray(String[]::new));

        assertEquals(refused.exitCode(), run.exitCode(), run.stderr());
        assertEquals(1, run.stderr().lines().count(), () -> "not one line: " + run.stderr());
        assertTrue(run.stderr().startsWith("checkpoint-agent: "), run.stderr());
        assertTrue(run.stderr().length() <= 400, () -> run.stderr().length() + " chars: " + run.stderr().substring(0, 400));
        assertTrue(run.stderr().contains(refused.mustMention()), () -> "does not mention " + refused.mustMention());
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("Exception:"), run.stderr());
        if (!refused.arguments().contains("verify")) {
            assertEquals("", run.stdout(), "only verify reports on stdout before it fails");
        }
        assertEquals(liveBefore, HostileJmxIT.state(server, work.resolve("live")));
        assertEquals(offlineBefore, filesAndBytes(work.resolve("offline")));
        assertTrue(host.alive());
    }

    /** Fails when a command is added without hostile runs above: the commands are read from the CLI's help. */
    @Test
    void theHostileRunsCoverEveryCommand() throws Exception {
        Set<String> commands = new TreeSet<>(commandsIn(CliRun.of("--help").stdout(), ""));
        commands.addAll(commandsIn(CliRun.of("journal", "--help").stdout(), "journal "));
        commands.removeAll(Set.of("list", "journal"));
        Set<String> covered = new TreeSet<>();
        refusedRuns().forEach(run -> {
            List<String> words = run.arguments();
            covered.add(words.isEmpty() ? "" : words.get(0).equals("journal") && words.size() > 1
                    && !words.get(1).startsWith("-") ? "journal " + words.get(1) : words.get(0));
        });
        assertTrue(commands.size() >= 12, "read the commands from the help: " + commands);
        commands.removeAll(covered);
        assertEquals(Set.of(), commands, "commands no hostile run tries ('list' takes no argument)");
    }

    private static List<String> commandsIn(String help, String prefix) {
        Matcher command = Pattern.compile("(?m)^  (\\w+)  ").matcher(help.substring(help.indexOf("Commands:")));
        List<String> names = new ArrayList<>();
        while (command.find()) {
            names.add(prefix + command.group(1));
        }
        return names;
    }

    private static String filesAndBytes(Path directory) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                all.append(file.getFileName()).append(' ').append(java.util.Arrays.hashCode(Files.readAllBytes(file))).append('\n');
            }
        }
        return all.toString();
    }
}
