package dev.sandboxagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads server-sent events from a response body: {@code id:} and {@code data:} fields, comments
 * skipped. After {@link #next()} returns true, {@link #id()} and {@link #data()} describe the
 * event. The daemon's events are one JSON object per {@code data:} line whose first
 * {@code "type"} member is the event type (the members before it are scalars).
 */
final class SseReader {

    private final InputStream in;
    private final boolean keepData;
    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private int scan;
    private int lineStart;
    private int lineEnd;
    private long id;
    private String data;

    SseReader(InputStream in) {
        this(in, true);
    }

    /** With {@code keepData} false, {@link #data()} is always null: cheaper, for clients that only count. */
    SseReader(InputStream in, boolean keepData) {
        this.in = in;
        this.keepData = keepData;
    }

    long id() {
        return id;
    }

    String data() {
        return data;
    }

    /** The next event; false at the end of the stream. */
    boolean next() throws IOException {
        id = -1;
        data = null;
        boolean any = false;
        while (readLine()) {
            int len = lineEnd - lineStart;
            if (len == 0) {
                if (any) {
                    return true;
                }
                continue;
            }
            if (buf[lineStart] == ':') {
                continue; // a comment (keep-alive)
            }
            if (startsWith("id:")) {
                id = parseLong(lineStart + 3);
                any = true;
            } else if (startsWith("data:")) {
                any = true;
                if (!keepData) {
                    continue;
                }
                int from = lineStart + 5;
                if (from < lineEnd && buf[from] == ' ') {
                    from++;
                }
                String d = new String(buf, from, lineEnd - from, StandardCharsets.UTF_8);
                data = data == null ? d : data + "\n" + d;
                any = true;
            } else {
                any = true; // event:, retry: and unknown fields are not used here
            }
        }
        return false;
    }

    private boolean startsWith(String field) {
        int n = field.length();
        if (lineEnd - lineStart < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[lineStart + i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long parseLong(int from) {
        int i = from;
        while (i < lineEnd && buf[i] == ' ') {
            i++;
        }
        long v = 0;
        boolean digits = false;
        for (; i < lineEnd; i++) {
            int c = buf[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
            digits = true;
        }
        return digits ? v : -1;
    }

    private boolean readLine() throws IOException {
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') {
                    lineStart = pos;
                    lineEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    scan = pos;
                    return true;
                }
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            scan = limit;
            if (limit == buf.length) {
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, limit);
                buf = bigger;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
        }
    }

    /** The event type of a daemon event's JSON (its first "type" member), or null. */
    static String type(String json) {
        return member(json, "\"type\":\"");
    }

    /** The event's "time" (ISO-8601) in microseconds since the epoch, or -1. */
    static long timeMicros(String json) {
        String t = member(json, "\"time\":\"");
        if (t == null) {
            return -1;
        }
        Instant i = Instant.parse(t);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    private static String member(String json, String key) {
        if (json == null) {
            return null;
        }
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int end = json.indexOf('"', from);
        return end < 0 ? null : json.substring(from, end);
    }

    /** Now, in microseconds since the epoch (the clock the daemon stamps events with). */
    static long nowMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
