package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Runs {@code HostileValuesHost} with and without the agent in a 256 MB heap: values that are hard to
 * capture change nothing the host sees, and are recorded with the markers docs/recording.md documents.
 */
class HostileValuesIT {

    private static final String HOST = "org.breakpilot.testhost.HostileValuesHost";
    private static final String TYPE = "org.breakpilot.testhost.HostileValuesHost$";
    // Retention large enough to keep every call of the mutated collections.
    private static final String OPTIONS = "maxCheckpoints=1000,compressAfter=1000,exportOnExit=";

    @TempDir
    static Path exports;
    static ProcessRun without;
    static ProcessRun with;
    static Map<String, List<JsonNode>> bySession;

    @BeforeAll
    static void runHostBothWays() throws Exception {
        long start = System.nanoTime();
        without = HostJvm.run(null, List.of("-Xmx256m"), HOST);
        long withoutMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        with = HostJvm.run(OPTIONS + exports, List.of("-Xmx256m"), HOST);
        long withMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("HostileValuesHost: %d ms without the agent, %d ms with it%n", withoutMillis, withMillis);
        bySession = AgentShapesIT.readExports(exports).stream()
                .collect(Collectors.groupingBy(c -> c.get("id").asText().replaceFirst(":\\d+$", "")));
    }

    @Test
    void theHostSeesTheSameWithAndWithoutTheAgent() {
        assertEquals(0, without.exitCode(), without.stderr());
        SameHostOutput.assertSame(without, with);
        assertTrue(with.stdout().contains("mutatedList same = 200/200, ends as [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"),
                with.stdout());
    }

    @Test
    void gettersThatThrowBecomePlaceholdersNamingTheProperty() {
        JsonNode call = single("throwing-bean");
        for (String end : List.of("/data/args/value", "/data/result")) {
            JsonNode bean = call.at(end);
            assertEquals("bean", bean.get("name").asText());
            assertEquals("[unserializable " + TYPE + "ThrowingBean.unchecked: IllegalStateException: unchecked getter]",
                    bean.get("unchecked").asText());
            assertEquals("[unserializable " + TYPE + "ThrowingBean.checked: IOException: checked getter]",
                    bean.get("checked").asText());
        }
    }

    @Test
    void cyclesAreCutWhereTheyLoopBack() {
        for (String end : List.of("/data/args/value", "/data/result")) {
            assertEquals("[cycle: " + TYPE + "Node]", single("cyclic-graph").at(end + "/next/next").asText());
            assertEquals("b", single("cyclic-graph").at(end + "/next/name").asText());
            assertEquals("[\"first\",\"[cycle: java.util.ArrayList]\"]", single("cyclic-list").at(end).toString());
            assertEquals("{\"self\":\"[cycle: java.util.HashMap]\"}", single("cyclic-map").at(end).toString());
        }
    }

    @Test
    void aTenMegabyteStringIsCutAtMaxStringLength() {
        int length = 10 * 1024 * 1024;
        for (String end : List.of("/data/args/value", "/data/result")) {
            String kept = single("huge-string").at(end).asText();
            assertEquals("x".repeat(1024) + "\u2026[truncated " + (length - 1024) + " chars]", kept);
        }
    }

    @Test
    void millionElementCollectionsKeepMaxElementsAndCountTheRest() {
        for (String end : List.of("/data/args/value", "/data/result")) {
            JsonNode list = single("big-list").at(end);
            assertEquals(101, list.size());
            assertEquals(99, list.get(99).asInt());
            assertEquals("[truncated 999900 elements]", list.get(100).asText());
            JsonNode map = single("big-map").at(end);
            assertEquals(101, map.size());
            assertEquals("[truncated 999900 entries]", map.get("\u2026").asText());
        }
    }

    @Test
    void collectionsChangedByAnotherThreadAreRecordedOrMarkedNeverThrown() {
        int marked = 0;
        int changed = 0;
        for (String kind : List.of("mutated-list", "mutated-map")) {
            List<JsonNode> calls = bySession.get(kind);
            assertEquals(200, calls.size(), "every call recorded");
            String placeholder = "[unserializable java.util." + (kind.endsWith("list") ? "ArrayList: " : "HashMap: ");
            for (JsonNode call : calls) {
                for (JsonNode value : List.of(call.at("/data/args/value"), call.at("/data/result"))) {
                    boolean captured = value.isContainerNode() && value.size() >= 3;
                    boolean markedAsChanging = value.isTextual() && value.asText().startsWith(placeholder);
                    assertTrue(captured || markedAsChanging, kind + ": " + value);
                    marked += markedAsChanging ? 1 : 0;
                    changed += captured && value.size() > (kind.endsWith("list") ? 10 : 3) ? 1 : 0;
                }
            }
        }
        System.out.printf("HostileValuesHost: of 800 captures of changing collections, %d caught a change and %d"
                + " were marked%n", changed, marked);
    }

    private static JsonNode single(String session) {
        List<JsonNode> calls = bySession.get(session);
        assertEquals(1, calls == null ? 0 : calls.size(), session + ": " + bySession.keySet());
        return calls.get(0);
    }
}
