package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Real JVMs with LangChain4j on one journal: model turns whose results are LangChain4j's immutable
 * types replay on the next run of the session, equal to what they were, without their bodies running;
 * a turn asked something else runs.
 */
class LlmReplayIT {

    private static final String HOST = "org.breakpilot.testhost.LlmTurnHost";

    @TempDir
    Path journal;

    private ProcessRun run(String question) throws IOException, InterruptedException, URISyntaxException {
        // LangChain4j logs through SLF4J: the host gets the API and the simple provider, as an application would.
        List<Path> classPath = List.of(Jvm.TEST_CLASSES, Jvm.API_JAR, jarOf(ChatResponse.class),
                jarOf(org.slf4j.LoggerFactory.class), jarOf(org.slf4j.simple.SimpleLogger.class));
        ProcessRun result = HostJvm.run("dir=" + journal + ",fsync=always", List.of(), classPath, HOST, question);
        assertEquals(0, result.exitCode(), result.stderr());
        return result;
    }

    @Test
    void completedModelTurnsReplayEqualWithoutRunningTheirBodies() throws Exception {
        ProcessRun first = run("Is it sunny?");
        assertTrue(first.stdout().contains("bodies -> 3"), first.stdout());

        ProcessRun second = run("Is it sunny?");

        assertEquals("", second.stderr());
        assertTrue(second.stdout().contains("bodies -> 0"), second.stdout());
        assertTrue(second.stdout().contains("plan equals -> true"), second.stdout());
        assertTrue(second.stdout().contains("answer equals -> true"), second.stdout());
        assertEquals(lines(first.stdout()), lines(second.stdout()), "replayed results print as the originals did");
    }

    @Test
    void aModelTurnAskedSomethingElseRunsAgain() throws Exception {
        run("Is it sunny?");

        ProcessRun other = run("Is it raining?");

        assertTrue(other.stdout().contains("ran chat"), other.stdout());
        assertTrue(other.stdout().contains("chat -> You asked: Is it raining?"), other.stdout());
        assertFalse(other.stdout().contains("ran plan"), other.stdout());
        assertTrue(other.stdout().contains("bodies -> 1"), other.stdout());
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** What main prints of the results, without the bodies' own lines. */
    private static List<String> lines(String stdout) {
        return stdout.lines().filter(line -> !line.startsWith("ran ") && !line.startsWith("bodies ")).toList();
    }
}
