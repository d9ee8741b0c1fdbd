package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL store the agent cannot use at start-up (no server answers; tables of a newer version than
 * the agent's) is one line on stderr, and the application runs with its checkpoints in memory.
 */
class PostgresUnavailableIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();


    @Test
    void noServerIsOneLineAndTheApplicationRuns() throws Exception {
        String options = database.agentOptions().replace(database.url, "jdbc:postgresql://127.0.0.1:1/checkpoint");

        ProcessRun run = recordOneCall(options);

        assertEquals("checkpoint-agent: cannot use the checkpoint store jdbc:postgresql://127.0.0.1:1/checkpoint: cannot"
                + " connect to jdbc:postgresql://127.0.0.1:1/checkpoint as " + database.user + ": ",
                run.stderr().substring(0, run.stderr().indexOf(": ", run.stderr().indexOf(" as ")) + 2));
        assertTrue(run.stderr().endsWith("; this JVM keeps its checkpoints in memory only\n"), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
    }

    @Test
    void tablesOfANewerVersionAreOneLineAndTheApplicationRuns() throws Exception {
        assertEquals("", recordOneCall(database.agentOptions()).stderr(), "the first run makes the tables");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("update " + database.schema + ".schema_version set version = 99");
        }

        ProcessRun run = recordOneCall(database.agentOptions());

        assertEquals("checkpoint-agent: cannot use the checkpoint store " + database.url + ": the checkpoint tables in"
                + " schema '" + database.schema + "' are of version 99, newer than this agent's 1; use an agent of that"
                + " version or another jdbcSchema; this JVM keeps its checkpoints in memory only\n", run.stderr());
    }

    /** A host that records one call with {@code agentOptions}; it must run to its end as it would without them. */
    private static ProcessRun recordOneCall(String agentOptions) throws Exception {
        ProcessRun run = Jvm.target().agent(agentOptions).hostClassPath()
                .main("org.breakpilot.testhost.FleetWriter", "unavailable", "1", "1", "1").run(60);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("done 1 0\n", run.stdout());
        return run;
    }
}
