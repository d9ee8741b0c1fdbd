package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalInspector;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a JVM writing checkpoints with {@code fsync=always} at random moments, again and again on
 * the same journal: every id it acknowledged must be in the journal, no id may be handed out twice,
 * and the journal must verify. Once plainly and once with compaction running all the time.
 */
class CrashRecoveryIT {

    private static final int CYCLES = 20;
    private static final int THREADS = 3;
    // Large enough that nothing acknowledged is evicted: retention is not what this test is about.
    private static final RetentionPolicy KEEP_ALL = new RetentionPolicy(1_000_000, 1_000_000, 20);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCheckpointSurvivesRepeatedSigkills() throws Exception {
        killRepeatedly("");
        assertFalse(snapshotExists(), "this run is meant to have no compaction");
    }

    @Test
    void everyAcknowledgedCheckpointSurvivesRepeatedSigkillsWhileCompacting() throws Exception {
        killRepeatedly(",segmentBytes=4096");
        assertTrue(snapshotExists(), "no compaction finished in " + CYCLES + " cycles");
    }

    private void killRepeatedly(String extraOptions) throws Exception {
        Random random = new Random(20261125);
        List<String> acknowledged = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            acknowledged.addAll(runAndKill(extraOptions, 30 + random.nextInt(400)));
        }
        assertEquals(acknowledged.size(), new HashSet<>(acknowledged).size(), "an id was handed out twice");

        JournalInspector journal = JournalInspector.read(dir, KEEP_ALL);
        assertFalse(journal.damaged(), String.join("\n", journal.fileReports()));
        Set<String> stored = new HashSet<>();
        for (JournalInspector.SessionInfo session : journal.sessions()) {
            journal.session(session.id()).orElseThrow().getAll().stream().map(Checkpoint::id).forEach(stored::add);
        }
        List<String> lost = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
        assertTrue(lost.isEmpty(), lost.size() + " of " + acknowledged.size() + " acknowledged ids lost, e.g. "
                + lost.subList(0, Math.min(5, lost.size())));
        assertTrue(acknowledged.size() > CYCLES * THREADS, "too few checkpoints written to mean anything: "
                + acknowledged.size());

        System.out.printf("crash test%s: %d checkpoints acknowledged over %d SIGKILLs, all found; %s%n", extraOptions,
                acknowledged.size(), CYCLES, journal.records() + " records verified");
        ProcessRun verify = CliVerify.run(dir);
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
    }

    /** Starts the writer, lets it write for {@code millis} after its first ack, SIGKILLs it; returns its acks. */
    private List<String> runAndKill(String extraOptions, int millis) throws Exception {
        List<String> command = List.of(HostJvm.java(),
                "-javaagent:" + HostJvm.AGENT_JAR.toAbsolutePath() + "=dir=" + dir + ",fsync=always,maxCheckpoints=1000000,"
                        + "compressAfter=1000000" + extraOptions,
                "-cp", HostJvm.TEST_CLASSES.toAbsolutePath() + ":" + HostJvm.API_JAR.toAbsolutePath(),
                "org.breakpilot.testhost.CrashWriter", String.valueOf(THREADS));
        Process writer = ProcessRun.inFreshDirectory(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acks = new ArrayList<>();
        CountDownLatch firstAck = new CountDownLatch(1);
        Thread reader = new Thread(() -> readAcks(writer, acks, firstAck));
        reader.start();
        assertTrue(firstAck.await(60, TimeUnit.SECONDS), "the writer acknowledged nothing");
        Thread.sleep(millis);
        writer.destroyForcibly();
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        reader.join(TimeUnit.SECONDS.toMillis(30));
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private static void readAcks(Process writer, List<String> acks, CountDownLatch firstAck) {
        // Lines by hand: readLine would hand over a last line cut by the kill, whose id is not whole.
        StringBuilder line = new StringBuilder();
        try (InputStreamReader out = new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8)) {
            for (int c = out.read(); c >= 0; c = out.read()) {
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                if (line.toString().startsWith("ack ")) {
                    synchronized (acks) {
                        acks.add(line.substring(4));
                    }
                    firstAck.countDown();
                }
                line.setLength(0);
            }
        } catch (IOException killed) {
            // The pipe closes with the process.
        }
    }

    private boolean snapshotExists() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("snapshot-"));
        }
    }

    /** {@code java -jar checkpoint-agent.jar journal verify}. */
    private static final class CliVerify {
        static ProcessRun run(Path dir) throws IOException, InterruptedException {
            return ProcessRun.of(List.of(HostJvm.java(), "-jar", HostJvm.AGENT_JAR.toAbsolutePath().toString(), "journal",
                    "verify", "--dir", dir.toString(), "--max-checkpoints", "1000000", "--compress-after", "1000000"), 60);
        }
    }
}
