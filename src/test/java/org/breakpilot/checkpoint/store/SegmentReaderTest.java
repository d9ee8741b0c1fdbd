package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Found by JournalFuzzTest: what verify reports must match what opening the journal does. */
class SegmentReaderTest {

    @TempDir
    Path dir;

    @Test
    void anEmptySegmentLeftByRepairIsCleanOnceRepaired() throws IOException {
        JournalDirectory journal = new JournalDirectory(dir);
        Files.write(journal.segment(1), new byte[] {'C', 'K'});
        JournalStore.open(JournalOptions.builder(dir).build()).close();

        JournalInspector reopened = JournalInspector.read(dir, RetentionPolicy.DEFAULT);

        assertFalse(reopened.tornTail(), String.join("; ", reopened.fileReports()));
        assertFalse(reopened.damaged());
    }

    @Test
    void aSnapshotWithADamagedEndIsDamageNotAnUnfinishedWrite() throws IOException {
        byte[] record = "{\"s\":\"job\",\"t\":\"clear\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(JournalEncoding.PLAIN_MAGIC.length + 2 * (SegmentFormat.FRAME_OVERHEAD
                + record.length)).put(JournalEncoding.PLAIN_MAGIC);
        SegmentFormat.frame(record, file);
        SegmentFormat.frame(record, file);
        byte[] bytes = file.array();
        bytes[bytes.length - 1] ^= 1;
        Files.write(new JournalDirectory(dir).snapshot(1), bytes);

        JournalInspector journal = JournalInspector.read(dir, RetentionPolicy.DEFAULT);

        assertTrue(journal.damaged(), String.join("; ", journal.fileReports()));
        assertFalse(journal.tornTail());
        assertEquals(1, journal.records());
    }
}
