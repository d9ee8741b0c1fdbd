package org.breakpilot.checkpoint.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code java} launchers of the integration tests: the one the applications under the agent run on
 * (the JDK under test, {@code -Dcheckpoint.target.java}; the build runs the suite once on the tests' own
 * JDK and once on JDK 25) and the one our CLI and JMX clients run on (always the tests' own).
 */
public final class Launchers {

    /** Where the JDK 25 of these machines is. */
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private Launchers() {
    }

    /** The launcher of the applications under test. */
    public static String target() {
        String target = System.getProperty("checkpoint.target.java", "");
        return target.isEmpty() ? tools() : target;
    }

    /** JDK 25's launcher, for tests that need it by name; they are skipped, saying so, where it is missing. */
    public static String jdk25() {
        assumeTrue(Files.isExecutable(JDK_25), "no JDK 25 at " + JDK_25 + ": the JDK 25 run is skipped");
        return JDK_25.toString();
    }

    /** The launcher of our tools: the JVM running the tests. */
    public static String tools() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
