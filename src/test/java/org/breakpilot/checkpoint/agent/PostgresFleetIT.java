package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.PostgresInspector;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three JVMs, each with 16 threads writing into 1 000 sessions of its own, against one database at once:
 * afterwards every session holds exactly the ids 1..N, none lost and none twice.
 */
class PostgresFleetIT {

    private static final int JVMS = 3;
    private static final int SESSIONS = 1_000;
    private static final int THREADS = 16;
    private static final int ROUNDS = 20;

    @RegisterExtension
    final TestDatabase database = new TestDatabase();


    @Test
    void sixteenThreadsTimesAThousandSessionsTimesThreeJvmsGiveEverySessionIdsOneToN() throws Exception {
        List<Process> fleet = new ArrayList<>();
        for (int jvm = 0; jvm < JVMS; jvm++) {
            fleet.add(Jvm.target().agent(database.agentOptions()).hostClassPath()
                    .main("org.breakpilot.testhost.FleetWriter", "jvm" + jvm, Integer.toString(SESSIONS),
                            Integer.toString(THREADS), Integer.toString(ROUNDS))
                    .inFreshDirectory().redirectErrorStream(true).start());
        }
        for (Process jvm : fleet) {
            String output = new String(jvm.getInputStream().readAllBytes());
            assertEquals(0, jvm.waitFor(), output);
            assertEquals("done " + SESSIONS * ROUNDS + " 0\n", output);
        }

        List<String> expected = LongStream.rangeClosed(1, ROUNDS).mapToObj(Long::toString).toList();
        try (PostgresInspector store = PostgresInspector.open(database.options(10_000, new WriteOptions(
                WriteOptions.Fsync.BATCH, 50, WriteOptions.OnFull.DROP, 1, 1_000, RetentionPolicy.DEFAULT, 0,
                JsonReadLimits.DEFAULT, JournalEncoding.plain())))) {
            assertEquals(JVMS * SESSIONS, store.sessions().size());
            for (int jvm = 0; jvm < JVMS; jvm++) {
                for (int n = 0; n < SESSIONS; n++) {
                    String session = "jvm" + jvm + "-" + n;
                    CheckpointManager stored = store.session(session).orElseThrow();
                    List<String> numbers = stored.getAll().stream().map(Checkpoint::id)
                            .map(id -> id.substring(session.length() + 1)).toList();
                    assertEquals(expected, numbers, session);
                }
            }
        }
    }
}
