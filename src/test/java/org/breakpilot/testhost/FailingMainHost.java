package org.breakpilot.testhost;

import java.io.IOException;

/**
 * A host whose first annotated call overflows the stack, so the agent records its first call with
 * the stack all but used up, and whose {@code main} then ends in an uncaught exception: the JVM
 * prints it on stderr and exits with 1.
 */
public final class FailingMainHost {

    private FailingMainHost() {
    }

    public static void main(String[] args) throws IOException {
        ThrowingShapes.printStackOverflow();
        ThrowingShapes.failsWithCauseAndSuppressed("final.csv");
    }
}
