package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * A host that depends on nothing of ours — its own annotation, a class with none, its own older Jackson
 * and SLF4J 1.7 — is recorded through {@code annotations=} and {@code methods=} and runs as without us.
 */
class ForeignHostIT {

    private static final String HOST = "org.breakpilot.testhost.ForeignHost";

    @TempDir
    static Path exports;
    static ProcessRun withAgent;
    static ProcessRun withoutAgent;
    static List<JsonNode> recorded = new ArrayList<>();

    @BeforeAll
    static void runBothWays() throws Exception {
        List<Path> classPath = new ArrayList<>(List.of(Jvm.TEST_CLASSES));
        try (var libraries = Files.list(Path.of(System.getProperty("checkpoint.host.libs")))) {
            libraries.sorted().forEach(classPath::add);
        }
        withoutAgent = HostJvm.run(null, List.of(), classPath, HOST);
        withAgent = HostJvm.run("session=foreign,annotations=org.breakpilot.testhost.Step[value],"
                + "methods=org.breakpilot.testhost.ForeignHost$Pipeline[store],exportOnExit=" + exports,
                List.of(), classPath, HOST);
        new ObjectMapper().readTree(exports.resolve("foreign.json").toFile()).forEach(recorded::add);
    }

    @Test
    void theHostsOwnJacksonAndSlf4jKeepWorkingUnchanged() {
        assertEquals(0, withAgent.exitCode(), withAgent.stderr());
        assertTrue(withAgent.stdout().contains("jackson 2.13.5 wrote {\"k\":1}"), withAgent.stdout());
        assertTrue(withAgent.stderr().contains("host logging through its own SLF4J 1.7.36"), withAgent.stderr());
        assertEquals(withoutAgent.stdout(), withAgent.stdout());
        assertEquals(withoutAgent.stderr(), withAgent.stderr());
    }

    @Test
    void anApplicationsOwnAnnotationMarksCheckpointsNamedByTheAttributeTheOptionNames() {
        JsonNode fetch = named("pipeline.fetch");
        assertEquals("db", fetch.at("/data/args/source").asText());
        assertEquals("rows from db", fetch.at("/data/result").asText());
    }

    @Test
    void methodsSelectsUnannotatedMethodsByName() {
        assertEquals("stored r1", named("Pipeline.store").at("/data/result").asText());
        assertTrue(recorded.stream().noneMatch(c -> c.get("name").asText().contains("notSelected")));
        assertEquals(2, recorded.size(), recorded.toString());
    }

    private static JsonNode named(String name) {
        return recorded.stream().filter(c -> c.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + recorded));
    }
}
