package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.json.SchemaJson;
import dev.sandboxagent.core.store.SessionLogStore;
import dev.sandboxagent.core.store.StoredEvent;
import dev.sandboxagent.core.json.JsonBytes;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * An event as stored in the log, with its wire form made once: the server-sent event frame
 * {@code id:<sequence>\ndata:<json>\n\n} in UTF-8. Every follower of a session sends these same
 * bytes, so an event is serialised and encoded once, not once per follower; pages of events are
 * assembled from the same bytes, and the store keeps the same JSON. The raw payload is kept
 * apart: the JSON with raw is the JSON without it plus a last {@code "raw"} member, which is how
 * {@link SchemaJson#toJson} writes it too. An entry read back from a store parses its event and
 * loads its raw JSON only when asked.
 */
public final class LoggedEvent {

    private static final byte[] RAW_MEMBER = ",\"raw\":".getBytes(StandardCharsets.US_ASCII);

    private final long sequence;
    private final Wire wire;
    private final boolean hasRaw;
    private final SessionLogStore rawSource; // null: the raw JSON is the event's own (or there is none)
    private volatile UniversalEvent event; // parsed on first request for entries read from a store
    // Computed on first request; a benign race may compute it twice, with equal results.
    private volatile Wire wireWithRaw;

    /**
     * Wraps an event that did not come from an engine's log (another {@code SessionService}),
     * so that it can be written the same way; its wire form is encoded here, once.
     */
    public static LoggedEvent of(UniversalEvent event) {
        return new LoggedEvent(event);
    }

    LoggedEvent(UniversalEvent event) {
        this.event = event;
        this.sequence = event.sequence();
        this.wire = Wire.of(sequence, JsonBytes.utf8(SchemaJson.toJson(event, false)));
        this.hasRaw = event.raw() != null;
        this.rawSource = null;
        this.wireWithRaw = hasRaw ? null : wire;
    }

    /** An entry read back from {@code store}. */
    LoggedEvent(StoredEvent stored, SessionLogStore store) {
        this.sequence = stored.sequence();
        this.wire = Wire.of(sequence, stored.json());
        this.hasRaw = stored.hasRaw();
        this.rawSource = hasRaw ? store : null;
        this.wireWithRaw = hasRaw ? null : wire;
    }

    /** A read-only view of the entries' events, in order (no copy). */
    static List<UniversalEvent> events(List<LoggedEvent> logged) {
        return new EventsView(logged);
    }

    private static final class EventsView extends AbstractList<UniversalEvent> implements RandomAccess {
        private final List<LoggedEvent> logged;

        EventsView(List<LoggedEvent> logged) {
            this.logged = logged;
        }

        @Override
        public UniversalEvent get(int index) {
            return logged.get(index).event();
        }

        @Override
        public int size() {
            return logged.size();
        }
    }

    /**
     * One encoding of the event: the SSE frame, and where its JSON sits in it. Compact JSON has
     * no line breaks (they are escaped inside strings); should a JSON text ever have one, it is
     * kept apart and the frame splits it over several data lines, as SSE requires.
     */
    private record Wire(byte[] frame, int jsonStart, int jsonLength, byte[] multiLineJson) {

        static Wire of(long sequence, byte[] json) {
            for (byte b : json) {
                if (b == '\n' || b == '\r') {
                    String data = new String(json, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n')
                            .replace("\n", "\ndata:");
                    byte[] frame = ("id:" + sequence + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
                    return new Wire(frame, -1, -1, json);
                }
            }
            byte[] prefix = ("id:" + sequence + "\ndata:").getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[prefix.length + json.length + 2];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            System.arraycopy(json, 0, frame, prefix.length, json.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return new Wire(frame, prefix.length, json.length, null);
        }

        byte[] json() {
            if (multiLineJson != null) {
                return multiLineJson;
            }
            byte[] out = new byte[jsonLength];
            System.arraycopy(frame, jsonStart, out, 0, jsonLength);
            return out;
        }

        void writeJson(ByteArrayOutputStream out) {
            if (multiLineJson != null) {
                out.writeBytes(multiLineJson);
            } else {
                out.write(frame, jsonStart, jsonLength);
            }
        }
    }

    public long sequence() {
        return sequence;
    }

    /** The event, with its raw payload. */
    public UniversalEvent event() {
        UniversalEvent e = event;
        if (e == null) {
            e = parse(wire.json(), hasRaw ? rawJson() : null);
            event = e;
        }
        return e;
    }

    /** The event in the shape clients asked for: with or without raw. */
    public UniversalEvent event(boolean includeRaw) {
        if (!includeRaw && event == null) {
            return parse(wire.json(), null); // a stored entry: raw is not even read
        }
        return includeRaw ? event() : event().withoutRaw();
    }

    private static UniversalEvent parse(byte[] json, byte[] raw) {
        try (JsonReader r = Jsons.JSON.createReader(new ByteArrayInputStream(json))) {
            UniversalEvent e = SchemaJson.eventFromJson(r.readObject());
            if (raw == null) {
                return e;
            }
            try (JsonReader rr = Jsons.JSON.createReader(new ByteArrayInputStream(raw))) {
                JsonValue value = rr.readValue();
                return new UniversalEvent(e.eventId(), e.sequence(), e.time(), e.sessionId(), e.nativeSessionId(),
                        e.synthetic(), e.source(), e.type(), e.data(), value);
            }
        }
    }

    /** The wire JSON without raw, UTF-8 (what the store keeps). */
    byte[] jsonBytes() {
        return wire.json();
    }

    /** The agent's raw JSON, UTF-8, or null when the event has none. */
    byte[] rawJson() {
        if (!hasRaw) {
            return null;
        }
        return rawSource == null ? encode(event.raw()) : rawSource.raw(sequence);
    }

    /**
     * For the store: what encodes the raw JSON when it is written out (null when there is none).
     * It holds the raw value only, not this entry, so the entry can leave memory before.
     */
    Supplier<byte[]> rawEncoder() {
        JsonValue raw = hasRaw && rawSource == null ? event.raw() : null;
        return raw == null ? null : () -> encode(raw);
    }

    private static byte[] encode(JsonValue raw) {
        return JsonBytes.utf8(raw); // an agent's line is copied, not encoded again (SourcedObject)
    }

    private Wire wire(boolean includeRaw) {
        if (!includeRaw) {
            return wire;
        }
        Wire w = wireWithRaw;
        if (w == null) {
            byte[] json = wire.json();
            byte[] raw = rawJson();
            if (raw == null) {
                w = wire;
            } else {
                byte[] with = new byte[json.length + RAW_MEMBER.length + raw.length];
                System.arraycopy(json, 0, with, 0, json.length - 1); // all but the closing brace
                System.arraycopy(RAW_MEMBER, 0, with, json.length - 1, RAW_MEMBER.length);
                System.arraycopy(raw, 0, with, json.length - 1 + RAW_MEMBER.length, raw.length);
                with[with.length - 1] = '}';
                w = Wire.of(sequence, with);
            }
            if (rawSource == null) {
                wireWithRaw = w; // entries read from a store are short-lived: no need to keep it
            }
        }
        return w;
    }

    /** The wire JSON (one line), with or without the raw payload. */
    public String json(boolean includeRaw) {
        return new String(wire(includeRaw).json(), StandardCharsets.UTF_8);
    }

    /** Appends the wire JSON (UTF-8), with or without the raw payload, to {@code out}. */
    public void writeJson(ByteArrayOutputStream out, boolean includeRaw) {
        wire(includeRaw).writeJson(out);
    }

    /**
     * The event as one server-sent event, UTF-8: {@code id:} its sequence, {@code data:} its
     * JSON, then the blank line. Shared by every follower: callers must not modify it.
     */
    public byte[] sseFrame(boolean includeRaw) {
        return wire(includeRaw).frame();
    }
}
