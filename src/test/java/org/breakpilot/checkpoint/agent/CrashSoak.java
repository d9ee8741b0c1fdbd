package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalInspector;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * Runs {@link org.breakpilot.testhost.CrashWriter} on one journal again and again, SIGKILLing each run,
 * and after each checks the journal, read offline, against {@link AcknowledgedChanges}, and has
 * {@code journal verify} check it; counts what happened for the test's assertions and report.
 */
final class CrashSoak {

    /**
     * What the writer does and how it is killed.
     *
     * @param rewindsPerMille    rewinds per thousand changes
     * @param forksPerMille      forks per thousand changes
     * @param agentOptions       more agent options, such as a small {@code segmentBytes}
     * @param kills              the kinds of kill, taken in turn, run after run
     * @param offlineRewindEvery every how many runs {@code journal rewind} rewinds a session before the
     *                           next run; 0 never
     */
    record Mix(int rewindsPerMille, int forksPerMille, String agentOptions, List<KilledWriter.Kill> kills,
               int offlineRewindEvery) {

        /**
         * Run {@code run}'s kill: 30 to 430 ms after the first acknowledgement, as a compaction starts (2 s
         * at the latest), or 0 to 800 ms after the start.
         */
        KilledWriter.KillMoment killMoment(int run, Random random) {
            KilledWriter.Kill kill = kills.get(run % kills.size());
            return new KilledWriter.KillMoment(kill, switch (kill) {
                case AFTER_FIRST_ACK -> 30 + random.nextInt(400);
                case AT_COMPACTION -> 2000;
                case AFTER_START -> random.nextInt(800);
            });
        }

        List<String> writerArgs(int run) {
            return List.of(String.valueOf(THREADS), String.valueOf(run), String.valueOf(rewindsPerMille),
                    String.valueOf(forksPerMille));
        }
    }

    static final int THREADS = 3;
    // Large enough that nothing is evicted or compressed: retention is not what the soak is about.
    private static final RetentionPolicy KEEP_ALL = new RetentionPolicy(1_000_000, 1_000_000, 20);
    // A create waits for its fsync however slow the shared disk is, so that every acknowledgement is a promise.
    private static final String OPTIONS =
            "fsync=always,writeTimeoutMs=600000,maxCheckpoints=1000000,compressAfter=1000000";
    private static final Pattern JOURNAL_FILE = Pattern.compile("(segment|snapshot)-(\\d+)\\.log(\\.tmp)?");

    private final Path dir;
    private final Mix mix;
    private final AcknowledgedChanges changes = new AcknowledgedChanges();
    private final Random random = new Random(20261125);
    private final Set<Long> snapshotsSeen = new TreeSet<>();
    private long highestSegment;
    private int killsAtCompactionStart;
    private int killsInterruptingCompaction;
    private int killsBeforeFirstAck;
    private int verifications;
    private int runs;
    private long millis;

    CrashSoak(Path dir, Mix mix) {
        this.dir = dir;
        this.mix = mix;
    }

