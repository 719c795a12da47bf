package dev.sandboxagent.client;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.FollowMode;
import dev.sandboxagent.core.schema.json.EventJsonDecoder;
import dev.sandboxagent.core.schema.UniversalEvent;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A session's events read from the daemon's SSE route by a virtual thread of its own, which
 * reconnects with {@code Last-Event-ID} whenever the connection breaks, so every event arrives
 * exactly once and in order. With a {@link TurnFilter} it is one turn's stream. A
 * {@link FollowMode#UNTIL_END} stream asks the daemon to end it with the session
 * ({@code close_at_end=true}); a {@link FollowMode#LIVE} one stays through the end and ends when
 * the session is deleted (or when the daemon stays unreachable). The queue
 * between reader and consumer is bounded: a consumer that stops reading stops the reader, and
 * the daemon's writes after it. Closing stops the reader and closes the connection at once.
 */
final class RemoteEventStream implements EventStream {

    /** Batches in flight between reader and consumer; a batch is what one read from the socket held. */
    private static final int QUEUE = 64;
    private static final int BATCH = 512;
    private static final Object END = new Object();
    /** The daemon's query parameter that ends the stream with the session. */
    private static final String CLOSE_AT_END = "close_at_end";

    private final Transport transport;
    private final String sessionId;
    private final TurnFilter turn; // null: the whole session
    private final boolean untilEnd;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream body;
    private volatile long received; // sequence of the last event read from the daemon
    private boolean finished;
    private long position;

    RemoteEventStream(Transport transport, String sessionId, long offset, FollowMode mode, TurnFilter turn) {
        this.transport = transport;
        this.sessionId = sessionId;
        this.turn = turn;
        this.untilEnd = mode == FollowMode.UNTIL_END;
        this.received = offset;
        this.position = offset;
        HttpResponse<InputStream> first = connect(offset); // fails here, in the caller, like the engine
        this.body = first.body();
        this.reader = Thread.ofVirtual().name("sandbox-client-sse-" + sessionId).unstarted(this::read);
        transport.opened(this);
        reader.start();
    }

    /** The sequence of the last event handed out. */
    long position() {
        return position;
    }

    @Override
    public boolean isFinished() {
        return finished || closed;
    }

    /**
     * The next events, waiting up to {@code maxWait}; empty when none arrived in time or the
     * stream is finished. A failure the stream cannot recover from (the daemon unreachable for
     * longer than the reconnect policy allows, the session gone) is thrown here, once.
     */
    @Override
    public List<UniversalEvent> poll(Duration maxWait) throws InterruptedException {
        if (isFinished()) {
            return List.of();
        }
        Object item = queue.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            return List.of();
        }
        if (item instanceof Undecoded batch) {
            List<UniversalEvent> events = batch.decode();
            position = events.getLast().sequence();
            return events;
        }
        if (item instanceof List<?> batch) {
            @SuppressWarnings("unchecked")
            List<UniversalEvent> events = (List<UniversalEvent>) batch;
            position = events.getLast().sequence();
            return events;
        }
        finished = true;
        if (item instanceof RuntimeException failure) {
            throw failure;
        }
        return List.of();
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        closeQuietly(body);
        transport.closed(this);
    }

    private HttpResponse<InputStream> connect(long after) {
        var request = transport.stream(RemoteSessionService.path(sessionId) + "/events/sse?include_raw=true"
                        + (untilEnd ? "&" + CLOSE_AT_END + "=true" : ""))
                .header("Accept", "text/event-stream");
        if (after > 0) {
            request.header("Last-Event-ID", Long.toString(after));
        }
        return transport.open(request.GET().build());
    }

    private void read() {
        int failures = 0;
        RuntimeException lastError = null;
        try {
            while (!closed) {
                long before = received;
                try {
                    if (readToEnd()) {
                        queue.put(END);
                        return;
                    }
                } catch (IOException e) {
                    lastError = new DaemonUnreachableException(transport.endpoint(), "reading the events of session '"
                            + sessionId + "'", e);
                } finally {
                    closeQuietly(body);
                }
                if (closed) {
                    return;
                }
                if (untilEnd && sessionOver()) {
                    queue.put(END);
                    return;
                }
                failures = received > before ? 1 : failures + 1; // events since the last break reset the count
                body = null;
                while (body == null) {
                    if (failures > transport.reconnect().maxAttempts()) {
                        queue.put(lastError != null ? lastError : new DaemonUnreachableException(transport.endpoint(),
                                "the event stream of session '" + sessionId + "' kept ending early",
                                new IOException(failures + " connections in a row ended without an event")));
                        return;
                    }
                    Thread.sleep(transport.reconnect().delay(failures).toMillis());
                    try {
                        body = connect(received).body();
                    } catch (DaemonUnreachableException e) {
                        lastError = e;
                        failures++;
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (SandboxException e) {
            if (!closed) {
                offer(e.type() == ErrorType.SESSION_NOT_FOUND ? END : e); // deleted meanwhile: ended, as in process
            }
        } catch (RuntimeException e) {
            if (!closed) {
                offer(e);
            }
        } finally {
            transport.closed(this); // nothing left to close but the queue
        }
    }

    /**
     * Reads events until the connection ends (false) or the turn's last event was read (true). A
     * session's stream goes on until the daemon ends it, as the engine's does: nothing tells an
     * end from a cut connection but asking the daemon ({@link #sessionOver()}).
     */
    private boolean readToEnd() throws IOException, InterruptedException {
        if (turn == null) {
            return readUndecoded();
        }
        SseReader frames = new SseReader(body);
        List<UniversalEvent> batch = new ArrayList<>();
        try {
            SseReader.Frame f;
            while ((f = frames.next()) != null) {
                UniversalEvent e = EventJsonDecoder.decode(f.data());
                if (e.sequence() <= received) {
                    continue; // already read before a reconnection
                }
                received = e.sequence();
                if (turn == null || turn.accept(e)) {
                    batch.add(e);
                }
                if (turn != null && turn.finished()) {
                    return true;
                }
                if (!frames.hasBuffered() || batch.size() >= BATCH) {
                    hand(batch); // about to wait for the socket: hand out what arrived
                    batch = new ArrayList<>();
                }
            }
            return false;
        } finally {
            hand(batch);
        }
    }

    /**
     * A whole session's stream: the reader thread only splits frames (the sequence is the frame's
     * {@code id}); the consumer decodes the JSON in {@link #poll}, so reading the socket and
     * decoding run on two threads at once. Returns false when the connection ends.
     */
    private boolean readUndecoded() throws IOException, InterruptedException {
        SseReader frames = new SseReader(body);
        Undecoded batch = new Undecoded();
        try {
            SseReader.Frame f;
            while ((f = frames.next()) != null) {
                long sequence = f.id() != null ? parseSequence(f.id()) : EventJsonDecoder.decode(f.data()).sequence();
                if (sequence <= received) {
                    continue; // already read before a reconnection
                }
                received = sequence;
                batch.add(f.data());
                if (!frames.hasBuffered() || batch.size() >= BATCH) {
                    handUndecoded(batch);
                    batch = new Undecoded();
                }
            }
            return false;
        } finally {
            handUndecoded(batch);
        }
    }

    private static long parseSequence(String id) throws IOException {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new IOException("an SSE event id that is not a sequence number: '" + id + "'");
        }
    }

    private void handUndecoded(Undecoded batch) throws InterruptedException {
        if (batch.size() > 0 && !closed) {
            queue.put(batch);
        }
    }

    /** Events as their JSON, decoded by the consumer. */
    private static final class Undecoded {
        private final List<String> json = new ArrayList<>();

        void add(String data) {
            json.add(data);
        }

        int size() {
            return json.size();
        }

        List<UniversalEvent> decode() {
            List<UniversalEvent> events = new ArrayList<>(json.size());
            for (String j : json) {
                events.add(EventJsonDecoder.decode(j));
            }
            return events;
        }
    }

    private void hand(List<UniversalEvent> batch) throws InterruptedException {
        if (!batch.isEmpty() && !closed) {
            queue.put(batch);
        }
    }

    /** An until-the-end stream ended without its last event: whether there is nothing more to read. */
    private boolean sessionOver() {
        try {
            var info = new RemoteSessionService(transport).getSession(sessionId);
            return info.ended() && received >= info.eventCount();
        } catch (DaemonUnreachableException e) {
            return false; // the reconnection will tell
        }
    }

    private void offer(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException ignored) {
            // closed
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
