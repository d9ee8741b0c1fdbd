package org.breakpilot.checkpoint.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * One run of {@link org.breakpilot.testhost.CrashWriter} on a journal, SIGKILLed at a chosen moment:
 * a while after its first acknowledgement, as soon as a compaction starts writing its snapshot, or
 * during its start-up, while the agent restores the journal.
 */
final class KilledWriter {

    private static final byte[] ACK = "\nack ".getBytes(StandardCharsets.US_ASCII);

    /** What the kill waits for. */
    enum Kill {
        /** {@code millis} after the writer's first acknowledgement. */
        AFTER_FIRST_ACK,
        /** After the first acknowledgement, a compaction's creating its temporary snapshot, {@code millis} at most. */
        AT_COMPACTION,
        /** {@code millis} after the process started, acknowledged or not. */
        AFTER_START
    }

    /** When to kill the writer. */
    record KillMoment(Kill kill, int millis) {
    }

    /**
     * What one run left behind.
     *
     * @param lines              every complete line it printed, in order
     * @param killedAtCompaction whether the kill was sent as a compaction started writing
     */
    record Run(List<String> lines, boolean killedAtCompaction) {
    }

    private KilledWriter() {
    }

    /** Starts the writer on {@code dir} with the agent options and arguments given, and kills it at {@code moment}. */
    static Run run(Path dir, String agentOptions, List<String> writerArgs, KillMoment moment) throws Exception {
        Jvm command = Jvm.target().agent("dir=" + dir + "," + agentOptions).hostClassPath()
                .main("org.breakpilot.testhost.CrashWriter", writerArgs.toArray(String[]::new));
        Path out = Files.createTempFile("crash-writer", ".out");
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            Process writer = command.inFreshDirectory().redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (moment.kill() != Kill.AFTER_START) {
                awaitFirstAck(writer, out);
            }
            boolean atCompaction = false;
            if (moment.kill() == Kill.AT_COMPACTION) {
                atCompaction = awaitSnapshotWrite(watch, moment.millis());
            } else {
                // The kill's moment is the point here: a random time into the run, not a condition to wait for.
                Thread.sleep(moment.millis());
            }
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the killed writer did not end");
            return new Run(completeLines(out), atCompaction);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Polls the writer's output (at most a minute) until it has acknowledged a change. Reads only what
     * is new each time: the restored history it prints first can be large, and the writer needs the CPU.
     */
    private static void awaitFirstAck(Process writer, Path out) throws IOException {
        try (SeekableByteChannel output = Files.newByteChannel(out)) {
            // The last bytes read stay in the window, so that "\nack " split over two reads is found.
            ByteBuffer window = ByteBuffer.allocate(1 << 16);
            await("the writer's first acknowledgement").atMost(Duration.ofMinutes(1)).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
                        boolean acknowledged = readsAck(output, window);
                        assertTrue(acknowledged || writer.isAlive(), "the writer ended, having acknowledged nothing");
                        return acknowledged;
                    });
        }
    }

    /** Reads what is new in {@code output} through {@code window}; whether it held an acknowledgement. */
    private static boolean readsAck(SeekableByteChannel output, ByteBuffer window) throws IOException {
        for (int read = 1; read > 0; ) {
            read = output.read(window);
            for (int at = 0; at + ACK.length <= window.position(); at++) {
                if (Arrays.equals(window.array(), at, at + ACK.length, ACK, 0, ACK.length)) {
                    return true;
                }
            }
            int keep = Math.min(window.position(), ACK.length - 1);
            window.flip().position(window.limit() - keep);
            window.compact();
        }
        return false;
    }

    /**
     * The complete lines in the writer's output, leaving out a last one the kill cut short. Read from a
     * file, not a pipe: reading a pipe while the JDK notices the process ended loses its last lines
     * (the reader gets "Stream closed").
     */
    private static List<String> completeLines(Path out) throws IOException {
        String text = Files.readString(out, StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\n", -1));
        return lines.subList(0, lines.size() - 1);
    }

    /** Waits (at most {@code millis}) for a compaction, begun from now on, to create its temporary snapshot. */
    private static boolean awaitSnapshotWrite(WatchService watch, int millis) throws InterruptedException {
        for (WatchKey earlier = watch.poll(); earlier != null; earlier = watch.poll()) {
            earlier.pollEvents();
            earlier.reset();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
            if (key == null) {
                return false;
            }
            boolean started = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                String name = String.valueOf(event.context());
                started |= name.startsWith("snapshot-") && name.endsWith(".tmp");
            }
            key.reset();
            if (started) {
                return true;
            }
        }
        return false;
    }
}
