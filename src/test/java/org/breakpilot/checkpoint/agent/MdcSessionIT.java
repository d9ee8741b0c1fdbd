package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Ownership;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.implementation.ExceptionMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * {@code sessionFrom=mdc:<key>}: real JVMs with the packaged agent and the application's own SLF4J
 * (1.7 with its JUL binding, 2.x with Logback: bindings that keep an MDC), on the class path, in a
 * child-first loader and in a nested jar, where only the guest's loader sees SLF4J.
 */
class MdcSessionIT {

    private static final String HOST = "org.breakpilot.testhost.MdcSessionHost";
    private static final String OPTIONS = "store=memory,session=fallback,sessionFrom=mdc:conversation.id,"
            + "methods=org.breakpilot.testhost.MdcGuest[audit],exportOnExit=";
    private static final Path SLF4J_1 = Path.of(System.getProperty("checkpoint.host.libs.slf4j1"));
    private static final Path SLF4J_2 = Path.of(System.getProperty("checkpoint.host.libs.slf4j2"));

    /** Session to its calls: the MDC names the session unless an argument or a scope does; else the option. */
    private static final Map<String, List<String>> EXPECTED_SESSIONS = Map.of(
            "conv-1", List.of("order.place(apple)"),
            "order-7", List.of("order.placeFor(order-7, pear)"),
            "scoped", List.of("order.place(plum)"),
            "conv-2", List.of("MdcGuest.audit(books)"),
            "fallback", List.of("order.place(fig)", "order.place(kiwi)"));

    @TempDir
    Path exports;

    @Test
    void slf4j17OnTheClassPathNamesTheSession() throws Exception {
        assertRecordedByMdc(withSlf4j(SLF4J_1), "app");
    }

    @Test
    void slf4j2OnTheClassPathNamesTheSession() throws Exception {
        assertRecordedByMdc(withSlf4j(SLF4J_2), "app");
    }

    @Test
    void slf4j2SeenOnlyByAChildFirstLoaderNamesTheSession() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("childFirst", Jvm.TEST_CLASSES.toString()));
        jars(SLF4J_2).forEach(jar -> arguments.add(jar.toAbsolutePath().toString()));

        String stdout = assertRecordedByMdc(List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), arguments.toArray(String[]::new));

        assertTrue(stdout.startsWith("guest from its own loader: true; application loader sees SLF4J: false"), stdout);
    }

    @Test
    void slf4j17InANestedJarNamesTheSession() throws Exception {
        String stdout = assertRecordedByMdc(List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), "nested",
                nestedJar().toString());

        assertTrue(stdout.startsWith("guest from its own loader: true; application loader sees SLF4J: false"), stdout);
    }

    @Test
    void aThrowingMdcIsCountedLoggedOnceAndTheCallsGoToTheFallbackSession() throws Exception {
        Path brokenMdc = exports.resolveSibling(exports.getFileName() + "-broken-mdc.jar");
        new ByteBuddy().subclass(Object.class).name("org.slf4j.MDC")
                .defineMethod("get", String.class, Visibility.PUBLIC, Ownership.STATIC).withParameters(String.class)
                .intercept(ExceptionMethod.throwing(IllegalStateException.class, "MDC adapter is broken"))
                .make().toJar(brokenMdc.toFile());

        ProcessRun run = HostJvm.run(OPTIONS + exports, List.of(),
                List.of(Jvm.TEST_CLASSES, Jvm.API_JAR, brokenMdc), HOST, "brokenMdc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("placed a\nplaced b\nplaced c\ncapture failures = 3\n", run.stdout());
        String logged = "The application's SLF4J MDC failed";
        assertEquals(run.stderr().indexOf(logged), run.stderr().lastIndexOf(logged), run.stderr());
        assertTrue(run.stderr().contains(logged) && run.stderr().contains("MDC adapter is broken"), run.stderr());
        assertEquals(Map.of("fallback", List.of("order.place(a)", "order.place(b)", "order.place(c)")),
                recordedSessions());
    }

    /** Runs the host with and without the agent: the same output, the MDC unchanged, the calls in their sessions. */
    private String assertRecordedByMdc(List<Path> classPath, String... arguments) throws Exception {
        ProcessRun without = HostJvm.run(null, List.of(), classPath, HOST, arguments);
        ProcessRun with = HostJvm.run(OPTIONS + exports, List.of(), classPath, HOST, arguments);

        assertEquals(0, with.exitCode(), with.stderr());
        assertEquals(without.stdout(), with.stdout());
        assertEquals("", with.stderr());
        assertTrue(with.stdout().contains("place = placed apple; mdc after = {conversation.id=conv-1, tenant=acme}\n"),
                with.stdout());
        assertEquals(EXPECTED_SESSIONS, recordedSessions());
        return with.stdout();
    }

    private Map<String, List<String>> recordedSessions() throws IOException {
        Map<String, List<String>> sessions = new TreeMap<>();
        try (var files = Files.list(exports)) {
            for (Path file : files.sorted().toList()) {
                List<String> calls = new ArrayList<>();
                for (JsonNode checkpoint : new ObjectMapper().readTree(file.toFile())) {
                    List<String> arguments = new ArrayList<>();
                    checkpoint.at("/data/args").forEach(argument -> arguments.add(argument.asText()));
                    calls.add(checkpoint.get("name").asText() + "(" + String.join(", ", arguments) + ")");
                }
                sessions.put(file.getFileName().toString().replace(".json", ""), calls);
            }
        }
        return sessions;
    }

    private static List<Path> withSlf4j(Path libraries) throws IOException {
        List<Path> classPath = new ArrayList<>(List.of(Jvm.TEST_CLASSES, Jvm.API_JAR));
        classPath.addAll(jars(libraries));
        return classPath;
    }

    private static List<Path> jars(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    /** As a Spring Boot jar nests them: lib/guest.jar and SLF4J 1.7's jars inside one outer jar. */
    private Path nestedJar() throws IOException {
        return NestedJars.write(exports.resolveSibling(exports.getFileName() + "-nested.jar"),
                "org/breakpilot/testhost/MdcGuest.class", jars(SLF4J_1));
    }
}
