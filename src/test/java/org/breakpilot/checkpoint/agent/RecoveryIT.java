package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** Real JVMs with the packaged agent and a journal: a crashed run resumes, replay steps are skipped. */
class RecoveryIT {

    private static final String HOST = "org.breakpilot.testhost.ReplayHost";

    @TempDir
    Path dir;

    private ProcessRun run(String extraOptions, String... args) throws IOException, InterruptedException {
        return HostJvm.run("dir=" + dir + ",fsync=always" + extraOptions, List.of(), HOST, args);
    }

    @Test
    void aResumedRunSkipsTheStepsThatCompletedAndPrintsWhatAnUninterruptedRunPrints() throws Exception {
        ProcessRun crashed = run("", "3", "1");
        assertEquals(3, crashed.exitCode(), crashed.stderr());
        assertTrue(crashed.stdout().contains("ran touch x"), crashed.stdout());

        ProcessRun resumed = run("", "0", "1");

        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertFalse(resumed.stdout().contains("ran count"), resumed.stdout());
        assertFalse(resumed.stdout().contains("ran items"), resumed.stdout());
        assertFalse(resumed.stdout().contains("ran touch"), "a void step is skipped too: " + resumed.stdout());
        assertTrue(resumed.stdout().contains("ran flaky"), resumed.stdout());
        assertTrue(resumed.stdout().contains("ran finish"), resumed.stdout());
        assertEquals("", resumed.stderr());
        assertEquals(results(uninterrupted()), results(resumed.stdout()));
    }

    @Test
    void aStepWhoseRecordedCallFailedRunsAgain() throws Exception {
        ProcessRun crashed = run("", "4", "1", "fail");
        assertTrue(crashed.stdout().contains("flaky -> threw flaky failed"), crashed.stdout());

        ProcessRun resumed = run("", "0", "1");

        assertTrue(resumed.stdout().contains("ran flaky"), resumed.stdout());
        assertTrue(resumed.stdout().contains("flaky -> flaky ok"), resumed.stdout());
        assertFalse(resumed.stdout().contains("ran items"), resumed.stdout());
        assertTrue(resumed.stderr().contains("Replay step 'flaky'") && resumed.stderr().contains("threw"), resumed.stderr());
    }

    @Test
    void changedArgumentsRunTheStepAndStrictModeThrowsNamingIt() throws Exception {
        run("", "1", "1");

        ProcessRun lenient = run("", "1", "2");
        assertTrue(lenient.stdout().contains("ran count 2"), lenient.stdout());
        assertTrue(lenient.stderr().contains("other arguments than recorded"), lenient.stderr());

        ProcessRun strict = run(",replayStrict=true", "1", "3");
        assertFalse(strict.stdout().contains("ran count"), strict.stdout());
        assertTrue(strict.stdout().contains("count threw: replay step 'count' (call 1 in session 'replay-job') was called"
                + " with other arguments than recorded"), strict.stdout());
    }

    @Test
    void withTheMemoryStoreReplayStepsAlwaysRun() throws Exception {
        HostJvm.run("store=memory", List.of(), HOST, "0", "1");

        ProcessRun again = HostJvm.run("store=memory", List.of(), HOST, "0", "1");

        assertTrue(again.stdout().contains("ran count 1") && again.stdout().contains("ran touch x"), again.stdout());
    }

    @Test
    void theApiFacadeReadsRewindsAndForksAndARestartKeepsAllOfIt() throws Exception {
        String host = "org.breakpilot.testhost.RecoveryApiHost";
        ProcessRun first = HostJvm.run("dir=" + dir, List.of(), host, "first");
        assertEquals(List.of(
                "latest api-job:5",
                "rollbackTo {i=2}",
                "rollbackTo unknown false",
                "rewindTo 2",
                "rewindTo unknown -1",
                "fork true",
                "fork again false",
                "history api-job [api-job:1, api-job:2, api-job:3]",
                "history api-fork [api-fork:1, api-fork:2]"), first.stdout().lines().toList(), first.stderr());

        ProcessRun second = HostJvm.run("dir=" + dir, List.of(), host, "second");

        assertEquals(List.of(
                "next api-job:6",
                "history api-job [api-job:1, api-job:2, api-job:3, api-job:6]",
                "history api-fork [api-fork:1, api-fork:2]"), second.stdout().lines().toList(), second.stderr());
    }

    private String uninterrupted() throws Exception {
        return HostJvm.run(null, List.of(), HOST, "0", "1").stdout();
    }

    /** The lines main prints, without the bodies' own. */
    private static List<String> results(String stdout) {
        return stdout.lines().filter(line -> line.contains(" -> ")).toList();
    }
}
