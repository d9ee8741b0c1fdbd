package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Holds the packaged jars to what DESIGN.md fixes: what they contain, and that the agent jar stands alone. */
class PackagedJarIT {

    private static final Path AGENT_JAR = Path.of(System.getProperty("checkpoint.agent.jar"));
    private static final Path API_JAR = Path.of(System.getProperty("checkpoint.api.jar"));

    @Test
    void agentJarHoldsNothingOutsideOurPackagesAndMetaInf() throws Exception {
        List<String> strays = entries(AGENT_JAR).stream()
                .filter(name -> !name.startsWith("org/breakpilot/") && !name.startsWith("META-INF/"))
                .filter(name -> !name.equals("org/"))
                .toList();

        assertEquals(List.of(), strays);
    }

    @Test
    void dependenciesAreRelocatedUnderOurShadedPackage() throws Exception {
        List<String> entries = entries(AGENT_JAR);

        for (String relocated : List.of("jackson/databind/ObjectMapper.class", "slf4j/LoggerFactory.class",
                "bytebuddy/agent/builder/AgentBuilder.class")) {
            assertTrue(entries.contains("org/breakpilot/checkpoint/shaded/" + relocated), relocated);
        }
        assertTrue(entries.stream().noneMatch(e -> e.contains("com/fasterxml/") || e.startsWith("org/slf4j/")
                || e.startsWith("net/bytebuddy/")));
    }

    @Test
    void manifestComesFromAgentManifest() throws Exception {
        try (JarFile jar = new JarFile(AGENT_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("org.breakpilot.checkpoint.agent.AgentMain", main.getValue("Premain-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("true", main.getValue("Can-Redefine-Classes"));
        }
    }

    @Test
    void apiJarHoldsOnlyTheApiPackage() throws Exception {
        List<String> classes = entries(API_JAR).stream().filter(e -> e.endsWith(".class")).toList();

        assertTrue(classes.contains("org/breakpilot/checkpoint/api/Checkpoint.class"), classes.toString());
        assertTrue(classes.stream().allMatch(e -> e.startsWith("org/breakpilot/checkpoint/api/")), classes.toString());
    }

    /** A loader that sees only the agent jar and the JDK: the relocated libraries must suffice. */
    @Test
    void agentJarRunsTheManagerOnItsOwn() throws Exception {
        try (URLClassLoader alone = new URLClassLoader(new URL[] {AGENT_JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> managerType = alone.loadClass(CheckpointManager.class.getName());
            Object manager = managerType.getConstructor(String.class).newInstance("packaged");
            managerType.getMethod("create", String.class, Map.class).invoke(manager, "step", Map.of("k", 1));
            String export = (String) managerType.getMethod("exportJson").invoke(manager);

            assertTrue(export.contains("\"id\": \"packaged:1\""), export);
            assertTrue(alone.loadClass("org.breakpilot.checkpoint.shaded.jackson.databind.ObjectMapper")
                    .getClassLoader() == alone);
        }
    }

    private static List<String> entries(Path jar) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}
