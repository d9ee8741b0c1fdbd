package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.breakpilot.checkpoint.agent.recording.SessionExporter;
import org.breakpilot.checkpoint.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Real JVMs whose own shutdown hook makes checkpoints after the agent's hooks have finished: every one
 * of them is in the journal (read offline with {@code journal export}) and in the exportOnExit files.
 */
class ShutdownCheckpointsIT {

    private static final String HOST = "org.breakpilot.testhost.ShutdownHookHost";
    private static final int LATE = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"always", "batch", "none"})
    void checkpointsMadeInAHookThatRunsAfterTheAgentsHooksAreJournaledAndExported(String fsync) throws Exception {
        assertEveryCheckpointKept(run(fsync, "return"));
    }

    @Test
    void checkpointsMadeInAHookAfterSystemExitAreJournaledAndExported() throws Exception {
        assertEveryCheckpointKept(run("always", "exit"));
    }

    private ProcessRun run(String fsync, String ending) throws IOException, InterruptedException {
        String options = "dir=" + dir.resolve("journal") + ",fsync=" + fsync + ",exportOnExit=" + dir.resolve("exports");
        return HostJvm.run(options, List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), HOST,
                String.valueOf(LATE), ending);
    }

    private void assertEveryCheckpointKept(ProcessRun result) throws IOException, InterruptedException {
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("hook made " + (LATE + 1) + "\n", result.stdout(), result.stderr());
        assertEquals("", result.stderr());
        List<String> job = new ArrayList<>(List.of("job.step"));
        for (int i = 0; i < LATE; i++) {
            job.add("drain");
        }
        assertEquals(job, names(journaled("shutdown-job")));
        assertEquals(job, names(exported("shutdown-job")));
        assertEquals(List.of("late.session.step"), names(journaled("shutdown-late")));
        assertEquals(List.of("late.session.step"), names(exported("shutdown-late")));
    }

    private String journaled(String session) throws IOException, InterruptedException {
        ProcessRun export = CliRun.of("journal", "export", "--dir", dir.resolve("journal").toString(), "--session", session);
        assertEquals(0, export.exitCode(), export.stderr());
        return export.stdout();
    }

    private String exported(String session) throws IOException {
        return Files.readString(dir.resolve("exports").resolve(SessionExporter.fileName(session)));
    }

    private static List<String> names(String export) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode checkpoint : JSON.readTree(export)) {
            names.add(checkpoint.get("name").asText());
        }
        return names;
    }
}
