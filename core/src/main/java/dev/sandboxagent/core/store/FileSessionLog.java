package dev.sandboxagent.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One session's log on disk: {@code events-N.seg} (the wire JSON of each event),
 * {@code raw-N.seg} (the agent's raw JSON, read only for {@code include_raw}), {@code events.idx}
 * (16 bytes per event: the position of its event record and of its raw record or -1, so event
 * {@code n} is found at byte {@code 16(n-1)}) and {@code session.json} (the engine's metadata).
 * Appends go to buffers that the store's flusher writes out every few milliseconds (group
 * commit); a read of an event not yet written out writes the buffers out first.
 */
final class FileSessionLog implements SessionLogStore {

    static final String INDEX = "events.idx";
    static final String META = "session.json";
    private static final int ENTRY = 16;

    private final Path dir;
    private final SegmentFiles events;
    private final SegmentFiles raws;
    private final FileChannel index;
    private static final int MAX_PENDING = 8192;

    private final Object writeLock = new Object(); // held while writing out; appends only need this
    private List<Pending> pending = new ArrayList<>(); // appended, not yet written out; guarded by this
    // Written out under writeLock:
    private final ByteBuffer indexBuffer = ByteBuffer.allocate(ENTRY * 1024);
    private long indexWritten; // bytes of the index written to the file
    private boolean dirty;
    private volatile long last; // last appended sequence
    private volatile long written; // last sequence written out to the files

    private record Pending(long sequence, byte[] json, Supplier<byte[]> raw) {
    }

    FileSessionLog(Path dir, long segmentBytes, LogScan scan) throws IOException {
        this.dir = dir;
        this.events = new SegmentFiles(dir, "events", segmentBytes, scan.eventSegment(), scan.eventEnd());
        this.raws = new SegmentFiles(dir, "raw", segmentBytes, scan.rawSegment(), scan.rawEnd());
        this.index = FileChannel.open(dir.resolve(INDEX), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.last = scan.lastSequence();
        this.written = last;
        this.indexWritten = last * ENTRY;
    }

    @Override
    public void append(long sequence, byte[] json, Supplier<byte[]> rawJson) {
        boolean backlog;
        synchronized (this) {
            if (sequence != last + 1) {
                throw new IllegalStateException("sequence " + sequence + " appended after " + last);
            }
            pending.add(new Pending(sequence, json, rawJson));
            last = sequence;
            backlog = pending.size() >= MAX_PENDING;
        }
        if (backlog) { // the flusher is behind: the writer waits for the disk rather than filling memory
            try {
                flush();
            } catch (IOException e) {
                throw new StoreException("cannot write the event log in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Encodes and writes everything appended so far to the files (segments before the index that
     * points into them). Appends go on meanwhile: they only wait for the swap of the pending list.
     */
    void flush() throws IOException {
        synchronized (writeLock) {
            List<Pending> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            for (Pending p : batch) {
                byte[] raw = p.raw == null ? null : p.raw.get();
                long eventAt = events.append(p.sequence, p.json);
                long rawAt = raw == null ? -1 : raws.append(p.sequence, raw);
                if (indexBuffer.remaining() < ENTRY) {
                    writeIndex();
                }
                indexBuffer.putLong(eventAt).putLong(rawAt);
            }
            events.flush();
            raws.flush();
            writeIndex();
            written = batch.getLast().sequence;
            dirty = true;
        }
    }

    private void writeIndex() throws IOException {
        indexBuffer.flip();
        while (indexBuffer.hasRemaining()) {
            indexWritten += index.write(indexBuffer, indexWritten);
        }
        indexBuffer.clear();
    }

    @Override
    public void sync() {
        try {
            flush();
            synchronized (writeLock) {
                if (dirty) {
                    events.sync();
                    raws.sync();
                    index.force(false);
                    dirty = false;
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot sync the event log in " + dir + ": " + e.getMessage(), e);
        }
    }

    boolean needsFlush() {
        return written != last;
    }

    boolean needsSync() {
        synchronized (writeLock) {
            return dirty || written != last;
        }
    }

    private void ensureWritten(long sequence) throws IOException {
        if (written < sequence) {
            flush();
        }
    }

    @Override
    public List<StoredEvent> read(long after, int limit) {
        long end = Math.min(last, Math.max(0, after) + Math.max(0, limit));
        long from = Math.max(0, after);
        if (from >= end) {
            return List.of();
        }
        try {
            ensureWritten(end);
            ByteBuffer entries = readIndex(from, (int) (end - from));
            List<StoredEvent> out = new ArrayList<>((int) (end - from));
            for (long seq = from + 1; seq <= end; seq++) {
                long eventAt = entries.getLong();
                long rawAt = entries.getLong();
                out.add(new StoredEvent(seq, events.read(eventAt, seq), rawAt >= 0));
            }
            return out;
        } catch (IOException e) {
            throw new StoreException("cannot read the event log in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] raw(long sequence) {
        if (sequence < 1 || sequence > last) {
            return null;
        }
        try {
            ensureWritten(sequence);
            ByteBuffer entry = readIndex(sequence - 1, 1);
            long rawAt = entry.getLong(8);
            return rawAt < 0 ? null : raws.read(rawAt, sequence);
        } catch (IOException e) {
            throw new StoreException("cannot read raw JSON in " + dir + ": " + e.getMessage(), e);
        }
    }

    private ByteBuffer readIndex(long fromSequence, int count) throws IOException {
        ByteBuffer entries = ByteBuffer.allocate(count * ENTRY);
        long at = fromSequence * ENTRY;
        while (entries.hasRemaining()) {
            if (index.read(entries, at + entries.position()) < 0) {
                throw new IOException(INDEX + " ends before sequence " + (fromSequence + count));
            }
        }
        return entries.flip();
    }

    @Override
    public long lastSequence() {
        return last;
    }

    @Override
    public void writeMeta(byte[] json) {
        Path tmp = dir.resolve(META + ".tmp");
        try {
            Files.write(tmp, json);
            Files.move(tmp, dir.resolve(META), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot write " + dir.resolve(META) + ": " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            sync();
        } finally {
            synchronized (writeLock) {
                try {
                    events.close();
                    raws.close();
                    index.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
