package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalInspector;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.testhost.LoadHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * 16 platform threads call five {@code @Checkpoint} shapes in 1 000 sessions for {@code load.seconds}
 * (default 30) in a real JVM with the packaged agent, the journal with {@code fsync=batch}, and a
 * retention so small that every call compresses and evicts. Per session, every call must have had
 * exactly one id, the ids 1..N with N the calls counted, and the checkpoints retained must be exactly
 * what the retention keeps of that sequence, in the summary and in the journal read back offline; the
 * heap after a full GC, at 10 s and at the end, must stay within what retention allows. {@code scripts/load.sh} runs it
 * longer.
 */
class LoadIT {

    private static final int THREADS = 16;
    private static final int SESSIONS = 1_000;
    private static final long SECONDS = Long.getLong("load.seconds", 30);
    // Above compressAfter after every create; compression alone keeps up to 1 + 5 + 5 names = 11, so
    // eviction to 8 follows nearly every call too.
    private static final RetentionPolicy RETENTION = new RetentionPolicy(8, 6, 5);
    // onFull=block so that nothing is dropped and the journal must hold every call. The queue and the
    // segment size bound the heap the writer and the compactor hold (see heapStaysWithinRetention).
    private static final int QUEUE_SIZE = 1_024;
    private static final long SEGMENT_BYTES = 4L << 20;
    // A checkpoint the compactor reads back holds its own strings (class, method, thread, outcome) where a
    // recorded one shares them with its method, and its record's bytes: it can outweigh a live checkpoint,
    // which since small maps are arrays takes about 900 bytes here.
    private static final long DECODED_CHECKPOINT_BYTES = 2_048;
    private static final Pattern FIGURE = Pattern.compile("(\\w+)=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void sixteenThreadsInThousandSessionsGetGaplessUniqueIdsAndStayWithinRetention() throws Exception {
        Path journal = dir.resolve("journal");
        Path report = dir.resolve("sessions.jsonl");
        String options = "dir=" + journal + ",fsync=batch,onFull=block,queueSize=" + QUEUE_SIZE + ",maxCheckpoints="
                + RETENTION.maxCheckpoints() + ",compressAfter=" + RETENTION.compressAfter() + ",keepRecent="
                + RETENTION.keepRecent();
        ProcessRun run = HostJvm.run((int) SECONDS + 180, Jvm.targetJava(), options, List.of("-Xmx512m"),
                List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), LoadHost.class.getName(), String.valueOf(THREADS),
                String.valueOf(SESSIONS), String.valueOf(SECONDS), report.toString());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("", run.stderr(), "the agent must say nothing when nothing is wrong");
        Map<String, Long> figures = figures(run.stdout());

        long calls = 0;
        Map<String, List<String>> retainedBySession = new HashMap<>();
        List<JsonNode> sessions = new ArrayList<>();
        new ObjectMapper().readerFor(JsonNode.class).readValues(report.toFile()).forEachRemaining(
                node -> sessions.add((JsonNode) node));
        assertEquals(SESSIONS, sessions.size());
        for (JsonNode session : sessions) {
            retainedBySession.put(session.get("session").asText(), checkSession(session));
            calls += session.get("calls").asLong();
        }
        assertEquals(0, figures.get("dropped"), "onFull=block must journal every checkpoint");
        assertEquals(calls, figures.get("recorded"), "the agent's Recorded counter against the calls counted");
        assertTrue(figures.get("calls") >= THREADS * SECONDS * 100, "too few calls to mean anything: " + figures);
        heapStaysWithinRetention(figures);
        journalRestoresEverySession(journal, retainedBySession);

