package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.breakpilot.checkpoint.testing.Jvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * A session scope, whether a {@code @SessionId} call or {@code Checkpoints.session} opened it, follows
 * the work into every kind of JDK task (ScopeFollowingHost), and {@code Checkpoints.stepKey()} names the
 * running replay step the same way on every run (StepKeyHost); the hosts print what they print without
 * the agent.
 */
class ScopeFollowingIT {

    private static final String HOST = "org.breakpilot.testhost.ScopeFollowingHost";
    private static final String STEP_KEY_HOST = "org.breakpilot.testhost.StepKeyHost";
    private static final String DEFAULT_SESSION = "default-s";

    /** How many {@code work} calls each label makes; a label names its session, {@code unscoped} the default. */
    private static final Map<String, Integer> CALLS_ON_EVERY_JDK = Map.ofEntries(Map.entry("order-7", 1),
            Map.entry("order-8", 1), Map.entry("order-9", 1),
            Map.entry("tpe-submit", 1), Map.entry("tpe-execute", 1), Map.entry("scheduled", 3),
            Map.entry("fork-join", 5), Map.entry("common-pool", 3), Map.entry("supply-async", 2),
            Map.entry("supply-async-given", 1), Map.entry("then-apply-async", 1), Map.entry("stale", 1),
            Map.entry("unscoped", 2));

    @Test
    void workHandedToExecutorsForkJoinAndCompletableFuturesStaysInItsSession(@TempDir Path exports) throws Exception {
        // On the build's JDK, whose version this JVM knows: the JDK 25 pass of the matrix runs the next test.
        Map<String, Integer> calls = new TreeMap<>(CALLS_ON_EVERY_JDK);
        if (Runtime.version().feature() >= 21) {
            calls.put("virtual", 4);
        }
        assertEveryCallInItsSession(Jvm.toolsJava(), exports, calls);
    }

    @Test
    void virtualThreadsStartedInAScopeStayInItsSessionOnJdk25(@TempDir Path exports) throws Exception {
        Map<String, Integer> calls = new TreeMap<>(CALLS_ON_EVERY_JDK);
        calls.put("virtual", 4);
        assertEveryCallInItsSession(Jvm.jdk25Java(), exports, calls);
    }

    private static void assertEveryCallInItsSession(String java, Path exports, Map<String, Integer> calls)
            throws Exception {
        ProcessRun with = HostJvm.run(java, "store=memory,session=" + DEFAULT_SESSION + ",exportOnExit=" + exports,
                List.of(), List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), HOST);
        ProcessRun without = HostJvm.run(java, null, List.of(), List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), HOST);
        assertEquals(0, without.exitCode(), without.stderr());
        SameHostOutput.assertSame(without, with);

        Map<String, Integer> recorded = new TreeMap<>();
        for (JsonNode checkpoint : AgentShapesIT.readExports(exports)) {
            String id = checkpoint.get("id").asText();
            String session = id.substring(0, id.lastIndexOf(':'));
            if (checkpoint.get("name").asText().startsWith("order.")) {
                assertEquals(checkpoint.at("/data/args/orderId").asText(), session, id);
                continue;
            }
            String label = checkpoint.at("/data/args/label").asText();
            String thread = checkpoint.at("/metadata/thread").asText();
            assertEquals(label.equals("unscoped") ? DEFAULT_SESSION : label, session,
                    "work(\"" + label + "\") on thread '" + thread + "' was recorded as " + id);
            recorded.merge(label, 1, Integer::sum);
        }
        assertEquals(new TreeMap<>(calls), recorded);
    }

    @Test
    void stepKeyIsTheSameWhenACrashedStepRunsAgainAndInTheTasksItHandsOn(@TempDir Path journal) throws Exception {
        String options = "dir=" + journal + ",fsync=always";
        List<Path> classPath = List.of(Jvm.TEST_CLASSES, Jvm.API_JAR);
        ProcessRun crashed = HostJvm.run(options, List.of(), classPath, STEP_KEY_HOST, "crash");
        ProcessRun resumed = HostJvm.run(options, List.of(), classPath, STEP_KEY_HOST);
        ProcessRun without = HostJvm.run(null, List.of(), classPath, STEP_KEY_HOST);

        assertEquals(3, crashed.exitCode(), crashed.stderr());
        assertEquals("""
                facade.outside null
                facade.book Adlon trip-1:book_hotel:1
                facade.charge Adlon trip-1:charge:1
                facade.book after charge Adlon trip-1:book_hotel:1
                facade.mail Adlon trip-1:book_hotel:1
                booked Adlon (charged Adlon)
                facade.book Ritz trip-1:book_hotel:2
                facade.charge Ritz trip-1:charge:2
                facade.book after charge Ritz trip-1:book_hotel:2
                facade.mail Ritz trip-1:book_hotel:2
                """, crashed.stdout());
        // The first booking is replayed (its body and its charge, and so their keys, do not show); the
        // crashed one runs again under the key it had, and the charge it completed before the crash, still
        // its step's second call, is replayed in it.
        assertEquals("""
                facade.outside null
                booked Adlon (charged Adlon)
                facade.book Ritz trip-1:book_hotel:2
                facade.book after charge Ritz trip-1:book_hotel:2
                facade.mail Ritz trip-1:book_hotel:2
                booked Ritz (charged Ritz)
                """, resumed.stdout());
        assertEquals("", resumed.stderr());
        assertFalse(without.stdout().contains("trip-1"), without.stdout());
        assertTrue(without.stdout().contains("booked Ritz (charged Ritz)"), without.stdout());
    }
}
