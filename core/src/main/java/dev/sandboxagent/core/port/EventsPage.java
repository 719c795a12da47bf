package dev.sandboxagent.core.port;

import dev.sandboxagent.core.schema.UniversalEvent;

import java.util.List;

/**
 * One page of a session's events, oldest first; {@link #hasMore()} when the log holds more
 * after it. An interface rather than a record so that an implementation may carry more (the
 * engine's page also holds each event's wire encoding, made once for every reader).
 */
public interface EventsPage {

    List<UniversalEvent> events();

    boolean hasMore();

    static EventsPage of(List<UniversalEvent> events, boolean hasMore) {
        return new Simple(List.copyOf(events), hasMore);
    }

    /** The plain page: the events and the flag, nothing else. */
    record Simple(List<UniversalEvent> events, boolean hasMore) implements EventsPage {
    }
}
