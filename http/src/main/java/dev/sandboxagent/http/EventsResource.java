package dev.sandboxagent.http;

import dev.sandboxagent.core.engine.LogPage;
import dev.sandboxagent.core.engine.LoggedEvent;
import dev.sandboxagent.core.port.EventsPage;
import dev.sandboxagent.core.port.FollowMode;
import dev.sandboxagent.core.port.SessionService;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** /v1/sessions/{id}/events: a page of the log, or the log as a live SSE stream. */
final class EventsResource extends SessionRoutes {

    /** The query parameter that asks for the stream to end with the session. */
    static final String CLOSE_AT_END = "close_at_end";
    private static final byte[] EVENTS_START = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);

    EventsResource(SessionService sessions) {
        super(sessions);
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
        // The log keeps each event's JSON as UTF-8 bytes: the page is assembled from those.
        List<LoggedEvent> events = logged(page);
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 + events.size() * 320);
        body.writeBytes(EVENTS_START);
        boolean first = true;
        for (LoggedEvent e : events) {
            if (!first) {
                body.write(',');
            }
            e.writeJson(body, includeRaw);
            first = false;
        }
        body.writeBytes(("],\"hasMore\":" + page.hasMore() + "}").getBytes(StandardCharsets.US_ASCII));
        JsonResponses.raw(res, body.toByteArray());
    }

    /** The engine's page carries each event's JSON encoded once; any other page is encoded here. */
    private static List<LoggedEvent> logged(EventsPage page) {
        if (page instanceof LogPage log) {
            return log.logged();
        }
        return page.events().stream().map(LoggedEvent::of).toList();
    }

    /**
     * The log from the offset on, then live. The stream stays open after the session's end (with
     * keep-alive comments), as the seed's daemon does, so that a continuation's events arrive on
     * it; {@code close_at_end=true} ends it once an ended session's last event was sent.
     */
    private void sse(ServerRequest req, ServerResponse res) {
        boolean includeRaw = QueryParams.bool(req, "include_raw");
        FollowMode mode = QueryParams.bool(req, CLOSE_AT_END) ? FollowMode.UNTIL_END : FollowMode.LIVE;
        long offset = QueryParams.resumeOffset(req);
        SseStreamer.stream(req, res, sessions.follow(QueryParams.path(req, "session_id"), offset, mode), includeRaw);
    }
}
