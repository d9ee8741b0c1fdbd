package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs as two hosts on one PostgreSQL store (each in a working directory of its own, sharing nothing
 * but the database): samples/replay-job is SIGKILLed mid-job on the first, and the second, started at once
 * with the same session, waits for the dead owner's lease to end, takes the session over and completes the
 * job without running a completed step again. And a zombie: the first JVM is SIGSTOPped past its lease,
 * the second takes over and finishes, the first is let go on and must write nothing more to the session.
 *
 * <p>{@code -Dpg.takeover.cycles=N} sets the kill cycles (10 by default); {@code scripts/pg-takeover.sh}
 * runs 100.
 */
class PostgresTakeoverIT {

    private static final int CYCLES = Integer.getInteger("pg.takeover.cycles", 10);
    /** Short, so that a cycle waits little; writeTimeoutMs above it, so that the successor waits it out. */
    private static final String LEASE = ",fsync=always,leaseTtlMs=1500,writeTimeoutMs=10000";
    /**
     * Every other cycle: the session leaves memory between two steps (of 150 ms) and is loaded again for the
     * next, in both JVMs, so that a replaying job's next call finds its recorded result after an unloading.
     */
    private static final String UNLOADED_BETWEEN_STEPS = ",sessionIdleMs=10";
    /**
     * Long enough that the zombie's lease is still live when the second JVM, however slowly it starts,
     * first asks for the session: the second JVM then waits for it and says whose lease it took over.
     */
    private static final String LONG_LEASE = ",fsync=always,leaseTtlMs=10000,writeTimeoutMs=30000";

    @TempDir
    static Path classes;
    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();
    private static List<String> uninterrupted;

    @BeforeAll
    static void compileTheSampleAndRunItOnce() throws Exception {
        ReplayJobSample.compile(classes);
        ProcessRun plain = ReplayJobSample.command(classes, null).run(120);
        assertEquals(0, plain.exitCode(), plain.stderr());
        uninterrupted = ReplayJobSample.results(plain.stdout());
    }


    @Test
    void aJobKilledOnOneHostIsCompletedOnAnotherWithoutRunningACompletedStepAgain() throws Exception {
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            String session = "report-" + cycle;
            String options = DATABASE.agentOptions() + LEASE + (cycle % 2 == 1 ? UNLOADED_BETWEEN_STEPS : "");
            // Killed after step 2 to 9 printed its result: every step it ran before is complete and stored.
            int killAfter = ThreadLocalRandom.current().nextInt(2, 10);
            Process first = ReplayJobSample.command(classes, options, session).inFreshDirectory()
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> before = new ArrayList<>();
            try (BufferedReader out = ReplayJobSample.stdout(first)) {
                assertTrue(ReplayJobSample.readUntil(out, before, "step " + killAfter + " "), before.toString());
                first.destroyForcibly();
            }
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));

            ProcessRun second = ReplayJobSample.command(classes, options, session).run(120);

            String context = "cycle " + cycle + " (" + options + "), killed after step " + killAfter + "; first JVM: " + before
                    + "\nsecond JVM:\n" + second.stdout() + second.stderr();
            assertEquals(0, second.exitCode(), context);
            List<String> ranAgain = new ArrayList<>(ReplayJobSample.ran(second.stdout().lines().toList()));
            ranAgain.retainAll(ReplayJobSample.ran(before));
            assertEquals(List.of(), ranAgain, "completed steps ran again: " + context);
            assertEquals(uninterrupted, ReplayJobSample.results(second.stdout()), context);
            // Said when the dead owner's lease had not ended yet as the second JVM started; nothing else is.
            assertTrue(second.stderr().lines().allMatch(line -> line.contains("Session " + session + " was leased by ")),
                    context);
        }
    }

    @Test
    void aZombieOwnerWritesNothingAfterTheTakeoverAndBothSaySo() throws Exception {
        String session = "zombie-report";
        Path firstErr = Files.createTempFile(classes, "first", ".err");
        Process first = ReplayJobSample.command(classes, DATABASE.agentOptions() + LONG_LEASE, session).inFreshDirectory()
                .redirectError(firstErr.toFile()).start();
        List<String> firstLines = new ArrayList<>();
        try (BufferedReader out = ReplayJobSample.stdout(first)) {
            assertTrue(ReplayJobSample.readUntil(out, firstLines, "step 3 "), firstLines.toString());
            signal("STOP", first);
            ProcessRun second;
            try {
                second = ReplayJobSample.command(classes, DATABASE.agentOptions() + LONG_LEASE, session).run(120);
            } finally {
                signal("CONT", first);
            }
            assertEquals(0, second.exitCode(), second.stderr());
            assertEquals(uninterrupted, ReplayJobSample.results(second.stdout()));
            assertTrue(second.stderr().contains("Session " + session + " was leased by "), second.stderr());
            ReplayJobSample.readUntil(out, firstLines, "no such line");
        }
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        String firstStderr = Files.readString(firstErr);
        assertEquals(0, first.exitValue(), firstStderr);
        assertTrue(firstStderr.contains("Session " + session + " was taken over by "), firstStderr);

        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select"
                     + " (select max(position) from " + DATABASE.schema + ".records where session_id = '" + session
                     + "' and epoch = 1),"
                     + " (select min(position) from " + DATABASE.schema + ".records where session_id = '" + session
                     + "' and epoch = 2),"
                     + " (select count(*) from " + DATABASE.schema + ".records where session_id = '" + session
                     + "' and epoch not in (1, 2))")) {
            row.next();
            assertTrue(row.getLong(1) < row.getLong(2), "a record of the zombie (epoch 1, last at position "
                    + row.getLong(1) + ") follows the takeover (epoch 2, from position " + row.getLong(2) + ")");
            assertEquals(0, row.getLong(3), "records of an epoch other than the two owners'");
        }
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }
}
