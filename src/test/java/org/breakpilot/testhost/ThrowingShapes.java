package org.breakpilot.testhost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.breakpilot.checkpoint.api.Checkpoint;

/**
 * Annotated methods that end in a {@link Throwable} of each kind, for {@link ShapesHost}: an
 * application {@link Error}, a {@link StackOverflowError} from deep recursion, and an exception with a
 * cause and suppressed exceptions. Each is printed in full, so that runs with and without the agent
 * can be compared frame for frame.
 */
final class ThrowingShapes {

    private ThrowingShapes() {
    }

    /** An application's own {@link Error}, as frameworks throw for broken invariants. */
    static final class ShapeError extends Error {
        ShapeError(String message) {
            super(message);
        }
    }

    @Checkpoint
    static String throwsError(String why) {
        throw new ShapeError("error: " + why);
    }

    @Checkpoint
    static long recurseForever(long depth) {
        return recurseForever(depth + 1) + 1;
    }

    @Checkpoint
    static void failsWithCauseAndSuppressed(String file) throws IOException {
        IOException failure = new IOException("could not write " + file,
                new UncheckedIOException(new IOException("disk full")));
        failure.addSuppressed(new IllegalStateException("close failed too"));
        throw failure;
    }

    @Checkpoint
    int instanceThrowsChecked(int code) throws InterruptedException {
        throw new InterruptedException("interrupted with code " + code);
    }

    static void run() {
        ShapesHost.printThrown("throwsError", () -> throwsError("invariant"));
        ShapesHost.printThrown("failsWithCauseAndSuppressed", () -> {
            failsWithCauseAndSuppressed("report.csv");
            return null;
        });
        ShapesHost.printThrown("instanceThrowsChecked", () -> new ThrowingShapes().instanceThrowsChecked(3));
        printStackOverflow();
    }

    /**
     * Where the stack runs out (the top frame) varies from run to run even without an agent, so that
     * frame is left out; every frame below it must be the recursive call, at its own line.
     */
    static void printStackOverflow() {
        try {
            System.out.println("recurseForever = " + recurseForever(0));
        } catch (StackOverflowError e) {
            StackTraceElement[] frames = e.getStackTrace();
            Set<String> below = new TreeSet<>();
            for (int i = 1; i < frames.length; i++) {
                below.add(frames[i].toString());
            }
            System.out.println("recurseForever threw " + e + "; " + (frames.length - 1) + " frames below the top: "
                    + below);
        }
    }
}
