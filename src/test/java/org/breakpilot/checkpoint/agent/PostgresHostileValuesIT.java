package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.PostgresInspector;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HostileValuesHost} (values hard to capture: throwing getters, cycles, huge and mutated
 * collections, odd keys and strings) on the PostgreSQL store, in a 256 MB heap: the host runs as without
 * the agent, and every session reads back from the database exactly as its managers exported it at exit.
 */
class PostgresHostileValuesIT {

    private static final String HOST = "org.breakpilot.testhost.HostileValuesHost";
    private static final RetentionPolicy KEEP = new RetentionPolicy(1000, 1000, 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path exports;


    @Test
    void hostileValuesReadBackFromTheDatabaseAsTheManagersHeldThem() throws Exception {
        ProcessRun without = HostJvm.run(null, List.of("-Xmx256m"), HOST);
        ProcessRun with = HostJvm.run(database.agentOptions() + ",maxCheckpoints=1000,compressAfter=1000,exportOnExit="
                + exports, List.of("-Xmx256m"), HOST);
        SameHostOutput.assertSame(without, with);

        int sessions = 0;
        try (PostgresInspector store = PostgresInspector.open(database.options(10_000, new WriteOptions(
                WriteOptions.Fsync.BATCH, 50, WriteOptions.OnFull.DROP, 1, 1_000, KEEP, 0, JsonReadLimits.DEFAULT,
                JournalEncoding.plain())));
             Stream<Path> files = Files.list(exports)) {
            for (Path file : files.sorted().toList()) {
                JsonNode exported = JSON.readTree(file.toFile());
                String session = exported.get(0).get("id").asText().replaceFirst(":\\d+$", "");
                JsonNode stored = JSON.readTree(store.session(session).orElseThrow().exportJson());
                assertEquals(exported, stored, session);
                sessions++;
            }
        }
        assertTrue(sessions > 5, sessions + " sessions exported");
    }
}
