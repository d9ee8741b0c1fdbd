package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.breakpilot.checkpoint.agent.options.OptionParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Runs {@code ShapesHost} in real JVMs with and without the packaged agent: the host's outputs must be
 * the same, and the exported checkpoints must say what each call did.
 */
class AgentShapesIT {

    private static final String HOST = "org.breakpilot.testhost.ShapesHost";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path exportDirectory;
    static ProcessRun withAgent;
    static ProcessRun withoutAgent;
    static List<JsonNode> recorded;

    @BeforeAll
    static void runHostBothWays() throws Exception {
        withoutAgent = HostJvm.run(null, List.of(), HOST, guestArguments());
        withAgent = HostJvm.run("session=host-default,exportOnExit=" + exportDirectory, List.of(), HOST, guestArguments());
        recorded = readExports(exportDirectory);
    }

    static String[] guestArguments() throws IOException {
        return new String[] {Jvm.TEST_CLASSES.toString(), Jvm.API_JAR.toString(),
            nestedGuestJar().toString()};
    }

    /** An outer jar holding lib/guest.jar, which holds the guest class: as a Spring Boot jar nests them. */
    private static Path nestedGuestJar() throws IOException {
        Path outer = Files.createTempFile("nested-guest", ".jar");
        outer.toFile().deleteOnExit();
        return NestedJars.write(outer, "org/breakpilot/testhost/IsolatedGuest.class", List.of());
    }

