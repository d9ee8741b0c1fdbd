package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * {@code traceId} and {@code spanId} metadata: real JVMs with the packaged agent, whose application has
 * OpenTelemetry's API alone, OpenTelemetry's Java agent as well, or no OpenTelemetry at all.
 */
class TraceIdsIT {

    private static final String HOST = "org.breakpilot.testhost.TraceHost";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final Path OTEL_API = Path.of(System.getProperty("checkpoint.host.libs.otel"));
    private static final Path OTEL_AGENT = Path.of(System.getProperty("checkpoint.otel.javaagent.jar"));

    @TempDir
    Path exports;

    @Test
    void aCurrentSpanOfTheApiAloneGivesItsIdsToCallsInsideItOnly() throws Exception {
        List<Path> classPath = withOpenTelemetry();
        ProcessRun without = HostJvm.run(null, List.of(), classPath, HOST, "api");
        ProcessRun with = HostJvm.run(options(), List.of(), classPath, HOST, "api");

        assertEquals(0, with.exitCode(), with.stderr());
        assertEquals(without.stdout(), with.stdout());
        assertEquals("", with.stderr());
        List<JsonNode> recorded = recorded();
        assertEquals(3, recorded.size(), recorded.toString());
        assertIds(TRACE_ID, SPAN_ID, call(recorded, "trace.step", "inside"));
        assertIds(TRACE_ID, SPAN_ID, call(recorded, "TraceHost.selected", "inside"));
        assertNoIds(call(recorded, "trace.step", "outside"));
    }

    @Test
    void withoutOpenTelemetryNoCheckpointHasIds() throws Exception {
        ProcessRun with = HostJvm.run(options(), List.of(), List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), HOST,
                "none");

        assertEquals(0, with.exitCode(), with.stderr());
        assertEquals("step plain\n", with.stdout());
        assertNoIds(call(recorded(), "trace.step", "plain"));
    }

    @Test
    void aSpanOfOpenTelemetrysJavaAgentGivesItsIds() throws Exception {
        assertTrue(Files.isRegularFile(OTEL_AGENT), OTEL_AGENT + " is missing: mvn pre-integration-test copies it");
        List<String> openTelemetry = List.of("-javaagent:" + OTEL_AGENT.toAbsolutePath(),
                "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none");

        ProcessRun with = HostJvm.run(options(), openTelemetry, withOpenTelemetry(), HOST, "withSpan");

        assertEquals(0, with.exitCode(), with.stderr());
        Matcher span = Pattern.compile("span ([0-9a-f]{32}) ([0-9a-f]{16}) step inside\n").matcher(with.stdout());
        assertTrue(span.find(), with.stdout());
        assertNotEquals("0".repeat(32), span.group(1), "the host saw no span: @WithSpan was not applied");
        List<JsonNode> recorded = recorded();
        assertIds(span.group(1), span.group(2), call(recorded, "trace.step", "inside"));
        assertNoIds(call(recorded, "trace.step", "outside"));
    }

    private String options() {
        return "store=memory,session=traced,methods=org.breakpilot.testhost.TraceHost[selected],exportOnExit=" + exports;
    }

    private static List<Path> withOpenTelemetry() throws IOException {
        List<Path> classPath = new ArrayList<>(List.of(Jvm.TEST_CLASSES, Jvm.API_JAR));
        try (var jars = Files.list(OTEL_API)) {
            jars.sorted().forEach(classPath::add);
        }
        return classPath;
    }

    private List<JsonNode> recorded() throws IOException {
        List<JsonNode> checkpoints = new ArrayList<>();
        new ObjectMapper().readTree(exports.resolve("traced.json").toFile()).forEach(checkpoints::add);
        return checkpoints;
    }

    private static JsonNode call(List<JsonNode> recorded, String name, String item) {
        return recorded.stream()
                .filter(c -> c.get("name").asText().equals(name) && c.at("/data/args/item").asText().equals(item))
                .findFirst().orElseThrow(() -> new AssertionError(name + "(" + item + ") not in " + recorded));
    }

    private static void assertIds(String traceId, String spanId, JsonNode checkpoint) {
        assertEquals(traceId, checkpoint.at("/metadata/traceId").asText(), checkpoint.toString());
        assertEquals(spanId, checkpoint.at("/metadata/spanId").asText(), checkpoint.toString());
    }

    private static void assertNoIds(JsonNode checkpoint) {
        assertFalse(checkpoint.get("metadata").has("traceId"), checkpoint.toString());
        assertFalse(checkpoint.get("metadata").has("spanId"), checkpoint.toString());
    }
}
