package org.breakpilot.checkpoint.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.cli.CliRun;
import org.breakpilot.checkpoint.cli.ScriptedHost;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.testing.LocalJmx;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.testhost.SecretsHost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password passed to annotated methods in every way ({@link SecretsHost}: parameters named after the
 * default list, {@code @Redact}, a map key five levels down, a bean in a bean, a record component, a
 * returned map and bean, a key added by the {@code redact} option) reaches none of what the agent
 * writes or shows: the journal's bytes (segments and a compaction's snapshot, fsync=always), the
 * exportOnExit files, the agent's log, every MBean attribute and operation result, the notifications,
 * the CLI's output, the host's output. A visible value passed beside it reaches all of them, so the
 * test fails if capture stops. The same run's files are checked to be owner-only.
 */
class SecretsIT {

    private static final String SECRET = "hunter2-" + UUID.randomUUID();
    private static final String VISIBLE = "visible-" + UUID.randomUUID();
    private static final int ROUNDS = 40;
    private static final int CALLS = ROUNDS * SecretsHost.CALLS_PER_ROUND;
    private static final ObjectName SESSION = JmxRegistry.sessionName("secrets");

    @TempDir
    static Path work;
    /** Per place, what the agent wrote or showed there. */
    private static final Map<String, String> OUTPUTS = new LinkedHashMap<>();
    private static JsonNode export;

