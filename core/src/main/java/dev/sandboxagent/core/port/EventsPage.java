package dev.sandboxagent.core.port;

import dev.sandboxagent.core.engine.LoggedEvent;

import java.util.List;

/** One page of a session's events, oldest first; {@code hasMore} when the log holds more after it. */
public record EventsPage(List<LoggedEvent> events, boolean hasMore) {
}
