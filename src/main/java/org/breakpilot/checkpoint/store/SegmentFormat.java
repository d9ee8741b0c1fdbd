package org.breakpilot.checkpoint.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a journal file: its encoding's header ({@link JournalEncoding#header()}), then
 * records, each framed as its payload length (4 bytes, big-endian), the CRC32C of the payload (4 bytes)
 * and the payload.
 */
final class SegmentFormat {

    static final int FRAME_OVERHEAD = 8;
    /** No record is larger; a length above it can only be damage. */
    static final int MAX_PAYLOAD = 256 * 1024 * 1024;

    private SegmentFormat() {
    }

    /** Appends the framed {@code payload} to {@code out}. */
    static void frame(byte[] payload, ByteBuffer out) {
        out.putInt(payload.length);
        out.putInt(crc(payload, 0, payload.length));
        out.put(payload);
    }

    /** The payload length of an intact frame at {@code offset}, or -1 when none starts there. */
    static int intactFrameAt(byte[] file, int offset) {
        if (offset + FRAME_OVERHEAD > file.length) {
            return -1;
        }
        int length = ByteBuffer.wrap(file, offset, FRAME_OVERHEAD).getInt();
        if (length < 1 || length > MAX_PAYLOAD || length > file.length - offset - FRAME_OVERHEAD) {
            return -1;
        }
        int expected = ByteBuffer.wrap(file, offset + 4, 4).getInt();
        return crc(file, offset + FRAME_OVERHEAD, length) == expected ? length : -1;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
