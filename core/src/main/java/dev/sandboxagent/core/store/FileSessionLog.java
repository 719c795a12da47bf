package dev.sandboxagent.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One session's log on disk: {@code events-N.seg} (the wire JSON of each event),
 * {@code raw-N.seg} (the agent's raw JSON, read only for {@code include_raw}), {@code events.idx}
 * (16 bytes per event: the position of its event record and of its raw record or -1, so event
 * {@code n} is found at byte {@code 16(n-1)}) and {@code session.json} (the engine's metadata).
 * Appends go to buffers that the store's flusher writes out every few milliseconds (group
 * commit); a read of an event not yet written out writes the buffers out first.
 *
 * <p>When writing fails (disk full, file too large, unwritable directory) the log stops writing:
 * the events not written out, and any appended later, stay in memory, so readers still get every
 * event in this process; the files keep the prefix written before. {@link #failure()} says why,
 * and the listener given to {@link #onFailure} hears it once.
 */
final class FileSessionLog implements SessionLogStore {

    static final String INDEX = "events.idx";
    static final String META = "session.json";
    private static final int ENTRY = 16;

    private final Path dir;
    private final SegmentFiles events;
    private final SegmentFiles raws;
    private final FileChannel index;
    private final Consumer<String> metaFailed; // the store hears it: a session that cannot be created
    private static final int MAX_PENDING = 8192;

    private final Object writeLock = new Object(); // held while writing out; appends only need this
    // Appended, not yet written out (after a failure: every event after `written`); guarded by this.
    private List<Pending> pending = new ArrayList<>();
    private volatile String failure; // why writing stopped, or null
    private volatile Consumer<String> failureListener;
    // Written out under writeLock:
    private final ByteBuffer indexBuffer = ByteBuffer.allocate(ENTRY * 1024);
    private long indexWritten; // bytes of the index written to the file
    private boolean dirty;
    private volatile long last; // last appended sequence
    private volatile long written; // last sequence written out to the files

    private record Pending(long sequence, byte[] json, Supplier<byte[]> raw) {
    }

    FileSessionLog(Path dir, long segmentBytes, LogScan scan, LogFiles files, Consumer<String> metaFailed)
            throws IOException {
        this.dir = dir;
        this.metaFailed = metaFailed;
        this.events = new SegmentFiles(dir, "events", segmentBytes, scan.eventSegment(), scan.eventEnd(), files);
        this.raws = new SegmentFiles(dir, "raw", segmentBytes, scan.rawSegment(), scan.rawEnd(), files);
        this.index = files.open(dir.resolve(INDEX));
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
            backlog = failure == null && pending.size() >= MAX_PENDING;
        }
        if (backlog) { // the flusher is behind: the writer waits for the disk rather than filling memory
            flush();
        }
    }

    @Override
    public void onFailure(Consumer<String> listener) {
        this.failureListener = listener;
    }

    /** Why this log stopped writing to its files, or null while it writes. */
    String failure() {
        return failure;
    }

    /**
     * Encodes and writes everything appended so far to the files (segments before the index that
     * points into them). Appends go on meanwhile: they only wait for the swap of the pending list.
     * A failure is not thrown: the log keeps its unwritten events in memory from then on.
     */
    void flush() {
        synchronized (writeLock) {
            List<Pending> batch;
            synchronized (this) {
                if (failure != null || pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            try {
                write(batch);
            } catch (IOException | RuntimeException e) {
                fail(batch, e);
            }
        }
    }

    private void fail(List<Pending> batch, Exception e) {
        String why = "cannot write the event log in " + dir + ": "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        synchronized (this) {
            batch.addAll(pending); // in order: the failed batch, then what was appended meanwhile
            pending = batch;
            failure = why;
        }
        Consumer<String> listener = failureListener;
        if (listener != null) {
            listener.accept(why);
        }
    }

    /**
     * Raw records first, then the events, then the index: an event record found on disk after a
     * crash (or a failed write) always has its raw record there too, so recovery never serves an
     * event that lost its raw JSON.
     */
    private void write(List<Pending> batch) throws IOException {
        long[] rawAt = new long[batch.size()];
        for (int i = 0; i < rawAt.length; i++) {
            Pending p = batch.get(i);
            byte[] raw = p.raw == null ? null : p.raw.get();
            rawAt[i] = raw == null ? -1 : raws.append(p.sequence, raw);
        }
        raws.flush();
        for (int i = 0; i < rawAt.length; i++) {
            Pending p = batch.get(i);
            long eventAt = events.append(p.sequence, p.json);
            if (indexBuffer.remaining() < ENTRY) {
                writeIndex();
            }
            indexBuffer.putLong(eventAt).putLong(rawAt[i]);
        }
        events.flush();
        writeIndex();
        written = batch.getLast().sequence;
        dirty = true;
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
                if (dirty && failure == null) { // after a failure the buffers hold a torn record: leave the files
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

    private void ensureWritten(long sequence) {
        if (written < sequence) {
            flush();
        }
    }

    /** Event {@code sequence} after a failure, when it was not written out (only then). */
    private synchronized Pending held(long sequence) {
        return pending.get((int) (sequence - written - 1));
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
            long onFile = Math.min(end, written); // less only after a failure
            List<StoredEvent> out = new ArrayList<>((int) (end - from));
            if (from < onFile) {
                ByteBuffer entries = readIndex(from, (int) (onFile - from));
                for (long seq = from + 1; seq <= onFile; seq++) {
                    long eventAt = entries.getLong();
                    long rawAt = entries.getLong();
                    out.add(new StoredEvent(seq, events.read(eventAt, seq), rawAt >= 0));
                }
            }
            for (long seq = Math.max(from, onFile) + 1; seq <= end; seq++) {
                Pending p = held(seq);
                out.add(new StoredEvent(seq, p.json, p.raw != null));
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
            if (sequence > written) {
                Pending p = held(sequence);
                return p.raw == null ? null : p.raw.get();
            }
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
            StoreException failure = new StoreException("cannot write " + dir.resolve(META) + ": " + e.getMessage(), e);
            metaFailed.accept(failure.getMessage());
            throw failure;
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
