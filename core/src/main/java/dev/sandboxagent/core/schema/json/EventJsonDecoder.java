package dev.sandboxagent.core.schema.json;

import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.WireEnum;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * Reads one event's wire JSON straight into the schema's records: the same result as
 * {@link SchemaJson#eventFromJson} over a parsed tree, several times faster, for clients that
 * read events by the hundred thousand. The envelope and the data of {@code item.delta} (nearly
 * every event of a streamed reply) are read without building a JSON tree; any other data goes
 * through {@link SchemaJson#dataFromJson}, and {@code raw} becomes JSON-P values. Malformed
 * input is an {@link IllegalArgumentException}.
 */
public final class EventJsonDecoder {

    private static final Map<String, UniversalEventType> TYPES = byWire(UniversalEventType.class);
    private static final Map<String, EventSource> SOURCES = byWire(EventSource.class);

    /** The members read by name, in the order the daemon writes them; a key is matched in place, never copied. */
    private static final String[] ENVELOPE = {"event_id", "time", "session_id", "native_session_id", "source", "type",
        "sequence", "synthetic", "data", "raw"};
    private static final String[] DELTA = {"item_id", "native_item_id", "delta"};

    private final String s;
    private int i;

    private EventJsonDecoder(String json) {
        this.s = json;
    }

    public static UniversalEvent decode(String json) {
        return new EventJsonDecoder(json).event();
    }

    private UniversalEvent event() {
        String eventId = null;
        String time = null;
        String sessionId = null;
        String nativeSessionId = null;
        String source = null;
        String type = null;
        Long sequence = null;
        boolean synthetic = false;
        EventData data = null;
        JsonValue dataTree = null;
        JsonValue raw = null;
        expect('{');
        if (!next('}')) {
            do {
                int key = key(ENVELOPE);
                expect(':');
                switch (key) {
                    case 0 -> eventId = nullableString();
                    case 1 -> time = nullableString();
                    case 2 -> sessionId = nullableString();
                    case 3 -> nativeSessionId = nullableString();
                    case 4 -> source = nullableString();
                    case 5 -> type = nullableString();
                    case 6 -> sequence = integer();
                    case 7 -> synthetic = bool();
                    case 8 -> {
                        if ("item.delta".equals(type) && peek() == '{') {
                            data = delta();
                        } else {
                            dataTree = value();
                        }
                    }
                    case 9 -> raw = value();
                    default -> value();
                }
            } while (next(','));
            expect('}');
        }
        skipSpace();
        if (i != s.length()) {
            throw error("more after the event's JSON object");
        }
        UniversalEventType t = parse(TYPES, UniversalEventType.class, require(type, "type"));
        if (sequence == null) {
            throw new IllegalArgumentException("missing integer field 'sequence'");
        }
        if (data == null) {
            if (!(dataTree instanceof JsonObject o)) {
                throw new IllegalArgumentException("missing object field 'data'");
            }
            data = SchemaJson.dataFromJson(t, o);
        }
        return new UniversalEvent(require(eventId, "event_id"), sequence, require(time, "time"),
                require(sessionId, "session_id"), nativeSessionId, synthetic,
                parse(SOURCES, EventSource.class, require(source, "source")), t, data,
                raw == null || raw == JsonValue.NULL ? null : raw);
    }

    /** The data of an {@code item.delta}, read field by field. */
    private ItemDeltaData delta() {
        String itemId = null;
        String nativeItemId = null;
        String delta = null;
        expect('{');
        if (!next('}')) {
            do {
                int key = key(DELTA);
                expect(':');
                switch (key) {
                    case 0 -> itemId = nullableString();
                    case 1 -> nativeItemId = nullableString();
                    case 2 -> delta = nullableString();
                    default -> value();
                }
            } while (next(','));
            expect('}');
        }
        return new ItemDeltaData(require(itemId, "item_id"), nativeItemId, require(delta, "delta"));
    }

    // ---- JSON ------------------------------------------------------------------------------

    private JsonValue value() {
        char c = peek();
        switch (c) {
            case '{' -> {
                i++;
                JsonObjectBuilder b = JSON.createObjectBuilder();
                if (!next('}')) {
                    do {
                        String key = string();
                        expect(':');
                        b.add(key, value());
                    } while (next(','));
                    expect('}');
                }
                return b.build();
            }
            case '[' -> {
                i++;
                JsonArrayBuilder b = JSON.createArrayBuilder();
                if (!next(']')) {
                    do {
                        b.add(value());
                    } while (next(','));
                    expect(']');
                }
                return b.build();
            }
            case '"' -> {
                return JSON.createValue(string());
            }
            case 't' -> {
                word("true");
                return JsonValue.TRUE;
            }
            case 'f' -> {
                word("false");
                return JsonValue.FALSE;
            }
            case 'n' -> {
                word("null");
                return JsonValue.NULL;
            }
            default -> {
                String n = number();
                if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0 && n.length() < 19) {
                    return JSON.createValue(Long.parseLong(n));
                }
                return JSON.createValue(new BigDecimal(n));
            }
        }
    }

    /** The index in {@code names} of the member name at the cursor, or -1 for another name. */
    private int key(String[] names) {
        if (peek() != '"') {
            throw error("a member name");
        }
        int start = i + 1;
        int end = start;
        while (end < s.length() && s.charAt(end) != '"' && s.charAt(end) != '\\') {
            end++;
        }
        if (end >= s.length() || s.charAt(end) != '"') {
            return java.util.Arrays.asList(names).indexOf(string()); // escaped (or unterminated: the error)
        }
        int length = end - start;
        i = end + 1;
        for (int k = 0; k < names.length; k++) {
            if (names[k].length() == length && s.regionMatches(start, names[k], 0, length)) {
                return k;
            }
        }
        return -1;
    }

    private String nullableString() {
        if (peek() == 'n') {
            word("null");
            return null;
        }
        if (peek() != '"') {
            throw error("a string");
        }
        return string();
    }

    private boolean bool() {
        JsonValue v = value();
        if (v != JsonValue.TRUE && v != JsonValue.FALSE && v != JsonValue.NULL) {
            throw new IllegalArgumentException("field 'synthetic' must be a boolean");
        }
        return v == JsonValue.TRUE;
    }

    private Long integer() {
        if (peek() == 'n') {
            word("null");
            return null;
        }
        String n = number();
        try {
            return n.length() < 19 && n.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.parseLong(n)
                    : new BigDecimal(n).longValueExact();
        } catch (ArithmeticException e) {
            throw error("an integer");
        }
    }

    private String string() {
        expect('"');
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return s.substring(start, i++);
            }
            if (c == '\\') {
                return escaped(start);
            }
            i++;
        }
        throw error("the end of a string");
    }

    /** The rest of a string that has escapes, from {@code start}. */
    private String escaped(int start) {
        StringBuilder b = new StringBuilder(s.length() - start).append(s, start, i);
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("four hex digits");
                    }
                    b.append((char) Integer.parseInt(s, i, i + 4, 16));
                    i += 4;
                }
                default -> throw error("a valid escape");
            }
        }
        throw error("the end of a string");
    }

    private String number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (start == i) {
            throw error("a value");
        }
        return s.substring(start, i);
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) {
            throw error("'" + w + "'");
        }
        i += w.length();
    }

    private char peek() {
        skipSpace();
        if (i >= s.length()) {
            throw error("more JSON");
        }
        return s.charAt(i);
    }

    private boolean next(char c) {
        if (peek() == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw error("'" + c + "'");
        }
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("invalid event JSON: expected " + expected + " at offset " + i);
    }

    private static String require(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing string field '" + name + "'");
        }
        return value;
    }

    private static <E extends Enum<E> & WireEnum> Map<String, E> byWire(Class<E> type) {
        Map<String, E> m = new HashMap<>();
        for (E e : type.getEnumConstants()) {
            m.put(e.wire(), e);
        }
        return Map.copyOf(m);
    }

    private static <E extends Enum<E> & WireEnum> E parse(Map<String, E> known, Class<E> type, String wire) {
        E e = known.get(wire);
        return e != null ? e : WireEnum.parse(type, wire); // fails with the allowed spellings
    }
}
