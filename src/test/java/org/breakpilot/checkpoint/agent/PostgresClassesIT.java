package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL driver and store are loaded only with {@code store=postgres}: a JVM on the journal (the
 * default) loads none of their classes, so that its start-up does not pay for them.
 */
class PostgresClassesIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path work;


    @Test
    void theJournalLoadsNoPostgresClassAndThePostgresStoreDoes() throws Exception {
        String journal = loadedClasses("dir=" + work.resolve("journal"), "journal");
        String postgres = loadedClasses(database.agentOptions(), "postgres");

        assertFalse(journal.contains("shaded.postgresql.") || journal.contains("checkpoint.store.Postgres"),
                journal.lines().filter(line -> line.contains("ostgres")).toList().toString());
        assertTrue(postgres.contains("shaded.postgresql.Driver") && postgres.contains("checkpoint.store.PostgresStore "),
                "the check would see them: " + postgres.lines().filter(line -> line.contains("ostgres")).count());
    }

    /** The class-loading log of a host that records one call with {@code agentOptions}. */
    private String loadedClasses(String agentOptions, String name) throws Exception {
        Path log = work.resolve(name + "-classes.log");
        ProcessRun run = Jvm.target().agent(agentOptions).option("-Xlog:class+load=info:file=" + log).hostClassPath()
                .main("org.breakpilot.testhost.FleetWriter", name, "1", "1", "1").run(60);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("done 1 0\n", run.stdout());
        return Files.readString(log);
    }
}
