package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.breakpilot.checkpoint.testing.Jvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Host safety, differentially, on JDK 17 and on JDK 25: every method shape of {@code ShapesHost}, and a
 * {@code main} that ends in an uncaught exception, print and exit exactly as they do without the agent,
 * stack traces included. On JDK 25 the host's calls from virtual threads are among them.
 */
class ShapesDifferentialIT {

    private static final String SHAPES = "org.breakpilot.testhost.ShapesHost";
    private static final String FAILING_MAIN = "org.breakpilot.testhost.FailingMainHost";
    private static final String THROWING = "org.breakpilot.testhost.ThrowingShapes.";

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void everyShapePrintsTheSameBytesWithAndWithoutTheAgent(int jdk, @TempDir Path exports) throws Exception {
        String java = launcher(jdk);
        String[] arguments = AgentShapesIT.guestArguments();

        ProcessRun without = run(java, null, SHAPES, arguments);
        ProcessRun with = run(java, "exportOnExit=" + exports, SHAPES, arguments);

        assertEquals(0, without.exitCode(), without.stderr());
        SameHostOutput.assertSame(without, with);
        for (String thrown : List.of("throwsUnchecked", "throwsChecked", "throwsError", "failsWithCauseAndSuppressed",
                "instanceThrowsChecked")) {
            assertTrue(with.stdout().contains(thrown + " threw "), thrown + " in\n" + with.stdout());
        }
        assertTrue(with.stdout().contains("\tSuppressed: java.lang.IllegalStateException: close failed too\n"
                + "\t\tat " + THROWING + "failsWithCauseAndSuppressed(ThrowingShapes.java:"));
        assertTrue(with.stdout().contains("recurseForever threw java.lang.StackOverflowError; "
                + "1023 frames below the top: [" + THROWING + "recurseForever(ThrowingShapes.java:"),
                with.stdout());
        List<JsonNode> threadCalls = AgentShapesIT.readExports(exports).stream()
                .filter(c -> c.get("name").asText().equals("CallbackShapes.onThread")).toList();
        assertEquals(40, threadCalls.size());
        boolean virtualThreads = jdk == 25 || Runtime.version().feature() >= 21;
        threadCalls.forEach(call -> assertEquals(virtualThreads, call.at("/data/args/virtual").asBoolean(),
                "on virtual threads where the JDK has them: " + call));
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void anUncaughtExceptionEndsMainAsWithoutTheAgentAfterAnOverflowAsTheFirstRecordedCall(int jdk,
            @TempDir Path exports) throws Exception {
        String java = launcher(jdk);

        ProcessRun without = run(java, null, FAILING_MAIN);
        ProcessRun with = run(java, "exportOnExit=" + exports, FAILING_MAIN);

        assertEquals(1, without.exitCode(), without.stderr());
        SameHostOutput.assertSame(without, with);
        assertTrue(with.stderr().startsWith("Exception in thread \"main\" "
                + "java.io.IOException: could not write final.csv\n\tat " + THROWING
                + "failsWithCauseAndSuppressed(ThrowingShapes.java:"),
                with.stderr());
        assertTrue(with.stderr().contains("Caused by: java.io.UncheckedIOException: java.io.IOException: disk full\n"));
        List<JsonNode> recorded = AgentShapesIT.readExports(exports);
        assertEquals(List.of("ThrowingShapes.failsWithCauseAndSuppressed"),
                recorded.stream().map(c -> c.get("name").asText()).toList(),
                "the calls ending in the overflow are left out, and recording works after it");
        assertEquals("java.io.IOException", recorded.get(0).at("/data/error/type").asText());
    }

    /** The build's JDK (17) by name, whichever JDK the rest of the suite targets in this pass. */
    private static String launcher(int jdk) {
        return jdk == 17 ? Jvm.toolsJava() : Jvm.jdk25Java();
    }

    private static ProcessRun run(String java, String agentOptions, String mainClass, String... arguments)
            throws Exception {
        return HostJvm.run(java, agentOptions, List.of(), List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), mainClass,
                arguments);
    }
}
