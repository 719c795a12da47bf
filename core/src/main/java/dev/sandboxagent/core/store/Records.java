package dev.sandboxagent.core.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The record format of segment files: a 16-byte header (body length, CRC-32C of sequence and
 * body, sequence) then the body. The checksum lets recovery tell a torn or damaged record from
 * an intact one. A position is the segment number in the high 32 bits and the byte offset in
 * the low 32 bits.
 */
final class Records {

    static final int HEADER = 16;

    private Records() {
    }

    static int crc(long sequence, byte[] body, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, sequence));
        crc.update(body, offset, length);
        return (int) crc.getValue();
    }

    static void putHeader(ByteBuffer into, long sequence, byte[] body) {
        into.putInt(body.length).putInt(crc(sequence, body, 0, body.length)).putLong(sequence);
    }

    static long position(int segment, long offset) {
        return ((long) segment << 32) | offset;
    }

    static int segment(long position) {
        return (int) (position >>> 32);
    }

    static long offset(long position) {
        return position & 0xFFFFFFFFL;
    }

    static String segmentName(String kind, int segment) {
        return String.format("%s-%06d.seg", kind, segment);
    }
}
