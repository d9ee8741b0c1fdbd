package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * How methods are marked, in real JVMs with the packaged agent: {@code @Checkpoint} beside foreign
 * annotations, naming attributes, composed annotations, replay steps made by options, and the debug
 * lines of marked methods that cannot be recorded.
 */
class MarkingIT {

    private static final String HOST = "org.breakpilot.testhost.MarkingHost";
    private static final String REPLAY_HOST = "org.breakpilot.testhost.ReplayMarkingHost";

    @Test
    void checkpointAttributesWinOverForeignAnnotationsAndComposedAnnotationsMark(@TempDir Path exports) throws Exception {
        ProcessRun withAgent = HostJvm.run("session=marking,annotations=" + HOST + "$Other;" + HOST + "$Async;"
                + HOST + "$Tool[name];" + HOST + "$Labels[value],methods=" + HOST + "[otherFirst],exportOnExit=" + exports,
                List.of(), HOST);
        ProcessRun withoutAgent = HostJvm.run(null, List.of(), HOST);

        assertEquals(0, withAgent.exitCode(), withAgent.stderr());
        assertEquals(withoutAgent.stdout(), withAgent.stdout());
        assertEquals("", withAgent.stderr());
        List<JsonNode> recorded = export(exports.resolve("marking.json"));
        assertEquals(List.of("named.a", "named.a", "named.b", "MarkingHost.sendMail", "book_hotel",
                "MarkingHost.findFlights", "labelled.first", "Payments.charge", "Payments.refund", "explicit.capture",
                "Payments.notify"), names(recorded), "each call once, named by @Checkpoint or the option's attribute");
        for (JsonNode named : List.of(recorded.get(0), recorded.get(2))) {
            assertTrue(named.at("/data/args").isMissingNode(), "args=false wins, in either order: " + named);
            assertEquals("core", named.at("/metadata/team").asText(), named.toString());
        }
        assertTrue(recorded.get(0).at("/data/result").isMissingNode(), "result=false wins: " + recorded.get(0));
        assertEquals("b 4333", recorded.get(2).at("/data/result").asText());
        for (JsonNode composed : List.of(recorded.get(7), recorded.get(8))) {
            assertTrue(composed.at("/data/args").isMissingNode(), "the carried @Checkpoint(args=false): " + composed);
            assertEquals("payment", composed.at("/metadata/kind").asText(), composed.toString());
        }
        assertEquals("acc-3", recorded.get(9).at("/data/args/account").asText(), "a direct @Checkpoint wins over a composed one");
        assertTrue(recorded.get(9).at("/metadata/kind").isMissingNode(), recorded.get(9).toString());
        assertEquals("acc-4", recorded.get(10).at("/data/args/account").asText());
    }

    @Test
    void replayAnnotationsAndReplayMethodsMakeReplayStepsThatASecondRunSkips(@TempDir Path dir) throws Exception {
        String options = "dir=" + dir + ",fsync=always,replayAnnotations=" + REPLAY_HOST + "$Tool[name],"
                + "replayMethods=" + REPLAY_HOST + "$ChatModel[chat];" + REPLAY_HOST + "[audit]";

        ProcessRun first = HostJvm.run(options, List.of(), REPLAY_HOST);
        ProcessRun second = HostJvm.run(options, List.of(), REPLAY_HOST);

        assertEquals(0, second.exitCode(), second.stderr());
        assertTrue(first.stdout().contains("ran chat plan a trip") && first.stdout().contains("ran book_hotel Lisbon")
                && first.stdout().contains("ran audit trip"), first.stdout());
        assertFalse(second.stdout().contains("ran "), "replayed, not run: " + second.stdout());
        assertEquals(results(first.stdout()), results(second.stdout()));
        assertEquals(3, results(second.stdout()).size(), second.stdout());
        assertEquals("", second.stderr());
    }

    @Test
    void debugLogsEachMarkedMethodThatIsSkippedOnceWithTheReason(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("agent.log");
        String host = "org.breakpilot.testhost.SkippedMethodsHost";

        ProcessRun debug = HostJvm.run("store=memory,debug=true,logFile=" + log, List.of(), host);

        assertEquals(0, debug.exitCode(), debug.stderr());
        assertEquals("ran worked handled x 2 Native\n", debug.stdout());
        assertEquals("", debug.stderr());
        String logged = Files.readString(log);
        for (String line : List.of(
                "Skipped " + host + "$Api.run(): abstract methods have no body to record; mark the implementing method",
                "Skipped " + host + "$Base.work(): abstract methods have no body to record; mark the implementing method",
                "Skipped " + host + "$Native.call(): native methods have no bytecode to record; mark the method that calls it",
                "Skipped " + host + "$StringHandler.handle(java.lang.Object): bridge methods only forward to the method"
                        + " they bridge, which is recorded instead",
                "Skipped " + host + "$Counter.<init>(): constructors and static initializers are not recorded; mark a"
                        + " method they call")) {
            assertEquals(1, logged.lines().filter(l -> l.endsWith(line)).count(), line + " once in:\n" + logged);
        }
        assertTrue(logged.contains("Instrumented " + host + "$StringHandler.handle(Ljava/lang/String;)"), logged);
        assertTrue(logged.contains("Instrumented " + host + "$Counter.next(I)I"), logged);
    }

    private static List<JsonNode> export(Path file) throws Exception {
        List<JsonNode> checkpoints = new ArrayList<>();
        new ObjectMapper().readTree(file.toFile()).forEach(checkpoints::add);
        return checkpoints;
    }

    private static List<String> names(List<JsonNode> checkpoints) {
        return checkpoints.stream().map(c -> c.get("name").asText()).toList();
    }

    private static List<String> results(String stdout) {
        return stdout.lines().filter(l -> l.contains(" -> ")).toList();
    }
}
