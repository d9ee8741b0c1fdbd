package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** The runs of a host JVM these tests repeat most, optionally with the packaged agent: shorthands of {@link Jvm}. */
final class HostJvm {

    private HostJvm() {
    }

    /** Runs {@code mainClass} with the test classes and the api jar on the class path. */
    static ProcessRun run(String agentOptions, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        return run(agentOptions, jvmOptions, List.of(Jvm.TEST_CLASSES, Jvm.API_JAR), mainClass, args);
    }

    /**
     * Runs {@code mainClass} on {@code classPath}.
     *
     * @param agentOptions null for no agent, else the string after {@code -javaagent:jar=}
     */
    static ProcessRun run(String agentOptions, List<String> jvmOptions, List<Path> classPath, String mainClass,
                          String... args) throws IOException, InterruptedException {
        return run(Jvm.targetJava(), agentOptions, jvmOptions, classPath, mainClass, args);
    }

    /** Runs {@code mainClass} with the {@code java} launcher given. */
    static ProcessRun run(String java, String agentOptions, List<String> jvmOptions, List<Path> classPath,
                          String mainClass, String... args) throws IOException, InterruptedException {
        return run(120, java, agentOptions, jvmOptions, classPath, mainClass, args);
    }

    /** Runs {@code mainClass}, failing when it takes longer than {@code timeoutSeconds}. */
    static ProcessRun run(int timeoutSeconds, String java, String agentOptions, List<String> jvmOptions,
                          List<Path> classPath, String mainClass, String... args) throws IOException, InterruptedException {
        return Jvm.on(java).agent(agentOptions).options(jvmOptions).classPath(classPath).main(mainClass, args)
                .run(timeoutSeconds);
    }
}
