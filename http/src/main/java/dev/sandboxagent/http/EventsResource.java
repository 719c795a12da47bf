package dev.sandboxagent.http;

import dev.sandboxagent.core.engine.LoggedEvent;
import dev.sandboxagent.core.port.EventsPage;
import dev.sandboxagent.core.port.SessionService;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/** /v1/sessions/{id}/events: a page of the log, or the log as a live SSE stream. */
final class EventsResource implements ApiResource {

    private final SessionService sessions;

    EventsResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public String prefix() {
        return "/v1/sessions";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(Method.GET, "/{session_id}/events", this::events),
                new Endpoint(Method.GET, "/{session_id}/events/sse", this::sse));
    }

    private void events(ServerRequest req, ServerResponse res) {
        long offset = QueryParams.nonNegativeLong(req, "offset", 0);
        long limit = QueryParams.nonNegativeLong(req, "limit", Integer.MAX_VALUE);
        boolean includeRaw = QueryParams.bool(req, "include_raw");
        EventsPage page = sessions.events(QueryParams.path(req, "session_id"), offset,
                (int) Math.min(limit, Integer.MAX_VALUE));
        // The log caches each event's JSON: the page is assembled from those strings.
        StringBuilder body = new StringBuilder(64 + page.events().size() * 256).append("{\"events\":[");
        boolean first = true;
        for (LoggedEvent e : page.events()) {
            if (!first) {
                body.append(',');
            }
            body.append(e.json(includeRaw));
            first = false;
        }
        body.append("],\"hasMore\":").append(page.hasMore()).append('}');
        JsonResponses.raw(res, body.toString());
    }

    private void sse(ServerRequest req, ServerResponse res) {
        boolean includeRaw = QueryParams.bool(req, "include_raw");
        long offset = QueryParams.resumeOffset(req);
        SseStreamer.stream(res, sessions.follow(QueryParams.path(req, "session_id"), offset), includeRaw);
    }
}
