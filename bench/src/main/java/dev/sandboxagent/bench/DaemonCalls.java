package dev.sandboxagent.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP calls the workloads share: checked calls, session set-up and clean-up, one streamed turn. */
final class DaemonCalls {

    private DaemonCalls() {
    }

    static void expect(HttpConnection.Response r, int status, String what) throws IOException {
        if (r.status() != status) {
            throw new IOException(what + ": HTTP " + r.status() + " " + r.body());
        }
    }

    static void createSession(HttpConnection c, String id, String body) throws IOException {
        expect(c.call("POST", "/v1/sessions/" + id, body), 200, "create session " + id);
    }

    static void deleteSession(DaemonProcess d, String id) {
        try (HttpConnection c = d.connect()) {
            c.call("DELETE", "/v1/sessions/" + id, null);
        } catch (IOException ignored) {
            // cleanup only
        }
    }

    /** Deletes every session the daemon lists; returns how many there were. */
    static int deleteAllSessions(DaemonProcess d) throws IOException {
        List<String> ids = new ArrayList<>();
        try (HttpConnection c = d.connect()) {
            HttpConnection.Response r = c.call("GET", "/v1/sessions", null);
            expect(r, 200, "list sessions");
            Matcher m = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(r.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        ids.forEach(id -> deleteSession(d, id));
        return ids.size();
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Posts {@code message} to {@code session} with {@code /messages/stream} and reads the stream
     * until that turn's {@code turn.ended}; fails with {@code noEnd} when the stream ends first.
     */
    static void streamTurn(HttpConnection c, String session, String message, String noEnd) throws IOException {
        HttpConnection.Streaming s = c.stream("POST", "/v1/sessions/" + session + "/messages/stream", message);
        if (s.status() != 200) {
            throw new IOException("messages/stream: HTTP " + s.status());
        }
        SseReader r = new SseReader(s.body());
        while (r.next()) {
            if ("turn.ended".equals(SseReader.type(r.data()))) {
                return;
            }
        }
        throw new IOException(noEnd);
    }
}
