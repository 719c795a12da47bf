package dev.sandboxagent.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One kind of segment files of a session ({@code events-N.seg} or {@code raw-N.seg}): appends
 * records into a buffer that {@link #flush()} writes to the current segment (group commit), rolls
 * to a new segment past the size limit, and reads records back by position. Appends and flushes
 * are serialised by the caller; reads may run concurrently (positional reads).
 */
final class SegmentFiles implements AutoCloseable {

    private final Path dir;
    private final String kind;
    private final long segmentBytes;
    private final LogFiles files;
    private final ConcurrentMap<Integer, FileChannel> channels = new ConcurrentHashMap<>();
    private ByteBuffer buffer;
    private int segment;
    private long end; // offset in the current segment after the last appended record
    private long written; // offset in the current segment up to which the buffer was written
    private boolean dirty; // written since the last sync

    SegmentFiles(Path dir, String kind, long segmentBytes, int segment, long end, LogFiles files) {
        this.dir = dir;
        this.files = files;
        this.kind = kind;
        this.segmentBytes = segmentBytes;
        this.segment = segment;
        this.end = end;
        this.written = end;
        this.buffer = ByteBuffer.allocate(64 * 1024);
    }

    /** Appends a record; returns its position. */
    long append(long sequence, byte[] body) throws IOException {
        int size = Records.HEADER + body.length;
        if (end > 0 && end + size > segmentBytes) {
            flush();
            segment++;
            end = 0;
            written = 0;
        }
        if (buffer.remaining() < size) {
            flush();
            if (buffer.capacity() < size) {
                buffer = ByteBuffer.allocate(size);
            }
        }
        long position = Records.position(segment, end);
        Records.putHeader(buffer, sequence, body);
        buffer.put(body);
        end += size;
        return position;
    }

    /** Writes the buffered records to the current segment (to the OS, not yet to the device). */
    void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        FileChannel ch = channel(segment);
        while (buffer.hasRemaining()) {
            written += ch.write(buffer, written);
        }
        buffer.clear();
        dirty = true;
    }

    /** Flushes, then forces the current segment to the device. */
    void sync() throws IOException {
        flush();
        if (dirty) {
            channel(segment).force(false);
            dirty = false;
        }
    }

    /** Reads the body of the record at {@code position}; its sequence must be {@code sequence}. */
    byte[] read(long position, long sequence) throws IOException {
        FileChannel ch = channel(Records.segment(position));
        long offset = Records.offset(position);
        ByteBuffer header = ByteBuffer.allocate(Records.HEADER);
        readFully(ch, header, offset);
        int length = header.getInt(0);
        if (length < 0 || length > segmentBytes || header.getLong(8) != sequence) {
            throw new IOException(Records.segmentName(kind, Records.segment(position)) + ": no record of sequence "
                    + sequence + " at byte " + offset);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(ch, body, offset + Records.HEADER);
        return body.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            int n = ch.read(into, at + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of segment at byte " + (at + into.position()));
            }
        }
    }

    private FileChannel channel(int number) throws IOException {
        FileChannel ch = channels.get(number);
        if (ch != null) {
            return ch;
        }
        synchronized (channels) {
            ch = channels.get(number);
            if (ch == null) {
                ch = files.open(dir.resolve(Records.segmentName(kind, number)));
                channels.put(number, ch);
            }
            return ch;
        }
    }

    boolean hasUnwritten() {
        return buffer.position() > 0;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FileChannel ch : channels.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        channels.clear();
        if (failure != null) {
            throw failure;
        }
    }

    static boolean exists(Path dir, String kind, int segment) {
        return Files.exists(dir.resolve(Records.segmentName(kind, segment)));
    }
}
