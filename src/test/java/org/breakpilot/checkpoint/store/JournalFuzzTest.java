package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * Fuzzes the journal's readers with a damaged or hostile journal file. Whatever the bytes, the offline
 * reader ({@code journal verify/ls/export}) and the agent's {@link JournalStore#open} throw nothing, agree
 * on every session, and opening (which truncates a torn tail) loses nothing the offline reader saw.
 *
 * <p>The first byte of an input picks what the rest becomes: the raw bytes of a segment or of a
 * snapshot file, or the payloads (one per line) of frames whose length and CRC are right, so that the
 * fuzzer reaches the record decoder behind the CRC. For those, every frame must come back either as
 * a record or as reported damage: an undecodable record is never read as data, nor silently dropped.
 */
class JournalFuzzTest {

    private static final RetentionPolicy RETENTION = new RetentionPolicy(8, 6, 3);

    @FuzzTest(maxDuration = "10s")
    void anyJournalBytesAreReadOrReportedAsDamage(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("journal-fuzz");
        try {
            int mode = input.length == 0 ? 0 : input[0] & 3;
            byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
            JournalDirectory journal = new JournalDirectory(dir);
            Path file = mode % 2 == 0 ? journal.segment(1) : journal.snapshot(1);
            if (mode < 2) {
                Files.write(file, body);
            } else {
                List<byte[]> payloads = lines(body);
                Files.write(file, framed(payloads));
                SegmentReader.Report report = SegmentReader.read(file, false, JournalEncoding.plain(),
                        new RecordCodec.Decoder(JsonReadLimits.DEFAULT), record -> { });
                assertEquals(-1, report.tornTail(), report.describe());
                assertEquals(payloads.size(), report.records() + report.damaged().size(), report.describe());
            }
            checkReadersAgree(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static void checkReadersAgree(Path dir) throws IOException {
        Map<String, String> offline = sessions(JournalInspector.read(dir, RETENTION));
        Map<String, String> restored = new LinkedHashMap<>();
        try (JournalStore store = JournalStore.open(JournalOptions.builder(dir).fsync(WriteOptions.Fsync.NONE)
                .onFull(WriteOptions.OnFull.BLOCK).queueSize(1024).segmentBytes(1L << 20).retention(RETENTION)
                .maxReplaySteps(100).build())) {
            for (CheckpointManager manager : store.restored()) {
                restored.put(manager.sessionId(), describe(manager));
            }
        }
        assertEquals(offline, restored, "the offline reader and the agent restore different sessions");
        JournalInspector reopened = JournalInspector.read(dir, RETENTION);
        assertFalse(reopened.tornTail(), String.join("\n", reopened.fileReports()));
        assertEquals(offline, sessions(reopened), "opening the journal changed what it holds");
    }

    private static Map<String, String> sessions(JournalInspector journal) {
        Map<String, String> sessions = new LinkedHashMap<>();
        for (JournalInspector.SessionInfo session : journal.sessions()) {
            sessions.put(session.id(), describe(journal.session(session.id()).orElseThrow()));
        }
        return sessions;
    }

    private static String describe(CheckpointManager manager) {
        return manager.lastIdNumber() + " " + manager.exportJson();
    }

    /** The non-empty lines of {@code body}: compact JSON records never hold a raw line break. */
    private static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                if (i > start) {
                    lines.add(Arrays.copyOfRange(body, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] framed(List<byte[]> payloads) {
        int size = JournalEncoding.PLAIN_MAGIC.length;
        for (byte[] payload : payloads) {
            size += SegmentFormat.FRAME_OVERHEAD + payload.length;
        }
        ByteBuffer file = ByteBuffer.allocate(size).put(JournalEncoding.PLAIN_MAGIC);
        for (byte[] payload : payloads) {
            SegmentFormat.frame(payload, file);
        }
        return file.array();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