    @BeforeAll
    static void runTheHostAndCollectEveryOutput() throws Exception {
        Path journal = work.resolve("journal");
        Path exports = work.resolve("exports");
        Path log = work.resolve("agent.log");
        List<String> notifications = new CopyOnWriteArrayList<>();
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(),
                List.of(Jvm.javaagent("session=secrets,dir=" + journal
                        + ",fsync=always,segmentBytes=4096,exportOnExit=" + exports + ",logFile=" + log
                        + ",debug=true,redact=pin")), "org.breakpilot.testhost.SecretsHost")) {
            StringBuilder hostOut = new StringBuilder("ready " + host.pid + "\n");
            try (JMXConnector connector = LocalJmx.connect(host.pid)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                LocalJmx.awaitRegistered(server, SESSION);
                LocalJmx.awaitRegistered(server, new ObjectName(JmxRegistry.AGENT_NAME));
                server.addNotificationListener(SESSION, (notification, handback) -> notifications.add(notification
                        + " " + notification.getMessage() + " " + notification.getUserData()), null, null);
                Process tail = CliRun.start("tail", host.pid, "--count", String.valueOf(CALLS));
                BufferedReader tailErr = new BufferedReader(new InputStreamReader(tail.getErrorStream(), StandardCharsets.UTF_8));
                String tailing = tailErr.readLine();
                assertTrue(tailing != null && tailing.startsWith("tailing "), tailing);
                // Read as it comes: its lines outgrow a pipe's buffer.
                CompletableFuture<String> tailed = CompletableFuture.supplyAsync(() -> readAll(tail.getInputStream()));

                // On standard input, not the command line: the Runtime MBean shows the command line.
                hostOut.append(host.send(ROUNDS + " " + SECRET + " " + VISIBLE)).append('\n');

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .untilAsserted(() -> assertEquals(CALLS, notifications.size(), "a notification per checkpoint"));
                assertTrue(tail.waitFor(30, TimeUnit.SECONDS), "tail ends after its count");
                OUTPUTS.put("tail", tailed.get(30, TimeUnit.SECONDS) + tailing + readAll(tail.getErrorStream()));
                OUTPUTS.put("notifications", String.join("\n", notifications));
                OUTPUTS.put("mbeans", everythingMBeansShow(server));
            }
            Path cliExport = work.resolve("cli-export.json");
            OUTPUTS.put("cli", cli("summary", host.pid) + cli("export", host.pid, "--session", "secrets")
                    + cli("export", host.pid, "--session", "secrets", "--out", cliExport.toString())
                    + cli("rollback", host.pid, "secrets:" + (CALLS + 1)) + Files.readString(cliExport));
            ProcessRun end = host.stop();
            assertEquals(0, end.exitCode(), end.stderr());
            OUTPUTS.put("host stdout", hostOut + end.stdout());
            OUTPUTS.put("host stderr", end.stderr());
        }
        OUTPUTS.put("offline cli", cli("journal", "ls", "--dir", journal.toString())
                + cli("journal", "export", "--dir", journal.toString(), "--session", "secrets")
                + cli("journal", "verify", "--dir", journal.toString()));
        OUTPUTS.put("journal files", filesUnder(journal));
        OUTPUTS.put("exportOnExit files", filesUnder(exports));
        OUTPUTS.put("log file", Files.readString(log));
        export = new ObjectMapper().readTree(exports.resolve("secrets.json").toFile());
    }

    @Test
    void theSecretReachesNoOutput() {
        OUTPUTS.forEach((place, output) -> assertFalse(output.contains(SECRET), () -> "the secret is in the " + place
                + " at " + output.indexOf(SECRET) + ": ..." + output.substring(Math.max(0, output.indexOf(SECRET) - 300),
                output.indexOf(SECRET)) + "..."));
    }

    @Test
    void theVisibleValueBesideItReachesEveryOutputOfCheckpointData() {
        for (String place : List.of("tail", "notifications", "mbeans", "cli", "offline cli", "journal files",
                "exportOnExit files")) {
            assertTrue(OUTPUTS.get(place).contains(VISIBLE), () -> "capture stopped? no visible value in the " + place);
        }
    }

    @Test
    void everyWayOfPassingTheSecretWasCapturedAsRedacted() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("secrets.byParameterName", "/args/password,/args/token,/args/secret,/args/apiKey,/args/authorization");
        paths.put("secrets.byAnnotation", "/args/connectionString");
        paths.put("secrets.nestedMapKey", "/args/config/level1/items/1/accounts/0/password");
        paths.put("secrets.nestedBean", "/args/account/login/password");
        paths.put("secrets.recordComponent", "/args/vault/apiKey");
        paths.put("secrets.resultMap", "/args/secretValue,/result/session/accessToken");
        paths.put("secrets.resultBean", "/args/secretValue,/result/login/password");
        paths.put("secrets.customKey", "/args/pinCode,/args/form/pinCode");
        paths.put("secrets.listOfMaps", "/args/rows/0/password,/args/rows/1/0/Api-Key");
        paths.forEach((name, pointers) -> {
            JsonNode data = latest(name).get("data");
            for (String pointer : pointers.split(",")) {
                assertEquals("[redacted]", data.at(pointer).asText(), name + " " + pointer + " in " + data);
            }
            assertEquals(VISIBLE, data.at("/args/user").asText(), name + ": " + data);
        });
        assertEquals(VISIBLE, latest("secrets.nestedMapKey").at("/data/args/config/level1/items/1/accounts/0/user").asText());
    }

    @Test
    void theJournalWasCompactedIntoASnapshot() {
        assertTrue(OUTPUTS.get("journal files").contains("== snapshot-"), "no snapshot: the secret-free check of"
                + " compacted records did not happen: " + OUTPUTS.get("journal files").lines().filter(l -> l.startsWith("== ")).toList());
    }

    @Test
    void everyFileTheAgentWroteIsOwnerOnly() throws Exception {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(f -> !f.equals(work) && !f.getFileName().toString().startsWith("cli-")).toList()) {
                String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                if (!permissions.equals(Files.isDirectory(file) ? "rwx------" : "rw-------")) {
                    loose.add(work.relativize(file) + " " + permissions);
                }
            }
        }
        assertEquals(List.of(), loose);
        assertTrue(OUTPUTS.get("journal files").contains("== journal.lock"), "the lock file was checked too");
    }

    private static JsonNode latest(String name) {
        JsonNode found = null;
        for (JsonNode checkpoint : export) {
            if (checkpoint.get("name").asText().equals(name)) {
                found = checkpoint;
            }
        }
        assertTrue(found != null, "no checkpoint " + name + " retained");
        return found;
    }

    /**
     * Every attribute of every MBean (the JVM's too: none may hold it either), and every operation of
     * the session's that only reads, with their results.
     */
    private static String everythingMBeansShow(MBeanServerConnection server) throws Exception {
        StringBuilder shown = new StringBuilder();
        for (ObjectName name : server.queryNames(null, null)) {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                Object value;
                try {
                    value = server.getAttribute(name, attribute.getName());
                } catch (JMException | RuntimeException unsupported) {
                    // Some of the JVM's own attributes are unsupported here (BootClassPath, ...): nothing shown.
                    continue;
                }
                shown.append(name).append(' ').append(attribute.getName()).append('=')
                        .append(value instanceof Object[] array ? Arrays.deepToString(array) : value).append('\n');
            }
        }
        shown.append(invoke(server, "summaryJson")).append(invoke(server, "exportJson"))
                .append(invoke(server, "since", "2000-01-01T00:00:00Z"))
                .append(invoke(server, "between", "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"))
                .append(invoke(server, "rollbackTo", "secrets:" + (CALLS + 1)));
        for (String checkpointName : SecretsHost.NAMES) {
            shown.append(invoke(server, "latest", checkpointName)).append(invoke(server, "byName", checkpointName));
        }
        return shown.toString();
    }

    private static String invoke(MBeanServerConnection server, String operation, String... arguments) throws Exception {
        String[] signature = new String[arguments.length];
        Arrays.fill(signature, String.class.getName());
        Object result = server.invoke(SESSION, operation, arguments, signature);
        return (result instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(result)) + "\n";
    }

    private static String readAll(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cli(String... arguments) throws Exception {
        ProcessRun run = CliRun.of(arguments);
        assertEquals(0, run.exitCode(), String.join(" ", arguments) + ": " + run.stderr());
        return run.stdout() + run.stderr();
    }

    /** Each file's name and raw bytes (as ISO-8859-1, so that any byte sequence is kept and searchable). */
    private static String filesUnder(Path directory) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append("== ").append(file.getFileName()).append('\n')
                        .append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}
