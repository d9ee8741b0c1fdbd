package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * Builds a sample of {@code samples/} with Maven ({@code mvn -B -q clean package}), once per test JVM,
 * against this build's api jar: the samples bring their frameworks from Maven Central in their own poms,
 * and need nothing of ours installed in the local repository. Clean, because the compiler does not see
 * that the api jar, a system dependency, changed: classes compiled against an older one would pass.
 * Prints how long each build took.
 */
final class SampleBuild {

    private static final Set<String> BUILT = new HashSet<>();

    private SampleBuild() {
    }

    /** The directory of sample {@code name}, packaged; fails the test with Maven's output when the build fails. */
    static synchronized Path packaged(String name) throws IOException, InterruptedException {
        Path sample = Path.of(System.getProperty("checkpoint.samples"), name).toAbsolutePath();
        if (BUILT.add(name)) {
            long start = System.nanoTime();
            ProcessRun build = ProcessRun.of(List.of(maven(), "-B", "-q", "-f", sample.resolve("pom.xml").toString(),
                    "clean", "package", "-Dcheckpoint.api.jar=" + Jvm.API_JAR), 900);
            if (build.exitCode() != 0) {
                BUILT.remove(name);
                throw new AssertionError("mvn package of samples/" + name + " failed:\n" + build.stdout() + build.stderr());
            }
            System.out.printf("built samples/%s in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
        }
        return sample;
    }

    /** The Maven running this build (failsafe passes its home), else {@code mvn} from the path. */
    private static String maven() {
        String home = System.getProperty("maven.home", "");
        return home.isEmpty() ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }
}
