package dev.sandboxagent.core.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * Recovery of one session's log on start: reads every segment, checks each record (length,
 * checksum, sequence without gaps), cuts the files after the last intact record and rebuilds the
 * index from what remains. A record cut short at the very end of the last segment is a torn write
 * (the process or machine died mid-write): it is dropped silently, as it was never acknowledged.
 * Anything else that fails the checks is damage: the log ends before it and {@link #damage} says
 * where, so the engine can tell the session's readers.
 */
record LogScan(int eventSegment, long eventEnd, int rawSegment, long rawEnd, long lastSequence, String damage) {

    static LogScan fresh() {
        return new LogScan(1, 0, 1, 0, 0, null);
    }

    /** The result of scanning one kind of segments. */
    private record Kind(int segment, long end, long[] positions, long[] sequences, int count, String damage) {
    }

    static LogScan recover(Path dir, long segmentBytes) throws IOException {
        Kind events = scan(dir, "events", segmentBytes, seq -> true, 1);
        long last = events.count;
        Kind raws = scan(dir, "raw", segmentBytes, seq -> seq <= last, 0);
        long[] rawAt = new long[events.count];
        Arrays.fill(rawAt, -1);
        for (int i = 0; i < raws.count; i++) {
            rawAt[(int) raws.sequences[i] - 1] = raws.positions[i];
        }
        writeIndex(dir, events, rawAt);
        String damage = events.damage != null ? events.damage : raws.damage;
        return new LogScan(events.segment, events.end, raws.segment, raws.end, last, damage);
    }

    private static Kind scan(Path dir, String kind, long segmentBytes, LongPredicate accept, int firstSequence)
            throws IOException {
        int[] numbers = segments(dir, kind);
        long[] positions = new long[1024];
        long[] sequences = new long[1024];
        int count = 0;
        long previous = firstSequence - 1;
        for (int s = 0; s < numbers.length; s++) {
            Path file = dir.resolve(Records.segmentName(kind, numbers[s]));
            long size = Files.size(file);
            boolean lastSegment = s == numbers.length - 1;
            long offset = 0;
            String damage = null;
            try (InputStream raw = Files.newInputStream(file);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                while (offset < size) {
                    if (size - offset < Records.HEADER) {
                        damage = lastSegment ? null : "a record header is cut short";
                        break;
                    }
                    int length = in.readInt();
                    int crc = in.readInt();
                    long seq = in.readLong();
                    if (length < 0 || length > segmentBytes) {
                        damage = "a record has an impossible length " + length;
                        break;
                    }
                    if (size - offset - Records.HEADER < length) {
                        damage = lastSegment ? null : "a record is cut short";
                        break;
                    }
                    byte[] body = in.readNBytes(length);
                    boolean inOrder = firstSequence == 1 ? seq == previous + 1 : seq > previous;
                    if (!inOrder || !accept.test(seq) || Records.crc(seq, body, 0, length) != crc) {
                        boolean tornTail = lastSegment && offset + Records.HEADER + length == size && inOrder
                                && accept.test(seq);
                        damage = tornTail ? null : !accept.test(seq) ? null
                                : "record of sequence " + seq + " fails its checksum or order";
                        break;
                    }
                    if (count == positions.length) {
                        positions = Arrays.copyOf(positions, count * 2);
                        sequences = Arrays.copyOf(sequences, count * 2);
                    }
                    positions[count] = Records.position(numbers[s], offset);
                    sequences[count++] = seq;
                    previous = seq;
                    offset += Records.HEADER + length;
                }
            }
            if (offset < size || !lastSegment) {
                if (offset < size) {
                    cut(file, offset);
                }
                if (damage != null || offset < size) {
                    for (int later = s + 1; later < numbers.length; later++) {
                        Files.delete(dir.resolve(Records.segmentName(kind, numbers[later])));
                    }
                    String where = damage == null ? null : Records.segmentName(kind, numbers[s]) + " is damaged at byte "
                            + offset + " (" + damage + ")";
                    return new Kind(numbers[s], offset, positions, sequences, count, where);
                }
            }
            if (lastSegment) {
                return new Kind(numbers[s], offset, positions, sequences, count, null);
            }
        }
        return new Kind(1, 0, positions, sequences, count, null);
    }

    private static int[] segments(Path dir, String kind) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(kind + "-") && n.endsWith(".seg"))
                    .mapToInt(n -> Integer.parseInt(n.substring(kind.length() + 1, n.length() - 4)))
                    .sorted().toArray();
        }
    }

    private static void cut(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void writeIndex(Path dir, Kind events, long[] rawAt) throws IOException {
        Path tmp = dir.resolve(FileSessionLog.INDEX + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(16 * 4096);
            for (int i = 0; i < events.count; i++) {
                if (!buf.hasRemaining()) {
                    ch.write(buf.flip());
                    buf.clear();
                }
                buf.putLong(events.positions[i]).putLong(rawAt[i]);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
        Files.move(tmp, dir.resolve(FileSessionLog.INDEX), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
