package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.cli.CliRun;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline {@code journal} commands on a PostgreSQL store ({@code --jdbc-url} in place of {@code --dir}),
 * run as an operator would while samples/replay-job runs and after it was stopped: {@code ls} names the
 * owning JVM and its lease, {@code rewind} is refused while that JVM holds the lease and works once it stopped,
 * {@code export} and {@code verify} read what the job stored, and wrong arguments are one line each.
 */
class PostgresJournalCommandsIT {

    private static final String SESSION = "nightly-report";

    @TempDir
    static Path classes;
    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @BeforeAll
    static void compileTheSample() throws Exception {
        ReplayJobSample.compile(classes);
    }


    private static String[] store(String... command) {
        return Stream.concat(Stream.of(command), Stream.of("--jdbc-url", DATABASE.url, "--jdbc-user", DATABASE.user,
                "--jdbc-password-file", DATABASE.passwordFile.toAbsolutePath().toString(), "--jdbc-schema",
                DATABASE.schema)).toArray(String[]::new);
    }

    @Test
    void lsRewindExportAndVerifyWorkOnTheStoreAndRewindWaitsForTheOwnerToStop() throws Exception {
        // Steps of two seconds: the job still runs while the commands below look at it.
        Process job = ReplayJobSample.command(classes, 2_000, DATABASE.agentOptions() + ",fsync=always", SESSION)
                .inFreshDirectory().redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = ReplayJobSample.stdout(job)) {
            assertTrue(ReplayJobSample.readUntil(out, lines, "step 3 "), lines.toString());

            ProcessRun ls = CliRun.of(store("journal", "ls"));
            assertEquals(0, ls.exitCode(), ls.stderr());
            String row = ls.stdout().lines().filter(line -> line.startsWith(SESSION + " ")).findFirst().orElseThrow();
            assertTrue(row.contains(" pid " + job.pid() + " ") && row.contains(" live, "), ls.stdout());

            ProcessRun refused = CliRun.of(store("journal", "rewind", "--session", SESSION, "--to", SESSION + ":2"));
            assertEquals(1, refused.exitCode(), refused.stdout() + refused.stderr());
            assertEquals("checkpoint-agent: session '" + SESSION + "' is leased by ", refused.stderr().substring(0,
                    ("checkpoint-agent: session '" + SESSION + "' is leased by ").length()));
            assertTrue(refused.stderr().contains(" pid " + job.pid() + " for ") && refused.stderr().contains(
                    "; while it runs, use: rollback <pid> " + SESSION + ":2 --rewind"), refused.stderr());
            assertEquals(1, refused.stderr().lines().count(), refused.stderr());
            // Stopped as a service is stopped: its shutdown gives the lease up.
            job.destroy();
            assertTrue(job.waitFor(60, TimeUnit.SECONDS));
        }

        ProcessRun ended = CliRun.of(store("journal", "ls"));
        assertTrue(ended.stdout().lines().anyMatch(line -> line.startsWith(SESSION + " ") && line.contains(" ended ")),
                "an exiting JVM gives its leases up:\n" + ended.stdout());

        ProcessRun rewound = CliRun.of(store("journal", "rewind", "--session", SESSION, "--to", SESSION + ":2"));
        assertEquals(0, rewound.exitCode(), rewound.stderr());
        assertTrue(rewound.stdout().startsWith("rewound session " + SESSION + " to " + SESSION + ":2: "), rewound.stdout());

        Path exported = classes.resolve("export.json");
        ProcessRun export = CliRun.of(store("journal", "export", "--session", SESSION, "--out", exported.toString()));
        assertEquals(0, export.exitCode(), export.stderr());
        String json = Files.readString(exported);
        assertTrue(json.contains("\"" + SESSION + ":2\"") && !json.contains("\"" + SESSION + ":3\""), json);

        ProcessRun verify = CliRun.of(store("journal", "verify"));
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        assertTrue(verify.stdout().strip().endsWith(" sessions: ok"), verify.stdout());

        // The next run repeats the steps after the rewind point, and only those.
        ProcessRun rerun = ReplayJobSample.command(classes, DATABASE.agentOptions(), SESSION).run(120);
        assertEquals(0, rerun.exitCode(), rerun.stderr());
        List<String> ran = ReplayJobSample.ran(rerun.stdout().lines().toList());
        assertFalse(ran.contains("load-config") || ran.contains("aggregate north"), rerun.stdout());
        assertTrue(ran.contains("aggregate south"), rerun.stdout());
    }

    @Test
    void wrongArgumentsAreOneLineEachAndNeverShowThePassword() throws Exception {
        Path wrongPassword = Files.writeString(classes.resolve("wrong-password"), "xyzzy-not-it\n");
        List<List<String>> cases = List.of(
                List.of("journal", "ls"),
                List.of("journal", "ls", "--dir", classes.toString(), "--jdbc-url", DATABASE.url),
                List.of("journal", "ls", "--jdbc-url", DATABASE.url, "--jdbc-password-file", wrongPassword.toString()),
                List.of("journal", "ls", "--jdbc-url", DATABASE.url, "--jdbc-user", DATABASE.user),
                List.of("journal", "ls", "--jdbc-url", "jdbc:postgresql://u:secret@127.0.0.1/x", "--jdbc-user", "u",
                        "--jdbc-password-env", "PGPASS"),
                List.of("journal", "verify", "--jdbc-url", DATABASE.url, "--jdbc-user", DATABASE.user,
                        "--jdbc-password-file", wrongPassword.toString()),
                List.of("journal", "ls", "--jdbc-url", DATABASE.url, "--jdbc-user", DATABASE.user,
                        "--jdbc-password-file", DATABASE.passwordFile.toAbsolutePath().toString(), "--jdbc-schema",
                        "no_store_here"));
        List<String> expected = List.of(
                "give --dir D (a journal) or --jdbc-url URL (a PostgreSQL store)",
                "--dir and --jdbc-url were both given; give one",
                "--jdbc-url needs --jdbc-user",
                "--jdbc-url needs exactly one of --jdbc-password-env VAR and --jdbc-password-file F",
                "jdbcUrl must not hold a password",
                "password authentication failed",
                "no checkpoint store in schema 'no_store_here'");
        for (int i = 0; i < cases.size(); i++) {
            ProcessRun run = CliRun.of(cases.get(i).toArray(String[]::new));
            assertTrue(run.exitCode() == 1 || run.exitCode() == 2, cases.get(i) + ": " + run.exitCode());
            assertEquals(1, run.stderr().lines().count(), cases.get(i) + ":\n" + run.stderr());
            assertTrue(run.stderr().contains(expected.get(i)), cases.get(i) + ":\n" + run.stderr());
            assertFalse(run.stderr().contains("xyzzy") || run.stderr().contains("secret"), run.stderr());
        }
    }
}
