package org.breakpilot.checkpoint.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one way the tests start a JVM: which {@code java}, the packaged agent and its options, JVM
 * options, a class path, and a main class or a jar with its arguments. {@link #run} runs it to its end
 * in a fresh working directory and collects what it printed (see {@link ProcessRun}); {@link
 * #inFreshDirectory} and {@link #here} hand the command to a test that drives the process itself.
 *
 * <p>Two launchers: the applications under test run on {@link #targetJava()} (the JDK under test, {@code
 * -Dcheckpoint.target.java}; the build runs the integration tests once on their own JDK and once on JDK
 * 25), our CLI and JMX clients on {@link #toolsJava()} (always the tests' own).
 */
public final class Jvm {

    /** The packaged agent jar. */
    public static final Path AGENT_JAR = property("checkpoint.agent.jar", "target/checkpoint-agent.jar");
    /** The jar of the {@code api} package alone, what applications compile against. */
    public static final Path API_JAR = property("checkpoint.api.jar", "target/checkpoint-agent-api.jar");
    /** The compiled test classes, test hosts included. */
    public static final Path TEST_CLASSES = property("checkpoint.test.classes", "target/test-classes");

    private final List<String> command = new ArrayList<>();

    private Jvm(String java) {
        command.add(java);
    }

    /** A JVM on the launcher of the applications under test. */
    public static Jvm target() {
        return on(targetJava());
    }

    /** A JVM on {@code java}. */
    public static Jvm on(String java) {
        return new Jvm(java);
    }

    /** Our CLI, {@code java -jar checkpoint-agent.jar <args>}, on the tools' launcher. */
    public static Jvm cli(String... args) {
        return on(toolsJava()).jar(AGENT_JAR, args);
    }

    /** The launcher of the applications under test. */
    public static String targetJava() {
        String target = System.getProperty("checkpoint.target.java", "");
        return target.isEmpty() ? toolsJava() : target;
    }

    /** The launcher of our tools: the JVM running the tests. */
    public static String toolsJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * JDK 25's launcher, for tests that need it by name; they are skipped, saying so, where it is missing.
     * Where it is, is said once, in the pom ({@code jdk25.java}), which passes it as {@code checkpoint.jdk25.java}.
     */
    public static String jdk25Java() {
        String jdk25 = System.getProperty("checkpoint.jdk25.java", "");
        assumeTrue(!jdk25.isEmpty() && Files.isExecutable(Path.of(jdk25)),
                "no JDK 25 at '" + jdk25 + "' (-Dcheckpoint.jdk25.java): the JDK 25 run is skipped");
        return jdk25;
    }

    /** The option that loads the packaged agent: {@code options} null or empty for none after the jar. */
    public static String javaagent(String options) {
        return "-javaagent:" + AGENT_JAR + (options == null || options.isEmpty() ? "" : "=" + options);
    }

    /** Loads the packaged agent with {@code options} ({@link #javaagent}); none at all when null. */
    public Jvm agent(String options) {
        return options == null ? this : option(javaagent(options));
    }

    /** Adds JVM options, in order, after what is there. */
    public Jvm options(List<String> options) {
        command.addAll(options);
        return this;
    }

    /** Adds JVM options, in order, after what is there. */
    public Jvm option(String... options) {
        return options(List.of(options));
    }

    /** Sets the class path to {@code entries}, each made absolute. */
    public Jvm classPath(List<Path> entries) {
        StringJoiner path = new StringJoiner(File.pathSeparator);
        entries.forEach(entry -> path.add(entry.toAbsolutePath().toString()));
        return option("-cp", path.toString());
    }

    /** The class path of the test hosts: the test classes and the api jar. */
    public Jvm hostClassPath() {
        return classPath(List.of(TEST_CLASSES, API_JAR));
    }

    /** Runs {@code mainClass} with {@code args}. */
    public Jvm main(String mainClass, String... args) {
        command.add(mainClass);
        command.addAll(List.of(args));
        return this;
    }

    /** Runs the jar {@code jar} with {@code args}. */
    public Jvm jar(Path jar, String... args) {
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return this;
    }

    /** The command line. */
    public List<String> command() {
        return List.copyOf(command);
    }

    /** Runs it in a fresh directory to its end, at most {@code timeoutSeconds}. */
    public ProcessRun run(int timeoutSeconds) throws IOException, InterruptedException {
        return ProcessRun.of(command(), timeoutSeconds);
    }

    /** Runs it in a fresh directory with {@code environment} added to ours, to its end. */
    public ProcessRun run(Map<String, String> environment, int timeoutSeconds) throws IOException, InterruptedException {
        return ProcessRun.of(command(), environment, timeoutSeconds);
    }

    /** Runs it in {@code directory}, to its end. */
    public ProcessRun runIn(Path directory, int timeoutSeconds) throws IOException, InterruptedException {
        return ProcessRun.in(directory, command(), timeoutSeconds);
    }

    /** A builder in a new empty directory, so that the agent's default journal belongs to this JVM alone. */
    public ProcessBuilder inFreshDirectory() throws IOException {
        return ProcessRun.inFreshDirectory(command());
    }

    /** A builder in the tests' own working directory. */
    public ProcessBuilder here() {
        return new ProcessBuilder(command());
    }

    private static Path property(String name, String fallback) {
        return Path.of(System.getProperty(name, fallback)).toAbsolutePath();
    }
}
