package org.breakpilot.checkpoint.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.cli.CliRun;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database goes away under a write load: {@link org.breakpilot.testhost.CrashWriter} creates
 * checkpoints with {@code fsync=always} from two threads while the server is restarted ({@code pg_ctl
 * restart}) and then stopped for ten seconds. The host must go on (its calls wait, bounded by
 * {@code writeTimeoutMs}, and resume), every acknowledged checkpoint must be in the store afterwards, and
 * {@code journal verify --jdbc-url} must pass.
 */
class PostgresOutageIT {

    private static final int THREADS = 2;
    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    /** The server up again, whatever the test did to it, for the schema to be dropped and later tests. */
    @AfterEach
    void startTheServerAgain() throws Exception {
        database.cluster("start");
    }

    @Test
    void aRestartAndTenSecondsWithoutTheDatabaseLoseNothingAcknowledged() throws Exception {
        // Everything retained, so that every acknowledged id can be looked for; calls wait out the outage.
        String options = database.agentOptions() + ",fsync=always,onFull=block,writeTimeoutMs=60000"
                + ",maxCheckpoints=1000000,compressAfter=1000000";
        // Kept where a failed build's reports are, to be read.
        Path stderr = Jvm.AGENT_JAR.resolveSibling("postgres-outage-writer.err");
        Process writer = Jvm.target().agent(options).hostClassPath()
                .main("org.breakpilot.testhost.CrashWriter", Integer.toString(THREADS), "1", "0", "0")
                .inFreshDirectory().redirectError(stderr.toFile()).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(writer, lines));
        reader.start();
        try {
            awaitMoreAcks(lines, 0);
            database.cluster("restart");
            awaitMoreAcks(lines, acks(lines).size());

            database.cluster("stop");
            int beforeOutage = acks(lines).size();
            Thread.sleep(10_000);  // the outage itself, not a wait for a condition
            assertTrue(writer.isAlive(), "the host died while the database was away");
            int duringOutage = acks(lines).size() - beforeOutage;
            database.cluster("start");
            awaitMoreAcks(lines, acks(lines).size());

            // Calls wait while nothing can be made durable: at most those under way as it stopped return.
            assertTrue(duringOutage <= THREADS, duringOutage + " creates were acknowledged with no database");
        } finally {
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
        }

        Set<String> stored = new TreeSet<>();
        for (int t = 0; t < THREADS; t++) {
            ProcessRun export = CliRun.of(store("journal", "export", "--session", "crash-" + t));
            assertEquals(0, export.exitCode(), export.stderr());
            stored.addAll(new ObjectMapper().readTree(export.stdout()).findValuesAsText("id"));
        }
        List<String> lost = new ArrayList<>(acks(lines));
        lost.removeAll(stored);
        assertEquals(List.of(), lost, "acknowledged and lost (of " + acks(lines).size() + ")");

        ProcessRun verify = CliRun.of(store("journal", "verify"));
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        String warnings = Files.readString(stderr);
        assertFalse(warnings.contains("Exception\n") || warnings.contains("\tat "), warnings);
        assertTrue(warnings.contains("Cannot write checkpoint store " + database.url), warnings);
    }

    private String[] store(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--jdbc-url", database.url, "--jdbc-user", database.user, "--jdbc-password-file",
                database.passwordFile.toAbsolutePath().toString(), "--jdbc-schema", database.schema,
                "--max-checkpoints", "1000000", "--compress-after", "1000000"));
        return args.toArray(String[]::new);
    }

    private static void awaitMoreAcks(List<String> lines, int than) {
        await().atMost(Duration.ofSeconds(60)).until(() -> acks(lines).size() >= than + 50);
    }

    private static List<String> acks(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("ack ")).map(line -> line.substring(4)).toList();
    }

    private static void readLines(Process writer, List<String> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (java.io.IOException ended) {
            // The writer was killed.
        }
    }
}
