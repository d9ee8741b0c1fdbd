package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.Launchers;

/** Runs the real CLI, {@code java -jar target/checkpoint-agent.jar <args>}, in its own JVM; also for tests outside this package. */
public record CliRun(int exitCode, String stdout, String stderr) {

    /** Starts the CLI and leaves its streams to the caller (for {@code tail}). */
    public static Process start(String... args) throws IOException {
        return new ProcessBuilder(command(args)).start();
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Launchers.tools(),
                "-jar", System.getProperty("checkpoint.agent.jar")));
        command.addAll(List.of(args));
        return command;
    }

    public static CliRun of(String... args) throws IOException, InterruptedException {
        ProcessRun run = ProcessRun.of(command(args), 60);
        return new CliRun(run.exitCode(), run.stdout(), run.stderr());
    }
}
