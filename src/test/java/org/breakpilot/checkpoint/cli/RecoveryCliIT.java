package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;

/** Rewind and fork on a live JVM, the offline journal tools, and a second JVM on a journal in use. */
class RecoveryCliIT {

    @TempDir
    Path dir;

    private ScriptedHost host() throws Exception {
        return new ScriptedHost(Jvm.targetJava(),
                List.of(Jvm.javaagent("dir=" + dir + ",fsync=always")));
    }

    @Test
    void rewindAndForkLiveThenInspectRewindAndVerifyOffline() throws Exception {
        try (ScriptedHost host = host()) {
            for (int value = 1; value <= 5; value++) {
                host.step("orders", value);
            }
            ProcessRun rewound = CliRun.of("rollback", host.pid, "orders:2", "--rewind");
            assertEquals("rewound session orders to orders:2: 3 checkpoints after it removed\n", rewound.stdout(),
                    rewound.stderr());
            ProcessRun forked = CliRun.of("fork", host.pid, "orders:2", "--as", "orders-retry");
            assertEquals("forked session orders at orders:2 into orders-retry\n", forked.stdout(), forked.stderr());
            ProcessRun summary = CliRun.of("summary", host.pid, "--session", "orders-retry");
            assertTrue(summary.stdout().contains("\"total_count\": 2"), summary.stdout() + summary.stderr());
            ProcessRun taken = CliRun.of("fork", host.pid, "orders:1", "--as", "orders-retry");
            assertEquals(1, taken.exitCode());
            assertEquals("checkpoint-agent: session 'orders-retry' already exists; fork into a new name\n", taken.stderr());
        }

        ProcessRun ls = CliRun.of("journal", "ls", "--dir", dir.toString());
        assertEquals(0, ls.exitCode(), ls.stderr());
        assertTrue(ls.stdout().lines().anyMatch(line -> line.matches("orders\\s+2\\s+5\\s+0\\s+open")), ls.stdout());
        assertTrue(ls.stdout().lines().anyMatch(line -> line.matches("orders-retry\\s+2\\s+2\\s+0\\s+open")), ls.stdout());
        ProcessRun export = CliRun.of("journal", "export", "--dir", dir.toString(), "--session", "orders-retry");
        assertTrue(export.stdout().contains("\"id\": \"orders-retry:1\"") && export.stdout().contains("\"id\": \"orders-retry:2\""),
                export.stdout());
        ProcessRun offlineRewind = CliRun.of("journal", "rewind", "--dir", dir.toString(), "--session", "orders", "--to", "orders:1");
        assertEquals("rewound session orders to orders:1: 1 checkpoints after it removed\n", offlineRewind.stdout(),
                offlineRewind.stderr());
        ProcessRun verify = CliRun.of("journal", "verify", "--dir", dir.toString());
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        assertTrue(verify.stdout().endsWith(": ok\n"), verify.stdout());

        try (ScriptedHost resumed = host()) {
            resumed.step("orders", 9);
            ProcessRun after = CliRun.of("export", resumed.pid, "--session", "orders");
            assertTrue(after.stdout().contains("\"id\": \"orders:1\"") && after.stdout().contains("\"id\": \"orders:6\"")
                    && !after.stdout().contains("\"id\": \"orders:2\""), "rewound, and ids are not reused: " + after.stdout());
        }
    }

    @Test
    void aSecondJvmOnAJournalInUseSaysSoInOneLineAndRunsInMemory() throws Exception {
        try (ScriptedHost owner = host()) {
            ProcessRun second = Jvm.target().agent("dir=" + dir).hostClassPath()
                    .main("org.breakpilot.testhost.ReplayHost", "0", "1").run(60);

            assertEquals(0, second.exitCode(), second.stderr());
            assertEquals("checkpoint-agent: checkpoint journal " + dir.toRealPath() + " is in use by process " + owner.pid
                    + "; this JVM keeps its checkpoints in memory only\n", second.stderr());
            assertTrue(second.stdout().contains("finish -> 31"), second.stdout());

            ProcessRun rewind = CliRun.of("journal", "rewind", "--dir", dir.toString(), "--session", "jmx-demo", "--to", "jmx-demo:1");
            assertEquals(1, rewind.exitCode());
            assertEquals("checkpoint-agent: checkpoint journal " + dir.toRealPath() + " is in use by process " + owner.pid
                    + "; while it runs, use: rollback <pid> jmx-demo:1 --rewind\n", rewind.stderr());
        }
    }

    @Test
    void journalToolsNameWhatIsWrong() throws Exception {
        ProcessRun missing = CliRun.of("journal", "ls", "--dir", dir.resolve("absent").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("checkpoint-agent: no directory " + dir.resolve("absent") + "\n", missing.stderr());
        ProcessRun empty = CliRun.of("journal", "verify", "--dir", dir.toString());
        assertEquals(2, empty.exitCode());
        assertTrue(empty.stderr().startsWith("checkpoint-agent: no checkpoint journal in " + dir), empty.stderr());
        ProcessRun noCommand = CliRun.of("journal");
        assertEquals(2, noCommand.exitCode());

        try (ScriptedHost host = host()) {
            host.step("orders", 1);
        }
        ProcessRun unknownSession = CliRun.of("journal", "export", "--dir", dir.toString(), "--session", "nope");
        assertEquals(2, unknownSession.exitCode());
        assertTrue(unknownSession.stderr().startsWith("checkpoint-agent: no session 'nope' in journal"), unknownSession.stderr());

        Path segment = segmentWithRecords();
        byte[] bytes = Files.readAllBytes(segment);
        int second = 8 + 8 + ByteBuffer.wrap(bytes, 8, 4).getInt();
        bytes[second + 8 + 10] ^= 0x20;
        Files.write(segment, bytes);
        ProcessRun damaged = CliRun.of("journal", "verify", "--dir", dir.toString());
        assertEquals(1, damaged.exitCode());
        assertTrue(damaged.stdout().contains("damaged at offset " + second), damaged.stdout());
        assertEquals("checkpoint-agent: journal " + dir + " has damaged records (see above)\n", damaged.stderr());
    }

    private Path segmentWithRecords() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-"))
                    .filter(f -> f.toFile().length() > 100).findFirst().orElseThrow();
        }
    }
}
