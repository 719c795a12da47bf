package dev.sandboxagent.bench;

import java.io.IOException;

/**
 * A follower of one session's SSE stream on its own platform thread: checks that sequences
 * come in order without gaps, and tells {@code onEvent} about each event.
 */
final class Follower implements AutoCloseable {
    interface OnEvent {
        void event(long sequence, String type, String data);
    }

    private final HttpConnection connection;
    private final Thread thread;
    private volatile boolean closing;

    Follower(DaemonProcess d, String session, long offset, Problems problems, OnEvent onEvent) throws IOException {
        connection = d.connect();
        HttpConnection.Streaming s = connection.stream("GET", "/v1/sessions/" + session + "/events/sse?close_at_end=true&offset="
                + offset, null);
        if (s.status() != 200) {
            connection.close();
            throw new IOException("SSE on " + session + ": HTTP " + s.status());
        }
        thread = Thread.ofPlatform().daemon().name("follower-" + session).start(() -> {
            SseReader r = new SseReader(s.body());
            long expected = offset + 1;
            try {
                while (r.next()) {
                    if (r.id() != expected) {
                        problems.add(session + ": expected event " + expected + ", got " + r.id());
                        expected = r.id();
                    }
                    expected++;
                    onEvent.event(r.id(), SseReader.type(r.data()), r.data());
                }
            } catch (IOException e) {
                if (!closing) {
                    problems.add(session + ": SSE stream failed: " + e);
                }
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        connection.close();
        thread.join(5_000);
    }
}
