package dev.sandboxagent.core.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Compact JSON as UTF-8 bytes, written straight from a JSON-P value: the same bytes as
 * {@code value.toString().getBytes(UTF_8)} with Parsson (its escaping: {@code \"}, {@code \\},
 * {@code \b \f \n \r \t}, other control characters as six-character escapes with lowercase hex,
 * everything else as it is),
 * at a fraction of the cost. Parsson's writer escapes one char at a time through a Writer; that
 * was the largest share of the daemon's CPU per event ({@code JsonBytesTest} checks the bytes
 * against Parsson's). A {@link SourcedObject} is written as the text it was parsed from.
 */
public final class JsonBytes {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[256];
    private int len;

    private JsonBytes() {
    }

    /** The value as compact JSON in UTF-8. */
    public static byte[] utf8(JsonValue value) {
        JsonBytes out = new JsonBytes();
        out.value(value);
        return Arrays.copyOf(out.buf, out.len);
    }

    private void value(JsonValue v) {
        switch (v) {
            case SourcedObject s -> bytes(s.source().getBytes(StandardCharsets.UTF_8));
            case JsonObject o -> object(o);
            case JsonArray a -> array(a);
            case JsonString s -> string(s.getString());
            default -> {
                switch (v.getValueType()) {
                    case TRUE -> bytes(TRUE);
                    case FALSE -> bytes(FALSE);
                    case NULL -> bytes(NULL);
                    default -> ascii(v.toString()); // a number
                }
            }
        }
    }

    private void object(JsonObject o) {
        put('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            if (!first) {
                put(',');
            }
            first = false;
            string(e.getKey());
            put(':');
            value(e.getValue());
        }
        put('}');
    }

    private void array(JsonArray a) {
        put('[');
        for (int i = 0; i < a.size(); i++) {
            if (i > 0) {
                put(',');
            }
            value(a.get(i));
        }
        put(']');
    }

    /** A JSON string; runs without escapes are encoded in bulk (they split only at ASCII chars). */
    private void string(String s) {
        put('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (run < i) {
                text(s, run, i);
            }
            run = i + 1;
            put('\\');
            switch (c) {
                case '"' -> put('"');
                case '\\' -> put('\\');
                case '\b' -> put('b');
                case '\f' -> put('f');
                case '\n' -> put('n');
                case '\r' -> put('r');
                case '\t' -> put('t');
                default -> {
                    put('u');
                    put('0');
                    put('0');
                    put(HEX[c >> 4]);
                    put(HEX[c & 0xF]);
                }
            }
        }
        if (run == 0) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        } else if (run < n) {
            text(s, run, n);
        }
        put('"');
    }

    private void text(String s, int from, int to) {
        bytes(s.substring(from, to).getBytes(StandardCharsets.UTF_8));
    }

    private void ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void put(int b) {
        room(1);
        buf[len++] = (byte) b;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
