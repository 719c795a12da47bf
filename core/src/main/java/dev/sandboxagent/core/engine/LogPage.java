package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.EventsPage;
import dev.sandboxagent.core.schema.UniversalEvent;

import java.util.List;

/**
 * The engine's {@link EventsPage}: the log's entries themselves, so that {@code http} can
 * assemble a page from the JSON each event was encoded to once ({@link #logged()}).
 */
public record LogPage(List<LoggedEvent> logged, boolean hasMore) implements EventsPage {

    @Override
    public List<UniversalEvent> events() {
        return LoggedEvent.events(logged);
    }
}
