package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** Runs the real CLI ({@link Jvm#cli}) in its own JVM; also for tests outside this package. */
public final class CliRun {

    private CliRun() {
    }

    /** Starts the CLI in the tests' working directory and leaves its streams to the caller (for {@code tail}). */
    public static Process start(String... args) throws IOException {
        return Jvm.cli(args).here().start();
    }

    /** Runs the CLI to its end, at most 60 s. */
    public static ProcessRun of(String... args) throws IOException, InterruptedException {
        return Jvm.cli(args).run(60);
    }
}
