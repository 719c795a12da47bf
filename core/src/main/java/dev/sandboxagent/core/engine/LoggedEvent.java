package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.json.SchemaJson;
import dev.sandboxagent.core.schema.UniversalEvent;

/**
 * An event as stored in the log, with its wire JSON cached: many followers of one session
 * each send the same text, so it is written once rather than once per follower.
 */
public final class LoggedEvent {

    private final UniversalEvent event;
    private final String json;
    // Computed on first request; a benign race may compute it twice, with equal results.
    private volatile String jsonWithRaw;

    LoggedEvent(UniversalEvent event) {
        this.event = event;
        this.json = SchemaJson.toJson(event, false).toString();
        this.jsonWithRaw = event.raw() == null ? json : null;
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

    /** The wire JSON (one line), with or without the raw payload. */
    public String json(boolean includeRaw) {
        if (!includeRaw) {
            return json;
        }
        String s = jsonWithRaw;
        if (s == null) {
            s = SchemaJson.toJson(event, true).toString();
            jsonWithRaw = s;
        }
        return s;
    }
}
