package org.breakpilot.checkpoint.agent;

import static org.breakpilot.checkpoint.agent.KilledWriter.Kill.AFTER_FIRST_ACK;
import static org.breakpilot.checkpoint.agent.KilledWriter.Kill.AFTER_START;
import static org.breakpilot.checkpoint.agent.KilledWriter.Kill.AT_COMPACTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a JVM changing checkpoints with {@code fsync=always} from three threads at random moments,
 * again and again on the same journal. After every kill the journal must hold exactly what the
 * acknowledged changes give (the change under way may have landed or not), the next JVM must restore
 * exactly that, ids must only grow, and {@code journal verify} must pass. Plainly, and as a soak with
 * rewinds and forks by the application, {@code journal rewind} between some runs, and compaction
 * running all the time, some kills sent as a compaction starts and some during start-up, while the
 * agent restores the journal.
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
    void theJournalHoldsExactlyTheAcknowledgedCheckpointsAfterRepeatedSigkills() throws Exception {
        CrashSoak.Mix createsOnly = new CrashSoak.Mix(0, 0, "", List.of(AFTER_FIRST_ACK), 0);
        CrashSoak soak = new CrashSoak(dir, createsOnly).run(PLAIN_RUNS, 5);

        System.out.println("crash test: " + soak.report());
        assertEquals(0, soak.snapshotsSeen(), "this run is meant to have no compaction");
    }

    @Test
    void acknowledgedCreatesRewindsAndForksSurviveSigkillsDuringCompaction() throws Exception {
        // 30 rewinds and 5 forks per thousand changes, a segment sealed (and maybe compacted) every 4 KiB,
        // a journal rewind every 4th run.
        CrashSoak.Mix everything = new CrashSoak.Mix(30, 5, ",segmentBytes=4096",
                List.of(AFTER_FIRST_ACK, AT_COMPACTION, AFTER_FIRST_ACK, AT_COMPACTION, AFTER_START), 4);
        CrashSoak soak = new CrashSoak(dir, everything).run(SOAK_RUNS, 1);

        System.out.println("crash soak: " + soak.report());
        assertTrue(soak.figure("acknowledged rewinds") >= SOAK_RUNS / 2, "too few rewinds: "
                + soak.figure("acknowledged rewinds"));
        assertTrue(soak.figure("acknowledged forks") > 0, "no fork acknowledged");
        assertTrue(soak.figure("offline rewinds") > 0, "no journal rewind between runs");
        assertTrue(soak.snapshotsSeen() > 1, "compaction finished " + soak.snapshotsSeen() + " times");
        assertTrue(soak.segmentsDeleted() > 0, "compaction deleted no segment");
        assertTrue(soak.killsAtCompactionStart() > 0, "no kill came as a compaction started");
    }
}