    /**
     * Runs and kills the writer {@code runs} times, with {@code journal verify} after every
     * {@code verifyEvery}th run and the last; fails when the writer acknowledged too little to mean anything.
     */
    CrashSoak run(int runs, int verifyEvery) throws Exception {
        long start = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            KilledWriter.KillMoment moment = mix.killMoment(run, random);
            KilledWriter.Run killed = KilledWriter.run(dir, OPTIONS + mix.agentOptions(), mix.writerArgs(run), moment);
            killsAtCompactionStart += killed.killedAtCompaction() ? 1 : 0;
            boolean acknowledged = killed.lines().stream().anyMatch(line -> line.startsWith("ack "));
            killsBeforeFirstAck += moment.kill() == KilledWriter.Kill.AFTER_START && !acknowledged ? 1 : 0;
            try {
                check(run, runs, verifyEvery, killed.lines());
            } catch (AssertionError failed) {
                throw new AssertionError("after run " + (run + 1) + " of " + runs + ": " + failed.getMessage()
                        + " (journal and lines kept in " + keep(killed.lines()) + ")", failed);
            }
        }
        this.runs = runs;
        millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(figure("acknowledged creates") > runs * THREADS, "too few checkpoints written to mean anything: "
                + changes.figures());
        return this;
    }

    private void check(int run, int runs, int verifyEvery, List<String> lines) throws Exception {
        changes.apply(lines);
        killsInterruptingCompaction += listFiles() ? 1 : 0;
        JournalInspector journal = JournalInspector.read(dir, KEEP_ALL);
        assertFalse(journal.damaged(), String.join("\n", journal.fileReports()));
        changes.reconcile(journal);
        if (mix.offlineRewindEvery() > 0 && run % mix.offlineRewindEvery() == mix.offlineRewindEvery() - 1) {
            rewindOffline("crash-" + random.nextInt(THREADS));
        }
        if (run % verifyEvery == verifyEvery - 1 || run == runs - 1) {
            ProcessRun verify = journalCommand("verify");
            assertEquals(0, verify.exitCode(), "journal verify: " + verify.stdout() + verify.stderr());
            verifications++;
        }
    }

    /** {@code journal rewind} of {@code session} to one of its checkpoints, as an operator would. */
    private void rewindOffline(String session) throws Exception {
        List<String> ids = changes.ids(session);
        if (ids.isEmpty()) {
            return;
        }
        String to = ids.get(random.nextInt(ids.size()));
        ProcessRun rewind = journalCommand("rewind", "--session", session, "--to", to);
        assertEquals(0, rewind.exitCode(), "journal rewind: " + rewind.stdout() + rewind.stderr());
        Matcher removed = Pattern.compile(": (\\d+) checkpoints after it removed").matcher(rewind.stdout());
        assertTrue(removed.find(), "journal rewind printed " + rewind.stdout());
        changes.rewoundOffline(session, to, Integer.parseInt(removed.group(1)));
    }

    /** {@code java -jar checkpoint-agent.jar journal <command> --dir <dir>}, with the soak's retention. */
    private ProcessRun journalCommand(String command, String... arguments) throws Exception {
        List<String> line = new ArrayList<>(List.of("journal", command, "--dir", dir.toString(), "--max-checkpoints",
                "1000000", "--compress-after", "1000000"));
        line.addAll(List.of(arguments));
        return Jvm.target().jar(Jvm.AGENT_JAR, line.toArray(String[]::new)).run(60);
    }

    /** Copies the journal and the run's lines where they outlive the test: a soak's failure is hard to repeat. */
    private Path keep(List<String> lines) throws IOException {
        Path kept = Files.createTempDirectory(Jvm.AGENT_JAR.getParent(), "crash-soak-failure-");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, kept.resolve(file.getFileName()));
            }
        }
        Files.write(kept.resolve("writer-lines.txt"), lines);
        return kept.toAbsolutePath();
    }

    /**
     * Notes the snapshots and segments in the directory; returns whether they show a compaction cut short:
     * a temporary snapshot, or a snapshot beside what it replaces (an older snapshot, a segment it covers).
     */
    private boolean listFiles() throws IOException {
        List<Long> segments = new ArrayList<>();
        List<Long> snapshots = new ArrayList<>();
        boolean temporary = false;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = JOURNAL_FILE.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                long number = Long.parseLong(name.group(2));
                temporary |= name.group(3) != null;
                if (name.group(3) == null) {
                    (name.group(1).equals("segment") ? segments : snapshots).add(number);
                }
            }
        }
        segments.forEach(segment -> highestSegment = Math.max(highestSegment, segment));
        snapshotsSeen.addAll(snapshots);
        long newestSnapshot = snapshots.stream().mapToLong(Long::longValue).max().orElse(-1);
        return temporary || snapshots.size() > 1 || segments.stream().anyMatch(segment -> segment <= newestSnapshot);
    }

    /** Segments written over the soak that compaction has deleted. */
    long segmentsDeleted() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return highestSegment - files.filter(file -> file.getFileName().toString().startsWith("segment-")).count();
        }
    }

    /** How many of the changes' figures (see {@link AcknowledgedChanges#figure}) there were. */
    int figure(String name) {
        return changes.figure(name);
    }

    /** Distinct snapshots seen between runs: compactions that finished. */
    int snapshotsSeen() {
        return snapshotsSeen.size();
    }

    int killsAtCompactionStart() {
        return killsAtCompactionStart;
    }

    /** Kills after which the directory showed a compaction cut short. */
    int killsInterruptingCompaction() {
        return killsInterruptingCompaction;
    }

    /** One paragraph with every figure. */
    String report() throws IOException {
        return String.format("%d runs in %.1f s, each SIGKILLed (%d as a compaction started writing, %d leaving a"
                + " compaction cut short on disk, %d during start-up before any acknowledgement); %s;"
                + " %d snapshots seen, %d segments deleted; %d checkpoints held at the end; journal verify passed %d"
                + " times", runs, millis / 1000.0, killsAtCompactionStart, killsInterruptingCompaction,
                killsBeforeFirstAck, changes.figures(), snapshotsSeen.size(), segmentsDeleted(), changes.held(),
                verifications);
    }
}
