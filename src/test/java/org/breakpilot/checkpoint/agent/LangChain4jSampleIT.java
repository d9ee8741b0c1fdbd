package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * samples/langchain4j-agent, a LangChain4j 1.x agent with no code of ours, run under the agent with options
 * only: SIGKILLed during its third tool and started again on the same journal, it neither pays for the
 * model turns that completed nor books again what it booked, and ends as an uninterrupted run does.
 * Both with the tools of a turn run one after the other and with {@code executeToolsConcurrently()}.
 */
class LangChain4jSampleIT {

    private static final String OPTIONS = "session=trip-1,replayAnnotations=dev.langchain4j.agent.tool.Tool[name],"
            + "replayMethods=dev.langchain4j.model.chat.ChatModel[chat]";

    private static Path jar;

    @TempDir
    Path journal;

    @TempDir
    Path otherJournal;

    @BeforeAll
    static void buildTheSample() throws Exception {
        jar = SampleBuild.packaged("langchain4j-agent").resolve("target/langchain4j-agent.jar");
    }

    @ParameterizedTest(name = "concurrent tools: {0}")
    @ValueSource(booleans = {false, true})
    void killedDuringTheThirdToolItResumesWithoutCallingTheModelOrToolsAgain(boolean concurrentTools) throws Exception {
        // fsync=always: the kill comes the moment the third tool starts, before batch's writer may have run.
        List<String> beforeKill = runUntilTheThirdToolThenKill(command(concurrentTools, "dir=" + journal + ",fsync=always"));
        ProcessRun resumed = command(concurrentTools, "dir=" + journal).run(120);
        ProcessRun uninterrupted = command(concurrentTools, "dir=" + otherJournal).run(120);
        ProcessRun withoutAgent = command(concurrentTools, null).run(120);

        assertEquals(List.of("  [model] call 1: turn 1 asks for [book_flight, book_flight]",
                "  [model] call 2: turn 2 asks for [book_hotel, rent_car]"), linesOf("  [model]", beforeKill));
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertEquals(List.of("  [model] call 1: turn 3 asks for [pay]", "  [model] call 2: final answer"),
                linesOf("  [model]", resumed.stdout().lines().toList()), "model turns 1 and 2 are not paid for again");
        // The flights completed before the kill; the hotel (and the car, run with it) were in flight, so run again.
        List<String> toolsAgain = new ArrayList<>(linesOf("  [tool] ", uninterrupted.stdout().lines().toList()));
        toolsAgain.removeIf(line -> line.startsWith("  [tool] book_flight"));
        assertEquals(sorted(toolsAgain), sorted(linesOf("  [tool] ", resumed.stdout().lines().toList())), resumed.stdout());
        assertEquals(conversation(uninterrupted.stdout()), conversation(resumed.stdout()));
        assertEquals(conversation(withoutAgent.stdout()), conversation(uninterrupted.stdout()), "the agent changes no output");
        assertTrue(resumed.stdout().contains("answer: Your Lisbon trip is booked: flight FL-"), resumed.stdout());
        // The payment's idempotency key is the step's, the same in every run of the trip.
        for (ProcessRun run : List.of(resumed, uninterrupted)) {
            assertEquals(List.of("  [tool] pay EUR 1104.00 for Lisbon trip 2026-12-10, idempotency key trip-1:pay:1"),
                    linesOf("  [tool] pay ", run.stdout().lines().toList()));
        }
    }

    private Jvm command(boolean concurrentTools, String journalOptions) {
        return Jvm.target().option("-Dtrip.toolMillis=300", "-Dtrip.concurrentTools=" + concurrentTools)
                .agent(journalOptions == null ? null : OPTIONS + "," + journalOptions).jar(jar);
    }

    /** Runs the agent and SIGKILLs it once the third tool call has started; the lines it printed. */
    private static List<String> runUntilTheThirdToolThenKill(Jvm command) throws Exception {
        Process agent = command.inFreshDirectory().redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (linesOf("  [tool] ", lines).size() == 3) {
                    agent.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, agent.exitValue(), "killed by SIGKILL, after:\n" + String.join("\n", lines));
        return lines;
    }

    private static List<String> linesOf(String prefix, List<String> lines) {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    /** What the agent prints, less the lines that say a tool or the model really ran. */
    private static List<String> conversation(String stdout) {
        return stdout.lines().filter(line -> !line.startsWith("  [tool] ") && !line.startsWith("  [model] ")).toList();
    }
}
