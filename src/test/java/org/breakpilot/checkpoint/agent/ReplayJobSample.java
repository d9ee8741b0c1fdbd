package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * samples/replay-job, compiled from its sources against the api jar, as the tests that kill it and
 * start it again run it: steps of 150 ms, each printing {@code step N <result>} once it returned.
 */
final class ReplayJobSample {

    private static final String JOB = "org.breakpilot.samples.replayjob.ReplayJob";
    /** Every step's name as the job prints it when it runs the step ({@code running <name>}). */
    static final List<String> STEPS = List.of("load-config", "aggregate north", "aggregate south", "aggregate east",
            "aggregate west", "aggregate central", "aggregate islands", "aggregate online");

    private ReplayJobSample() {
    }

    /** Compiles the sample into {@code classes}. */
    static void compile(Path classes) throws IOException {
        Path sources = Path.of(System.getProperty("checkpoint.samples"), "replay-job", "src", "main", "java");
        List<String> arguments = new ArrayList<>(List.of("-parameters", "-d", classes.toString(),
                "-cp", Jvm.API_JAR.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> arguments.add(file.toString()));
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)));
    }

    /** The job compiled into {@code classes}, with the agent and its options (none when null), on {@code args}. */
    static Jvm command(Path classes, String agentOptions, String... args) {
        return command(classes, 150, agentOptions, args);
    }

    /** The job with steps of {@code stepMillis}. */
    static Jvm command(Path classes, int stepMillis, String agentOptions, String... args) {
        return Jvm.target().option("-Dreplayjob.stepMillis=" + stepMillis).agent(agentOptions)
                .classPath(List.of(classes, Jvm.API_JAR)).main(JOB, args);
    }

    /** Reads {@code job}'s standard output into {@code lines} until a line starts with {@code marker}; false at its end. */
    static boolean readUntil(BufferedReader out, List<String> lines, String marker) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.startsWith(marker)) {
                return true;
            }
        }
        return false;
    }

    /** A reader of {@code job}'s standard output. */
    static BufferedReader stdout(Process job) {
        return new BufferedReader(new InputStreamReader(job.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The lines main prints for each step, without the steps' own. */
    static List<String> results(String stdout) {
        return stdout.lines().filter(line -> line.startsWith("step ")).toList();
    }

    /** The steps the job ran, as it printed them. */
    static List<String> ran(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("  running ")).map(line -> line.substring(10)).toList();
    }
}
