package org.breakpilot.checkpoint.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A finished process and what it printed, for integration tests that start real JVMs.
 *
 * @param exitCode the process's exit code
 * @param stdout   everything it wrote to standard output
 * @param stderr   everything it wrote to standard error
 */
public record ProcessRun(int exitCode, String stdout, String stderr) {

    /**
     * A builder for {@code command} whose working directory is a new empty one, so that the agent's
     * default journal ({@code ./.checkpoints}) belongs to that process alone.
     */
    public static ProcessBuilder inFreshDirectory(List<String> command) throws IOException {
        return new ProcessBuilder(command).directory(Files.createTempDirectory("host-jvm").toFile());
    }

    /** Runs {@code command} to its end (at most {@code timeoutSeconds}), collecting both streams. */
    public static ProcessRun of(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        return of(command, Map.of(), timeoutSeconds);
    }

    /** Runs {@code command} with {@code environment} added to ours, to its end, collecting both streams. */
    public static ProcessRun of(List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = inFreshDirectory(command);
        builder.environment().putAll(environment);
        return of(builder, timeoutSeconds);
    }

    /** Runs {@code command} in {@code directory}, to its end, collecting both streams. */
    public static ProcessRun in(Path directory, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        return of(new ProcessBuilder(command).directory(directory.toFile()), timeoutSeconds);
    }

    private static ProcessRun of(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = builder.command();
        Path out = Files.createTempFile("process-out", ".txt");
        Path err = Files.createTempFile("process-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish in " + timeoutSeconds + " s: " + command);
            }
            return new ProcessRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
