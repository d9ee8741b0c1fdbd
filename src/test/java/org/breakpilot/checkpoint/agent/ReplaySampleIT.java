package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * The Recovery walk-through of docs/recovery.md, automated: samples/replay-job (compiled here from its sources
 * against the api jar) is SIGKILLed half way and started again on the same journal.
 */
class ReplaySampleIT {

    @TempDir
    static Path classes;

    @TempDir
    Path journal;

    @BeforeAll
    static void compileTheSample() throws IOException {
        ReplayJobSample.compile(classes);
    }

    private Jvm command(String agentOptions) {
        return ReplayJobSample.command(classes, agentOptions);
    }

    @Test
    void killedHalfWayItResumesWithoutRedoingStepsAndEndsAsAnUninterruptedRun() throws Exception {
        // fsync=always: the kill comes the moment step 5 is printed, before batch's writer may have run.
        List<String> beforeKill = runUntilThenKill(command("dir=" + journal + ",fsync=always"), "step 5 ");
        List<String> completedBeforeKill = beforeKill.stream().filter(line -> line.startsWith("  running ")).toList();
        assertTrue(completedBeforeKill.contains("  running aggregate west"), beforeKill.toString());

        ProcessRun resumed = command("dir=" + journal).run(120);
        ProcessRun uninterrupted = command(null).run(120);

        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertEquals("", resumed.stderr());
        for (String step : List.of("load-config", "aggregate north", "aggregate south", "aggregate east", "aggregate west")) {
            assertFalse(resumed.stdout().contains("running " + step + "\n"), step + " ran again:\n" + resumed.stdout());
        }
        assertTrue(resumed.stdout().contains("running aggregate online\n"), resumed.stdout());
        assertEquals(ReplayJobSample.results(uninterrupted.stdout()), ReplayJobSample.results(resumed.stdout()));
        assertTrue(ReplayJobSample.results(resumed.stdout()).get(9).startsWith("step 10 report: 7 regions"), resumed.stdout());
    }

    /** Runs {@code command} and SIGKILLs it once it prints a line starting with {@code marker}; its lines so far. */
    private static List<String> runUntilThenKill(Jvm command, String marker) throws Exception {
        Process job = command.inFreshDirectory().redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = ReplayJobSample.stdout(job)) {
            ReplayJobSample.readUntil(out, lines, marker);
            job.destroyForcibly();
        }
        assertTrue(job.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, job.exitValue(), "killed by SIGKILL");
        return lines;
    }
}
