package dev.sandboxagent.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from a byte stream: {@code data:} lines joined with line breaks,
 * {@code id:} kept, comments and other fields skipped, a blank line ends an event. Works on
 * bytes (UTF-8 is decoded only for the data), since it sits on the client's hot path.
 */
final class SseReader {

    /** One event: its {@code id} (null when it had none) and its data. */
    record Frame(String id, String data) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[8 * 1024];
    private int lineLength;

    SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event, or null at the end of the stream (an unfinished event at the end is dropped). */
    Frame next() throws IOException {
        String id = null;
        String data = null; // one data line, the common case: no copy through a builder
        StringBuilder more = null;
        while (readLine()) {
            if (lineLength == 0) {
                if (data != null) {
                    return new Frame(id, more == null ? data : more.toString());
                }
                id = null;
                continue;
            }
            if (line[0] == ':') {
                continue;
            }
            int colon = indexOf((byte) ':');
            int nameEnd = colon < 0 ? lineLength : colon;
            boolean isData = is("data", nameEnd);
            if (!isData && !is("id", nameEnd)) {
                continue; // event:, retry: and unknown fields
            }
            int valueStart = colon < 0 ? lineLength : colon + 1;
            if (valueStart < lineLength && line[valueStart] == ' ') {
                valueStart++;
            }
            String value = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
            if (!isData) {
                id = value;
            } else if (data == null) {
                data = value;
            } else {
                if (more == null) {
                    more = new StringBuilder(data);
                }
                more.append('\n').append(value);
            }
        }
        return null;
    }

    /** Whether bytes already read wait in the buffer (the next event may come without waiting for the socket). */
    boolean hasBuffered() {
        return pos < limit;
    }

    private boolean is(String name, int length) {
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Reads one line (without its LF or CRLF) into {@link #line}; false at the end of the stream. */
    private boolean readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return false; // a line without its line break at the end is not a complete line
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int end = pos;
            boolean done = pos < limit;
            if (done) {
                pos++; // the LF
            }
            append(start, end);
            if (done) {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return any;
            }
        }
    }

    private void append(int start, int end) {
        int n = end - start;
        if (lineLength + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buf, start, line, lineLength, n);
        lineLength += n;
    }
}
