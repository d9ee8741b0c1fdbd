package org.breakpilot.checkpoint.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.Launchers;

/** Starts a real JVM, optionally with the packaged agent, and collects what it printed. */
final class HostJvm {

    static final Path AGENT_JAR = Path.of(System.getProperty("checkpoint.agent.jar", "target/checkpoint-agent.jar"));
    static final Path API_JAR = Path.of(System.getProperty("checkpoint.api.jar", "target/checkpoint-agent-api.jar"));
    static final Path TEST_CLASSES = Path.of(System.getProperty("checkpoint.test.classes", "target/test-classes"));

    /** What a finished JVM left behind. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private HostJvm() {
    }

    /** The java launcher of the application under test (see {@link Launchers#target()}). */
    static String java() {
        return Launchers.target();
    }

    /** Runs {@code mainClass} with the test classes and the api jar on the class path. */
    static Result run(String agentOptions, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        return run(agentOptions, jvmOptions, List.of(TEST_CLASSES, API_JAR), mainClass, args);
    }

    /**
     * Runs {@code mainClass} on {@code classPath}.
     *
     * @param agentOptions null for no agent, else the string after {@code -javaagent:jar=}
     */
    static Result run(String agentOptions, List<String> jvmOptions, List<Path> classPath, String mainClass,
                      String... args) throws IOException, InterruptedException {
        return run(java(), agentOptions, jvmOptions, classPath, mainClass, args);
    }

    /** Runs {@code mainClass} with the {@code java} launcher given. */
    static Result run(String java, String agentOptions, List<String> jvmOptions, List<Path> classPath,
                      String mainClass, String... args) throws IOException, InterruptedException {
        return run(120, java, agentOptions, jvmOptions, classPath, mainClass, args);
    }

    /** Runs {@code mainClass}, failing when it takes longer than {@code timeoutSeconds}. */
    static Result run(int timeoutSeconds, String java, String agentOptions, List<String> jvmOptions,
                      List<Path> classPath, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        if (agentOptions != null) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        command.addAll(jvmOptions);
        StringJoiner path = new StringJoiner(File.pathSeparator);
        classPath.forEach(entry -> path.add(entry.toAbsolutePath().toString()));
        command.addAll(List.of("-cp", path.toString(), mainClass));
        command.addAll(List.of(args));
        ProcessRun run = ProcessRun.of(command, timeoutSeconds);
        return new Result(run.exitCode(), run.stdout(), run.stderr());
    }
}
