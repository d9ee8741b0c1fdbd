package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the records of one journal file, checking every frame. A damaged frame is never read as
 * data: the reader looks for the next intact frame and reports the bytes it skipped. Damage that
 * runs to the end of the file is a torn tail — a write the process did not finish — which is
 * truncated when asked to repair.
 */
final class SegmentReader {

    /** A damaged range that was skipped. */
    record Damage(long offset, long length, String reason) {
    }

    /**
     * What reading one file found.
     *
     * @param records   intact records read
     * @param damaged   damaged ranges in the middle, each skipped
     * @param tornTail  the offset of a torn tail, or -1 when the file ends cleanly
     * @param tailBytes how many bytes the torn tail has
     */
    record Report(Path file, int records, List<Damage> damaged, long tornTail, long tailBytes) {
        boolean clean() {
            return damaged.isEmpty() && tornTail < 0;
        }

        /** One line: the file, its records, and each damaged range with its offset. */
        String describe() {
            StringBuilder line = new StringBuilder(file.getFileName().toString()).append(": ").append(records)
                    .append(records == 1 ? " record" : " records");
            for (Damage damage : damaged) {
                line.append("; damaged at offset ").append(damage.offset()).append(" (").append(damage.length())
                        .append(" bytes skipped: ").append(damage.reason()).append(')');
            }
            if (tornTail >= 0) {
                line.append("; torn tail at offset ").append(tornTail).append(" (").append(tailBytes)
                        .append(" bytes of an unfinished write)");
            }
            return line.toString();
        }
    }

    private SegmentReader() {
    }

    /**
     * Hands each intact record of {@code file} to {@code records}, in order. A record whose frame is
     * intact but whose content cannot be decoded is reported as damage too.
     *
     * @param repairTail whether to truncate a torn tail off the file
     * @throws JournalEncoding.JournalFormatException when the file is a journal file of another encoding or
     *                                                key, which must not be read at all
     */
    static Report read(Path file, boolean repairTail, JournalEncoding encoding, RecordCodec.Decoder decoder,
                       Consumer<JournalRecord> records)
            throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Damage> damaged = new ArrayList<>();
        if (bytes.length == 0) {
            // Created and never written, or a header-less file that repair truncated: nothing to read or repair.
            return new Report(file, 0, damaged, -1, 0);
        }
        byte[] header = encoding.header();
        if (!JournalEncoding.startsWith(bytes, header)) {
            if (bytes.length < header.length && Arrays.equals(bytes, 0, bytes.length, header, 0, bytes.length)) {
                // A file created just before a crash, its header not all written.
                if (repairTail) {
                    truncate(file, 0);
                }
                return new Report(file, 0, damaged, 0, bytes.length);
            }
            encoding.refuseForeignHeader(file, bytes);
            damaged.add(new Damage(0, bytes.length, "not a checkpoint journal file (no CKPTJN header)"));
            return new Report(file, 0, damaged, -1, 0);
        }
        JournalEncoding.RecordReader reader = encoding.newReader(decoder);
        int count = 0;
        int offset = header.length;
        while (offset < bytes.length) {
            int length = SegmentFormat.intactFrameAt(bytes, offset);
            if (length < 0) {
                int next = nextIntactFrame(bytes, offset + 1);
                if (next < 0) {
                    if (repairTail) {
                        truncate(file, offset);
                    }
                    return new Report(file, count, damaged, offset, bytes.length - offset);
                }
                damaged.add(new Damage(offset, next - offset, "frame fails its length or CRC32C check"));
                offset = next;
                continue;
            }
            byte[] payload = Arrays.copyOfRange(bytes, offset + SegmentFormat.FRAME_OVERHEAD,
                    offset + SegmentFormat.FRAME_OVERHEAD + length);
            try {
                records.accept(reader.decode(payload));
                count++;
            } catch (IllegalArgumentException undecodable) {
                damaged.add(new Damage(offset, SegmentFormat.FRAME_OVERHEAD + length,
                        "intact frame with an unreadable record: " + undecodable.getMessage()));
            }
            offset += SegmentFormat.FRAME_OVERHEAD + length;
        }
        return new Report(file, count, damaged, -1, 0);
    }

    /**
     * Reads a file that is only ever published whole, by a rename (a snapshot): damage at its end is
     * not an unfinished write but lost records, so it is reported as damage and never repaired.
     */
    static Report readWhole(Path file, JournalEncoding encoding, RecordCodec.Decoder decoder,
                            Consumer<JournalRecord> records) throws IOException {
        Report report = read(file, false, encoding, decoder, records);
        if (report.tornTail() < 0) {
            return report;
        }
        List<Damage> damaged = new ArrayList<>(report.damaged());
        damaged.add(new Damage(report.tornTail(), report.tailBytes(), "damaged end of a file written whole"));
        return new Report(file, report.records(), damaged, -1, 0);
    }

    private static int nextIntactFrame(byte[] bytes, int from) {
        for (int offset = from; offset + SegmentFormat.FRAME_OVERHEAD <= bytes.length; offset++) {
            if (SegmentFormat.intactFrameAt(bytes, offset) >= 0) {
                return offset;
            }
        }
        return -1;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }
}
