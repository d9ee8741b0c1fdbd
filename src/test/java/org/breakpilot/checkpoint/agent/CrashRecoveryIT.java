package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a JVM changing checkpoints with {@code fsync=always} from three threads at random moments,
 * again and again on the same journal. After every kill the journal must hold exactly what the
 * acknowledged changes give (the change under way may have landed or not), the next JVM must restore
 * exactly that, ids must only grow, and {@code journal verify} must pass. Plainly, and as a soak with
 * rewinds, forks and compaction running all the time, some kills sent as a compaction starts.
 *
 * <p>{@code -Dcrash.cycles=N} sets the soak's runs (20 by default); {@code scripts/crash-soak.sh}
 * runs the soak alone with 50 or more.
 */
class CrashRecoveryIT {

    private static final int PLAIN_RUNS = 20;
    private static final int SOAK_RUNS = Integer.getInteger("crash.cycles", 20);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCheckpointSurvivesRepeatedSigkills() throws Exception {
        CrashSoak soak = new CrashSoak(dir, new CrashSoak.Mix(0, 0, "", 0)).run(PLAIN_RUNS, 5);

        System.out.println("crash test: " + soak.report());
        assertEquals(0, soak.snapshotsSeen(), "this run is meant to have no compaction");
    }

    @Test
    void acknowledgedCreatesRewindsAndForksSurviveSigkillsDuringCompaction() throws Exception {
        CrashSoak soak = new CrashSoak(dir, new CrashSoak.Mix(30, 5, ",segmentBytes=4096", 3)).run(SOAK_RUNS, 1);

        System.out.println("crash soak: " + soak.report());
        assertTrue(soak.figure("acknowledged rewinds") >= SOAK_RUNS / 2, "too few rewinds: "
                + soak.figure("acknowledged rewinds"));
        assertTrue(soak.figure("acknowledged forks") > 0, "no fork acknowledged");
        assertTrue(soak.snapshotsSeen() > 1, "compaction finished " + soak.snapshotsSeen() + " times");
        assertTrue(soak.segmentsDeleted() > 0, "compaction deleted no segment");
        assertTrue(soak.killsAtCompactionStart() > 0, "no kill came as a compaction started");
    }
}
