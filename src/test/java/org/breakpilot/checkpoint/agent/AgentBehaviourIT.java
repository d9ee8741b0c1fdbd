package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** The agent's own logging and failures, and the same recording on the newest JDK. */
class AgentBehaviourIT {

    @Test
    void debugLogsWhatIsInstrumentedToTheLogFileAndNothingToTheHostsStreams(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("agent.log");

        ProcessRun debug = HostJvm.run("debug=true,logFile=" + log, List.of(), "org.breakpilot.testhost.ShapesHost");
        ProcessRun plain = HostJvm.run(null, List.of(), "org.breakpilot.testhost.ShapesHost");

        String logged = Files.readString(log);
        assertTrue(logged.contains("Instrumented org.breakpilot.testhost.ShapesHost.add(II)I as checkpoint 'ShapesHost.add'"),
                logged);
        assertTrue(logged.contains("Instrumented org.breakpilot.testhost.ShapesHost$Point.shifted"), logged);
        assertEquals("", debug.stderr());
        assertEquals(plain.stdout().lines().filter(l -> !l.startsWith("facade.")).toList(),
                debug.stdout().lines().filter(l -> !l.startsWith("facade.")).toList());
    }

    @Test
    void aFailureInsideTheAgentIsLoggedOnceAndTheMethodRunsAsWithout(@TempDir Path directory) throws Exception {
        ProcessRun withAgent = HostJvm.run("exportOnExit=" + directory, List.of(),
                "org.breakpilot.testhost.FailingSessionHost");
        ProcessRun withoutAgent = HostJvm.run(null, List.of(), "org.breakpilot.testhost.FailingSessionHost");

        assertEquals(0, withAgent.exitCode());
        assertEquals(withoutAgent.stdout(), withAgent.stdout());
        assertEquals("sum = 20\n", withAgent.stdout());
        List<String> warnings = withAgent.stderr().lines().filter(l -> l.contains("WARN")).toList();
        assertEquals(1, warnings.size(), withAgent.stderr());
        assertTrue(warnings.get(0).contains("Could not record a call of org.breakpilot.testhost.FailingSessionHost.step;"
                + " further failures of this method are only counted"), warnings.get(0));
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count(), "no call was recorded");
        }
    }

    @Test
    void jdk25RecordsWhatJdk17Records(@TempDir Path jdk17, @TempDir Path jdk25) throws Exception {
        String java25 = Jvm.jdk25Java();
        String[] arguments = AgentShapesIT.guestArguments();

        ProcessRun on17 = HostJvm.run(Jvm.toolsJava(), "session=s,exportOnExit=" + jdk17, List.of(),
                List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), "org.breakpilot.testhost.ShapesHost", arguments);
        ProcessRun on25 = HostJvm.run(java25, "session=s,exportOnExit=" + jdk25, List.of(),
                List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), "org.breakpilot.testhost.ShapesHost", arguments);

        assertEquals("", on25.stderr(), "no warning of ours, nor of the JVM about us");
        assertEquals(on17.stdout(), on25.stdout());
        assertEquals(summaries(AgentShapesIT.readExports(jdk17)), summaries(AgentShapesIT.readExports(jdk25)));
    }

    /**
     * What each checkpoint says, without what differs between runs (time, thread timings), nor the
     * session whose ids follow the scheduling of its threads.
     */
    private static List<String> summaries(List<JsonNode> checkpoints) {
        return checkpoints.stream().filter(c -> !c.get("id").asText().startsWith("threads:"))
                .map(c -> c.get("id").asText() + " " + c.get("name").asText() + " "
                + c.get("data") + " " + c.at("/metadata/outcome").asText()).toList();
    }
}
