package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * An application's JUnit 5 suite run under the agent twice in the same project directory, as
 * {@code mvn test} run twice does (Surefire forks a JVM in the project's base directory): with the
 * default journal the second run replays the first run's results; with {@code store=memory}, the
 * advice of docs/recovery.md for test runs, it does not.
 */
class JUnitSuiteUnderAgentIT {

    private static final String SUITE = "org.breakpilot.testhost.QuoteSuite";
    private static final String CONSOLE = System.getProperty("checkpoint.junit.console.jar");

    @TempDir
    Path project;

    @Test
    void withTheDefaultJournalASecondRunReplaysTheFirstRunsResults() throws Exception {
        ProcessRun first = runSuite("");
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        assertTrue(first.stdout().contains("ran quote apple"), first.stdout());

        ProcessRun second = runSuite("");

        assertFalse(second.stdout().contains("ran quote apple"), "the step was replayed: " + second.stdout());
        assertEquals(1, second.exitCode(), "the replayed, earlier quote fails the test: " + second.stdout());
        assertTrue(second.stdout().contains("[         1 tests failed          ]"), second.stdout());
    }

    @Test
    void withStoreMemoryEveryRunStartsAfresh() throws Exception {
        for (int run = 1; run <= 2; run++) {
            ProcessRun suite = runSuite("store=memory");

            assertEquals(0, suite.exitCode(), "run " + run + ": " + suite.stdout() + suite.stderr());
            assertTrue(suite.stdout().contains("ran quote apple"), "run " + run + ": " + suite.stdout());
            assertTrue(suite.stdout().contains("[         1 tests successful      ]"), suite.stdout());
        }
    }

    /** Runs the suite with JUnit's console launcher in the project directory, the agent given {@code options}. */
    private ProcessRun runSuite(String options) throws IOException, InterruptedException {
        String classPath = Jvm.TEST_CLASSES + File.pathSeparator + Jvm.API_JAR;
        return Jvm.target().agent(options).jar(Path.of(CONSOLE), "execute", "--class-path", classPath, "--select-class", SUITE,
                "--disable-banner", "--details=summary").runIn(project, 120);
    }
}