    static List<JsonNode> readExports(Path directory) throws IOException {
        List<JsonNode> checkpoints = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                JSON.readTree(file.toFile()).forEach(checkpoints::add);
            }
        }
        return checkpoints;
    }

    @Test
    void hostOutputsAndExitCodeAreTheSameWithAndWithoutTheAgent() {
        assertEquals(0, withoutAgent.exitCode(), withoutAgent.stderr());
        SameHostOutput.assertSame(withoutAgent, withAgent);
    }

    @Test
    void thrownExceptionsKeepTheirStackTraces() {
        String traceWithout = section(withoutAgent.stdout(), "throwsUnchecked threw");
        assertTrue(traceWithout.contains("at org.breakpilot.testhost.ShapesHost.throwsUnchecked(ShapesHost.java:"), traceWithout);
        assertEquals(traceWithout, section(withAgent.stdout(), "throwsUnchecked threw"));
        assertFalse(withAgent.stdout().contains("org.breakpilot.checkpoint."), "no frame of ours");
    }

    @Test
    void facadeSeesTheAgentOnlyWhenLoaded() {
        assertTrue(withAgent.stdout().contains("facade.current = scoped\n"), withAgent.stdout());
        assertTrue(withAgent.stdout().contains("facade.handMade = true\n"));
        assertTrue(withoutAgent.stdout().contains("facade.current = <none>\n"));
        assertTrue(withoutAgent.stdout().contains("facade.handMade = false\n"));
        assertTrue(withAgent.stdout().contains("facade.summary = true\n"), "the order-7 session's summary");
        assertTrue(withoutAgent.stdout().contains("facade.summary = false\n"));
        assertTrue(withAgent.stdout().contains("facade.export = false\n"), "no export for an unknown session");
    }

    @Test
    void staticMethodRecordsArgumentsResultAndMetadata() {
        JsonNode add = only("ShapesHost.add", "host-default");
        assertEquals(JSON.createObjectNode().put("a", 2).put("b", 3), add.at("/data/args"));
        assertEquals(5, add.at("/data/result").asInt());
        assertEquals("org.breakpilot.testhost.ShapesHost", add.at("/metadata/class").asText());
        assertEquals("add", add.at("/metadata/method").asText());
        assertEquals("main", add.at("/metadata/thread").asText());
        assertEquals("returned", add.at("/metadata/outcome").asText());
        // How long the call took: a whole number of nanoseconds, there (a missing node would read 0), not
        // negative, and shorter than the host's whole run (HostJvm.run allows 120 s).
        JsonNode duration = add.at("/metadata/durationNanos");
        assertTrue(duration.isIntegralNumber(), "durationNanos is a whole number: " + add);
        assertTrue(duration.asLong() >= 0 && duration.asLong() < 120_000_000_000L, "durationNanos: " + duration);
    }

    @Test
    void everyMethodShapeIsRecordedWithItsResult() {
        assertEquals(5, only("instance.increment", "host-default").at("/data/result").asInt());
        assertEquals("echo:hi", only("ShapesHost.privateEcho", "host-default").at("/data/result").asText());
        assertEquals(49, only("ShapesHost.finalSquare", "host-default").at("/data/result").asInt());
        assertEquals(1, only("ShapesHost.synchronizedHoldsLock", "host-default").at("/data/result").asInt(),
                "the lock is still held inside the synchronized method");
        assertEquals("[1,2,3]", only("ShapesHost.varargsSum", "host-default").at("/data/args/values").toString());
        assertEquals("zebra", only("ShapesHost.genericMax", "host-default").at("/data/result").asText());
        assertEquals("[0.0,0.5,1.0]", only("ShapesHost.arrayReturn", "host-default").at("/data/result").toString());
        assertEquals("hello bob", only("Greeter.greet", "host-default").at("/data/result").asText());
        assertEquals("{\"x\":4,\"y\":2}", only("Point.shifted", "host-default").at("/data/result").toString());
        assertEquals("fast", only("Mode.describe", "host-default").at("/data/result").asText());
        assertEquals(42, only("Inner.innerDouble", "host-default").at("/data/result").asInt());
        assertEquals("anon", named(".anonymousMethod").get(0).at("/data/result").asText());
        assertEquals("one", only("WholeType.publicOne", "host-default").at("/data/result").asText());
        assertTrue(named("WholeType.packagePrivateIsNot").isEmpty(), "only public methods of an annotated type");
    }

    @Test
    void voidMethodsRecordNoResult() {
        JsonNode voidCall = only("ShapesHost.voidMethod", "host-default");
        assertTrue(voidCall.at("/data/result").isMissingNode(), voidCall.toString());
        assertEquals("returned", voidCall.at("/metadata/outcome").asText());
    }

    @Test
    void recursionRecordsEveryCall() {
        List<Integer> results = named("ShapesHost.recursiveFactorial").stream()
                .map(c -> c.at("/data/result").asInt()).toList();
        assertEquals(List.of(1, 2, 6, 24, 120), results, "innermost call returns first");
    }

    @Test
    void exceptionsAreRecordedAsErrors() {
        JsonNode unchecked = only("ShapesHost.throwsUnchecked", "host-default");
        assertEquals("java.lang.IllegalStateException", unchecked.at("/data/error/type").asText());
        assertEquals("unchecked: boom", unchecked.at("/data/error/message").asText());
        assertEquals("threw", unchecked.at("/metadata/outcome").asText());
        assertTrue(unchecked.at("/data/result").isMissingNode());
        assertEquals("java.lang.Exception", only("ShapesHost.throwsChecked", "host-default").at("/data/error/type").asText());
    }

    @Test
    void errorsAreRecordedAsErrorsButCallsEndingInAStackOverflowAreNot() {
        JsonNode error = only("ThrowingShapes.throwsError", "host-default");
        assertEquals("org.breakpilot.testhost.ThrowingShapes$ShapeError", error.at("/data/error/type").asText());
        assertEquals("error: invariant", error.at("/data/error/message").asText());
        JsonNode chained = only("ThrowingShapes.failsWithCauseAndSuppressed", "host-default");
        assertEquals("could not write report.csv", chained.at("/data/error/message").asText());
        assertEquals("java.lang.InterruptedException",
                only("ThrowingShapes.instanceThrowsChecked", "host-default").at("/data/error/type").asText());
        assertTrue(named("ThrowingShapes.recurseForever").isEmpty(),
                "recording with the stack all but used up could leave locks and classes broken");
    }

    @Test
    void lambdasLocalClassesAndListenersReenteringAMethodAreRecorded() {
        assertEquals(List.of(1, 4, 9, 16, 81), named("CallbackShapes.square").stream()
                .map(call -> call.at("/data/result").asInt()).toList(), "four from a lambda, one by method reference");
        assertEquals("local 5", only("Local.describe", "host-default").at("/data/result").asText());
        assertEquals(List.of("echo1|0", "echo2|7", "start|7"), named("CallbackShapes.publish").stream()
                .map(call -> call.at("/data/result").asText()).toList(), "innermost re-entry returns first");
    }

    @Test
    void aJmxListenerCallingAnAnnotatedMethodRunsItUnrecordedInsideTheRecordingOfAnother() {
        assertTrue(withAgent.stdout().contains(
                "facade.jmxListenerHeard = [heard checkpoint jmx-listened:2 'CallbackShapes.notifiesJmx' created]\n"),
                withAgent.stdout());
        assertEquals(List.of("first", "second"), named("CallbackShapes.notifiesJmx").stream()
                .map(call -> call.at("/data/args/step").asText()).toList());
        assertTrue(named("CallbackShapes.heardFromJmx").isEmpty(), "a call made by our own listener is not recorded");
    }

    @Test
    void callsFromManyThreadsAreEachRecordedOnTheirThread() {
        List<JsonNode> calls = named("CallbackShapes.onThread");
        assertEquals(40, calls.size(), recordedNames());
        assertEquals(40, calls.stream().map(call -> call.at("/metadata/thread").asText()).distinct()
                .filter(thread -> thread.startsWith("worker-")).count());
    }

    @Test
    void sessionComesFromTheParameterThenTheScopeThenTheOption() {
        assertEquals("order-7/pay", only("ShapesHost.inSession", "order-7").at("/data/result").asText());
        assertEquals(30, only("ShapesHost.add", "scoped").at("/data/result").asInt());
        assertEquals("hand_made", named("hand_made").get(0).get("name").asText());
    }

    @Test
    void secretsAndRedactedParametersNeverReachTheRecord() {
        JsonNode login = only("ShapesHost.login", "host-default");
        assertEquals("ada", login.at("/data/args/user").asText());
        assertEquals("[redacted]", login.at("/data/args/password").asText());
        assertEquals("[redacted]", login.at("/data/args/pin").asText());
        // As values, not as text: "1234" may well be part of a recorded duration or timestamp.
        List<String> values = new ArrayList<>();
        recorded.forEach(checkpoint -> collectValues(checkpoint, values));
        assertFalse(values.contains("hunter2"), "the password was recorded");
        assertFalse(values.contains("1234"), "the @Redact pin was recorded");
        assertFalse(recorded.toString().contains("hunter2"));
    }

    private static void collectValues(JsonNode node, List<String> values) {
        if (node.isContainerNode()) {
            node.forEach(child -> collectValues(child, values));
        } else {
            values.add(node.asText());
        }
    }

    @Test
    void annotationAttributesChooseWhatIsRecorded() {
        JsonNode nothing = only("ShapesHost.nothingCaptured", "host-default");
        assertEquals("{}", nothing.get("data").toString());
        assertEquals("core", nothing.at("/metadata/team").asText());
        assertEquals("gold", nothing.at("/metadata/tier").asText());

        List<JsonNode> both = named("ShapesHost.bothEnds");
        assertEquals(List.of("entered", "returned"), both.stream().map(c -> c.at("/metadata/outcome").asText()).toList());
        assertEquals(41, both.get(0).at("/data/args/x").asInt());
        assertEquals(42, both.get(1).at("/data/result").asInt());
    }

    @Test
    void classesOfAnIsolatedClassLoaderAreRecorded() {
        assertTrue(withAgent.stdout().contains("isolatedLoader = worked on parcel from isolated loader"), withAgent.stdout());
        JsonNode guest = named("guest.work").get(0);
        assertEquals("parcel", guest.at("/data/args/item").asText());
        assertEquals("org.breakpilot.testhost.IsolatedGuest", guest.at("/metadata/class").asText());
    }

    @Test
    void classesOfAChildFirstLoaderWithItsOwnAnnotationCopyAreRecorded() {
        assertTrue(withAgent.stdout().contains("childFirstLoader = worked on crate with its own annotation copy"),
                withAgent.stdout());
        List<String> items = named("guest.work").stream().map(c -> c.at("/data/args/item").asText()).toList();
        assertEquals(List.of("parcel", "crate", "pallet"), items);
    }

    @Test
    void classesDefinedFromANestedJarAreRecorded() {
        assertTrue(withAgent.stdout().contains("nestedJarLoader = worked on pallet from a nested jar"), withAgent.stdout());
        assertTrue(named("guest.work").stream().anyMatch(c -> c.at("/data/args/item").asText().equals("pallet")),
                recordedNames());
    }

    @Test
    void aBadOptionStringLeavesTheAgentOffWithOneLineAndTheHostUnchanged(@TempDir Path unused) throws Exception {
        ProcessRun bad = HostJvm.run("sesion=x,exportOnExit=" + unused, List.of(), HOST);
        ProcessRun plain = HostJvm.run(null, List.of(), HOST);

        assertEquals(0, bad.exitCode());
        assertEquals(plain.stdout(), bad.stdout());
        assertEquals("checkpoint-agent: unknown option 'sesion' (accepted keys: " + String.join(", ", OptionParser.KEYS)
                + "); the agent is off\n", bad.stderr());
        try (var files = Files.list(unused)) {
            assertEquals(0, files.count(), "nothing was exported: the agent stayed off");
        }
    }

    private static List<JsonNode> named(String nameOrSuffix) {
        return recorded.stream().filter(c -> nameOrSuffix.startsWith(".")
                ? c.get("name").asText().endsWith(nameOrSuffix) : c.get("name").asText().equals(nameOrSuffix))
                .collect(Collectors.toList());
    }

    /** The one checkpoint named {@code name} in {@code session}. */
    private static JsonNode only(String name, String session) {
        List<JsonNode> matching = named(name).stream()
                .filter(c -> c.get("id").asText().startsWith(session + ":")).toList();
        assertEquals(1, matching.size(), name + " recorded " + matching.size() + " times in " + session
                + ": " + recordedNames());
        return matching.get(0);
    }

    private static String recordedNames() {
        return recorded.stream().map(c -> c.get("id").asText() + "=" + c.get("name").asText())
                .collect(Collectors.joining(", "));
    }

    private static String section(String stdout, String start) {
        int from = stdout.indexOf(start);
        assertTrue(from >= 0, start + " in " + stdout);
        StringBuilder section = new StringBuilder();
        for (String line : stdout.substring(from).lines().toList()) {
            if (section.length() > 0 && !line.startsWith("\tat ")) {
                break;
            }
            section.append(line).append('\n');
        }
        return section.toString();
    }
}
