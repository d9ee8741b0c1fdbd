package org.breakpilot.checkpoint.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.XDisplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's own JConsole, started as the docs say ({@code jconsole -pluginpath checkpoint-agent.jar <pid>}) on
 * Xvfb against a real agent JVM, finds the "Checkpoints" tab in the agent jar and shows the sessions, the
 * timeline and a checkpoint's detail. A probe agent in JConsole's JVM selects what a person would and saves
 * the screenshots ({@code -Dcheckpoint.screenshots=<dir>} keeps them there; scripts/console-screenshots.sh
 * makes the docs' images so).
 */
class JConsoleIT {

    private static final String PROBE_PACKAGE = "org/breakpilot/consoleprobe/";

    @TempDir
    Path temporary;

    @Test
    void jconsoleFindsTheTabInTheAgentJarAndShowsSessionsTimelineAndDetail() throws Exception {
        XDisplay.require();
        Path screenshots = Path.of(System.getProperty("checkpoint.screenshots", temporary.resolve("shots").toString()));
        Process host = Jvm.target().agent("").hostClassPath().main("org.breakpilot.testhost.ConsoleHost")
                .inFreshDirectory().redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "host said " + ready);
            String pid = ready.substring("ready ".length());

            ProcessRun jconsole = ProcessRun.of(List.of(jconsole().toString(), "-pluginpath", Jvm.AGENT_JAR.toString(),
                    "-J-javaagent:" + probeJar() + "=" + screenshots + ",research-7,research-7:3", pid), 120);

            List<String> report = Files.readAllLines(screenshots.resolve("report.txt"));
            assertEquals(0, jconsole.exitCode(), report + "\n" + jconsole.stderr());
            assertTrue(report.get(0).startsWith("tabs=[Overview, Memory, Threads, Classes, VM Summary, MBeans"), report.get(0));
            assertTrue(report.get(0).endsWith("Checkpoints]"), report.get(0));
            assertEquals(List.of("sessions=[nightly-report, research-7, research-8]",
                    "checkpoints=[research-7:5, research-7:4, research-7:3, research-7:2, research-7:1]",
                    "outcomes=[returned, returned, threw, returned, returned]"), report.subList(1, 4));
            assertTrue(report.get(4).startsWith("detail=research-7:3 research.search at "), report.get(4));

            BufferedImage timeline = ImageIO.read(screenshots.resolve("checkpoints-timeline.png").toFile());
            assertTrue(SwingDriver.pixels(timeline, TimelineView.THREW.getRGB()) > 10, "the call that threw is drawn red");
            assertTrue(SwingDriver.pixels(timeline, TimelineView.RETURNED.getRGB()) > 50, "the calls that returned are drawn green");
            BufferedImage tab = ImageIO.read(screenshots.resolve("checkpoints-tab.png").toFile());
            assertEquals(List.of(1400, true), List.of(tab.getWidth(), tab.getHeight() > 700));
        } finally {
            host.getOutputStream().close();
            if (!host.waitFor(30, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
        }
    }

    @Test
    void anApplicationUnderTheAgentLoadsNeitherSwingNorTheTab() throws Exception {
        ProcessRun host = Jvm.target().agent("store=memory").option("-Xlog:class+load=info")
                .hostClassPath().main("org.breakpilot.testhost.FlightHost").run(60);

        assertEquals(0, host.exitCode(), host.stderr());
        assertTrue(host.stdout().contains("org.breakpilot.testhost.FlightHost "), "the log lists loaded classes");
        assertFalse(host.stdout().contains("javax.swing."), "Swing was loaded");
        assertFalse(host.stdout().contains("org.breakpilot.checkpoint.console."), "the tab's classes were loaded");
    }

    /** The jconsole beside the JDK that runs our tools. */
    private static Path jconsole() {
        return Path.of(Jvm.toolsJava()).resolveSibling("jconsole");
    }

    /** The probe's classes in a jar whose manifest makes it a Java agent. */
    private Path probeJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "org.breakpilot.consoleprobe.ConsoleProbe");
        Path jar = temporary.resolve("console-probe.jar");
        Path classes = Jvm.TEST_CLASSES.resolve(PROBE_PACKAGE);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.list(classes)) {
            for (Path file : files.toList()) {
                out.putNextEntry(new JarEntry(PROBE_PACKAGE + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }
}
