package dev.sandboxagent.http;

import dev.sandboxagent.core.port.SessionService;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/** /v1/sessions: create, list, read, delete sessions; post messages; interrupt; terminate. */
final class SessionsResource extends SessionRoutes {

    /** Names the turn a posted message opens (a header: the contract's answer is an empty 204). */
    static final HeaderName TURN_ID = HeaderNames.create("Sandbox-Turn-Id");

    SessionsResource(SessionService sessions) {
        super(sessions);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(Method.GET, "/", this::list),
                new Endpoint(Method.POST, "/{session_id}", this::create),
                new Endpoint(Method.GET, "/{session_id}", this::get),
                new Endpoint(Method.DELETE, "/{session_id}", this::delete),
                new Endpoint(Method.POST, "/{session_id}/messages", this::postMessage),
                new Endpoint(Method.POST, "/{session_id}/messages/stream", this::postMessageStream),
                new Endpoint(Method.POST, "/{session_id}/interrupt", this::interrupt),
                new Endpoint(Method.POST, "/{session_id}/terminate", this::terminate));
    }

    private static String id(ServerRequest req) {
        return QueryParams.path(req, "session_id");
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonResponses.json(res, Map.of("sessions", sessions.listSessions()));
    }

    private void create(ServerRequest req, ServerResponse res) {
        var request = RequestReaders.createSession(JsonBodies.object(req, false));
        JsonResponses.json(res, sessions.createSession(id(req), request));
    }

    private void get(ServerRequest req, ServerResponse res) {
        JsonResponses.json(res, sessions.getSession(id(req)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        sessions.deleteSession(id(req));
        JsonResponses.noContent(res);
    }

    private void postMessage(ServerRequest req, ServerResponse res) {
        var message = RequestReaders.message(JsonBodies.object(req, false));
        // Our addition to the contract: which turn the message opens, so that a client can follow it.
        res.header(TURN_ID, sessions.postMessage(id(req), message));
        JsonResponses.noContent(res);
    }

    private void postMessageStream(ServerRequest req, ServerResponse res) {
        boolean includeRaw = QueryParams.bool(req, "include_raw");
        var message = RequestReaders.message(JsonBodies.object(req, false));
        SseStreamer.stream(req, res, sessions.postMessageAndFollowTurn(id(req), message), includeRaw);
    }

    private void interrupt(ServerRequest req, ServerResponse res) {
        sessions.interrupt(id(req));
        JsonResponses.noContent(res);
    }

    private void terminate(ServerRequest req, ServerResponse res) {
        sessions.terminate(id(req));
        JsonResponses.noContent(res);
    }
}