        System.out.printf("load test: %d threads x %d s, %d sessions: %d calls (%d/s), %d in all; heap after GC:"
                        + " %d KB at 10 s, %d KB at the end, %d bytes per retained checkpoint%n", THREADS, SECONDS,
                SESSIONS, figures.get("calls"), figures.get("calls") * 1000 / figures.get("millis"), calls,
                figures.get("heap10s") / 1024, figures.get("heapEnd") / 1024, bytesPerCheckpoint(figures));
    }

    /** Checks one session's ids and summary; returns its retained ids. */
    private static List<String> checkSession(JsonNode session) {
        String id = session.get("session").asText();
        long calls = session.get("calls").asLong();
        String heard = session.get("heard").asText();
        assertEquals(0, session.get("duplicates").asLong(), id + ": an id was handed out twice");
        assertEquals(0, session.get("malformed").asLong(), id + ": an id or name not of this session");
        assertEquals(calls, heard.length(), id + ": the highest id heard against the calls counted");
        assertEquals(-1, heard.indexOf('-'), id + ": an id number was skipped (no call got it) at "
                + (heard.indexOf('-') + 1));

        // Replaying the names in id order through a manager with the same retention must keep the same ids.
        CheckpointManager expected = new CheckpointManager(id, RETENTION);
        for (char name : heard.toCharArray()) {
            expected.create(LoadHost.NAMES.get(name - 'a'), Map.of());
        }
        List<String> retained = new ArrayList<>();
        session.get("retained").forEach(node -> retained.add(node.asText()));
        assertEquals(expected.getAll().stream().map(Checkpoint::id).toList(), retained, id + ": retained ids");
        assertTrue(retained.size() <= RETENTION.maxCheckpoints(), id + ": " + retained.size() + " retained");

        JsonNode summary = session.get("summary");
        assertEquals(retained.size(), summary.get("total_count").asInt(), id + ": total_count");
        assertEquals(id + ":1", summary.get("first_checkpoint").get("id").asText(), id + ": first kept");
        assertEquals(id + ":" + calls, summary.get("last_checkpoint").get("id").asText(), id + ": newest kept");
        Map<String, Integer> names = new TreeMap<>();
        summary.get("names").fields().forEachRemaining(name -> names.put(name.getKey(), name.getValue().asInt()));
        Map<String, Integer> expectedNames = new TreeMap<>();
        expected.getAll().forEach(checkpoint -> expectedNames.merge(checkpoint.name(), 1, Integer::sum));
        assertEquals(expectedNames, names, id + ": names in the summary");
        return retained;
    }

    /**
     * The heap after a full GC, at 10 s and at the end, must be within what retention allows:
     * <pre>
     *   heapSubscribed                            1 000 sessions of one checkpoint, their MBeans, the agent
     * + SESSIONS * maxCheckpoints * perCp         every session full
     * + SESSIONS * maxCheckpoints * copy          the compactor's copy of them, read back from the journal
     *                                             (copy: perCp, but at least DECODED_CHECKPOINT_BYTES)
     * + 2 * QUEUE_SIZE * perCp                    records queued, and the writer's batch
     * + SEGMENT_BYTES                             the segment (or snapshot) the compactor reads whole
     * + 16 MiB                                    caches, the threads' calls under way, GC accounting
     * </pre>
     * {@code perCp} is measured in the same JVM: the heap the sessions gained while filled from one
     * checkpoint to their retention, over the checkpoints they gained. A leak of a few bytes per call
     * breaks it: a 30 s run makes a quarter of a million calls and more.
     */
    private static void heapStaysWithinRetention(Map<String, Long> figures) {
        long perCheckpoint = bytesPerCheckpoint(figures);
        assertTrue(perCheckpoint > 0, "no heap measured per checkpoint: " + figures);
        long compactorCopy = Math.max(perCheckpoint, DECODED_CHECKPOINT_BYTES);
        long bound = figures.get("heapSubscribed") + (long) SESSIONS * RETENTION.maxCheckpoints() * perCheckpoint
                + (long) SESSIONS * RETENTION.maxCheckpoints() * compactorCopy + 2L * QUEUE_SIZE * perCheckpoint
                + SEGMENT_BYTES + (16L << 20);
        for (String when : List.of("heap10s", "heapEnd")) {
            assertTrue(figures.get(when) <= bound, when + " " + figures.get(when) + " over the bound " + bound
                    + " (" + perCheckpoint + " bytes per checkpoint): " + figures);
        }
    }

    private static long bytesPerCheckpoint(Map<String, Long> figures) {
        return (figures.get("heapFilled") - figures.get("heapSubscribed"))
                / (figures.get("retainedFilled") - figures.get("retainedSubscribed"));
    }

    /** Read offline, the journal restores every session with the same retained ids and id counter. */
    private static void journalRestoresEverySession(Path journal, Map<String, List<String>> retained) throws Exception {
        JournalInspector inspector = JournalInspector.read(journal, RETENTION);
        assertEquals(retained.keySet().size(), inspector.sessions().size());
        for (JournalInspector.SessionInfo info : inspector.sessions()) {
            List<String> live = retained.get(info.id());
            assertEquals(live, inspector.session(info.id()).orElseThrow().getAll().stream().map(Checkpoint::id).toList(),
                    info.id() + ": restored ids");
            String newest = live.get(live.size() - 1);
            assertEquals(Long.parseLong(newest.substring(newest.lastIndexOf(':') + 1)), info.lastIdNumber(),
                    info.id() + ": restored id counter");
        }
        ProcessRun verify = Jvm.target().jar(Jvm.AGENT_JAR, "journal", "verify", "--dir", journal.toString(),
                "--max-checkpoints", String.valueOf(RETENTION.maxCheckpoints()), "--compress-after",
                String.valueOf(RETENTION.compressAfter()), "--keep-recent", String.valueOf(RETENTION.keepRecent())).run(120);
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
    }

    private static Map<String, Long> figures(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith("figures ")).findFirst()
                .orElseThrow(() -> new AssertionError("the host printed no figures: " + stdout));
        Map<String, Long> figures = new HashMap<>();
        Matcher matcher = FIGURE.matcher(line);
        while (matcher.find()) {
            figures.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return figures;
    }
}
