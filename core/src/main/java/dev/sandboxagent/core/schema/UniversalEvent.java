package dev.sandboxagent.core.schema;

import dev.sandboxagent.core.schema.json.UniversalEventJsonbDeserializer;
import dev.sandboxagent.core.schema.json.UniversalEventJsonbSerializer;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

import java.util.Objects;

/**
 * One entry of a session's event log, in the universal schema every agent is translated into.
 * Only the normaliser creates these: it stamps {@code eventId}, {@code sequence} (from 1),
 * {@code time}, {@code source} and {@code synthetic}. {@code raw} is the agent's own message,
 * sent to clients only when they ask for it.
 */
@JsonbTypeSerializer(UniversalEventJsonbSerializer.class)
@JsonbTypeDeserializer(UniversalEventJsonbDeserializer.class)
public record UniversalEvent(
        String eventId,
        long sequence,
        String time,
        String sessionId,
        String nativeSessionId,
        boolean synthetic,
        EventSource source,
        UniversalEventType type,
        EventData data,
        JsonValue raw) {

    public UniversalEvent {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sessionId, "session_id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (!EventTypes.accepts(type, data)) {
            throw new IllegalArgumentException(type.wire() + " cannot carry " + data.getClass().getSimpleName());
        }
    }

    /** The same event without its raw payload (what clients get unless they ask for raw). */
    public UniversalEvent withoutRaw() {
        return raw == null ? this
                : new UniversalEvent(eventId, sequence, time, sessionId, nativeSessionId, synthetic, source, type, data, null);
    }
}
