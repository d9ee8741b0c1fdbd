package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.JournalInspector;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.testhost.DiskFullHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * A real agent JVM journaling onto a 1 MiB tmpfs until it is full: the host keeps running with its
 * output unchanged, {@code Dropped} rises, each warning is printed once; once the tmpfs is remounted
 * larger, what the writer held is written, new checkpoints follow, and a restarted JVM restores every
 * checkpoint that was not dropped, with the id counter. Needs root to mount the tmpfs (CI runs as
 * root); without it the test is skipped, saying why, and {@code JournalDiskFullTest} covers the same
 * by injection.
 */
class DiskFullIT {

    private static final RetentionPolicy KEEP_ALL = new RetentionPolicy(1_000_000, 1_000_000, 20);
    // A small queue, so that what waits for the full disk fills it quickly and drops are counted.
    private static final String OPTIONS = ",queueSize=1000,maxCheckpoints=1000000,compressAfter=1000000";

    @TempDir
    Path dir;

    @Test
    void aFullTmpfsLeavesTheHostRunningAndTheJournalResumesOnceItGrows() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "DiskFullIT needs root to mount a tmpfs (CI runs as root); JournalDiskFullTest covers this by injection");
        Path mount = Files.createDirectory(dir.resolve("tmpfs"));
        ProcessRun mounted = command("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mount.toString());
        assertEquals(0, mounted.exitCode(), "root could not mount a 1 MiB tmpfs on " + mount + ": " + mounted.stderr());
        try {
            fillRecoverAndRestart(mount.resolve("journal"), mount);
        } finally {
            ProcessRun unmounted = command("umount", mount.toString());
            assertEquals(0, unmounted.exitCode(), "could not unmount " + mount + ": " + unmounted.stderr());
        }
    }

    private void fillRecoverAndRestart(Path journal, Path mount) throws Exception {
        long issued = 0;
        long dropped;
        long bytesBeforeFull;
        String stderr;
        try (Host host = new Host("dir=" + journal + OPTIONS, dir.resolve("host-err.txt"))) {
            issued += host.write(500);
            await(() -> retained(journal) == 500, "the first checkpoints journaled");
            while (!host.stderr().contains("Cannot write checkpoint journal")) {
                assertTrue(issued < 100_000, "the 1 MiB tmpfs never filled: " + host.stderr());
                issued += host.write(500);
                // The writer is asynchronous: wait until it has written the burst or failed (and said so) before
                // the next, or bursts would pile up in the queue and be dropped before the disk is seen full.
                long written = issued;
                await(() -> retained(journal) == written || host.stderr().contains("Cannot write checkpoint journal"),
                        "the burst written, or the disk full");
            }
            bytesBeforeFull = journalBytes(journal);
            assertEquals(0, host.dropped(), "dropped before the disk was full");
            issued += host.write(20_000);
            dropped = host.dropped();
            assertTrue(dropped > 0, "nothing dropped with the disk full and 20 000 more calls");

            ProcessRun grown = command("mount", "-o", "remount,size=64m", mount.toString());
            assertEquals(0, grown.exitCode(), grown.stderr());
            long acknowledged = issued - dropped;
            await(() -> retained(journal) == acknowledged, "the " + acknowledged + " checkpoints not dropped journaled");
            issued += host.write(100);
            long all = issued;
            await(() -> retained(journal) == all - dropped, "new checkpoints journaled after the disk grew");
            stderr = host.closeAndStderr();
        }
        List<String> warnings = stderr.lines().toList();
        assertEquals(2, warnings.size(), stderr);
        assertEquals(1, warnings.stream().filter(l -> l.contains("Cannot write checkpoint journal")
                && l.contains("No space left on device")).count(), stderr);
        assertEquals(1, warnings.stream().filter(l -> l.contains("records behind")).count(), stderr);

        JournalInspector inspector = JournalInspector.read(journal, KEEP_ALL);
        assertFalse(inspector.damaged() || inspector.tornTail(), String.join("\n", inspector.fileReports()));
        assertEquals(issued, inspector.sessions().get(0).lastIdNumber());
        ProcessRun restart = HostJvm.run("dir=" + journal + OPTIONS, List.of(), DiskFullHost.class.getName(), "latest");
        assertEquals("latest disk:" + issued + " retained " + (issued - dropped), restart.stdout().strip(),
                restart.stderr());
        ProcessRun verify = Jvm.target().jar(Jvm.AGENT_JAR, "journal", "verify", "--dir", journal.toString(),
                "--max-checkpoints", "1000000", "--compress-after", "1000000").run(60);
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        System.out.printf("disk full: %d bytes journaled before the 1 MiB tmpfs filled; %d calls, %d dropped; warnings:%n"
                + "%s%nrestored after the remount: %s%n", bytesBeforeFull, issued, dropped, stderr, restart.stdout().strip());
    }

    private static long journalBytes(Path journal) throws IOException {
        try (var files = Files.list(journal)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static long retained(Path journal) {
        try {
            return JournalInspector.read(journal, KEEP_ALL).sessions().get(0).retained();
        } catch (IOException | RuntimeException notYet) {
            return -1;
        }
    }

    private static ProcessRun command(String... command) throws IOException, InterruptedException {
        return ProcessRun.of(List.of(command), 30);
    }

    private static void await(Callable<Boolean> condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(condition);
    }

    /** A running {@link DiskFullHost}, driven line by line; its stderr goes to a file. */
    private static final class Host implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;
        private final Path stderr;

        Host(String agentOptions, Path stderr) throws IOException {
            this.stderr = stderr;
            process = Jvm.target().agent(agentOptions).hostClassPath().main(DiskFullHost.class.getName())
                    .inFreshDirectory().redirectError(stderr.toFile()).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Makes {@code count} calls; checks the host's answer is what it prints without the agent. */
        int write(int count) throws IOException {
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += (long) i * i;
            }
            assertEquals("wrote " + count + " sum " + sum, ask("write " + count));
            return count;
        }

        long dropped() throws IOException {
            return Long.parseLong(ask("dropped").substring("dropped ".length()));
        }

        String stderr() {
            try {
                return Files.readString(stderr);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the host's input; it must exit 0. Returns its stderr. */
        String closeAndStderr() throws Exception {
            in.close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the host did not exit");
            assertEquals(0, process.exitValue(), stderr());
            return stderr();
        }

        private String ask(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            return out.readLine();
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
