package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.json.SchemaJson;
import dev.sandboxagent.core.schema.UniversalEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An event as stored in the log, with its wire form made once: the server-sent event frame
 * {@code id:<sequence>\ndata:<json>\n\n} in UTF-8. Every follower of a session sends these same
 * bytes, so an event is serialised and encoded once, not once per follower; pages of events are
 * assembled from the same bytes.
 */
public final class LoggedEvent {

    private final UniversalEvent event;
    private final Wire wire;
    // Computed on first request; a benign race may compute it twice, with equal results.
    private volatile Wire wireWithRaw;

    /**
     * Wraps an event that did not come from an engine's log (another {@code SessionService}),
     * so that it can be written the same way; its wire form is encoded here, once.
     */
    public static LoggedEvent of(UniversalEvent event) {
        return new LoggedEvent(event);
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

    LoggedEvent(UniversalEvent event) {
        this.event = event;
        this.wire = Wire.of(event.sequence(), SchemaJson.toJson(event, false).toString());
        this.wireWithRaw = event.raw() == null ? wire : null;
    }

    /**
     * One encoding of the event: the SSE frame, and where its JSON sits in it. Compact JSON has
     * no line breaks (they are escaped inside strings); should a JSON text ever have one, it is
     * kept apart and the frame splits it over several data lines, as SSE requires.
     */
    private record Wire(byte[] frame, int jsonStart, int jsonLength, String multiLineJson) {

        static Wire of(long sequence, String json) {
            byte[] prefix = ("id:" + sequence + "\ndata:").getBytes(StandardCharsets.US_ASCII);
            if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
                String data = json.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\ndata:");
                byte[] frame = ("id:" + sequence + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
                return new Wire(frame, -1, -1, json);
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[prefix.length + body.length + 2];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            System.arraycopy(body, 0, frame, prefix.length, body.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return new Wire(frame, prefix.length, body.length, null);
        }

        String json() {
            return multiLineJson != null ? multiLineJson
                    : new String(frame, jsonStart, jsonLength, StandardCharsets.UTF_8);
        }

        void writeJson(ByteArrayOutputStream out) {
            if (multiLineJson != null) {
                out.writeBytes(multiLineJson.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(frame, jsonStart, jsonLength);
            }
        }
    }

    public UniversalEvent event() {
        return event;
    }

    public long sequence() {
        return event.sequence();
    }

    /** The event in the shape clients asked for: with or without raw. */
    public UniversalEvent event(boolean includeRaw) {
        return includeRaw ? event : event.withoutRaw();
    }

    private Wire wire(boolean includeRaw) {
        if (!includeRaw) {
            return wire;
        }
        Wire w = wireWithRaw;
        if (w == null) {
            w = Wire.of(event.sequence(), SchemaJson.toJson(event, true).toString());
            wireWithRaw = w;
        }
        return w;
    }

    /** The wire JSON (one line), with or without the raw payload. */
    public String json(boolean includeRaw) {
        return wire(includeRaw).json();
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
