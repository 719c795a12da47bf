package dev.sandboxagent.client;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.json.SchemaJson;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.CreateSessionResponse;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.EventsPage;
import dev.sandboxagent.core.port.FollowMode;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionIds;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.UniversalEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link dev.sandboxagent.core.port.SessionService} over HTTP: each method is one request to the
 * daemon's v1 API, its answer decoded into the port's records and its errors into the
 * {@link SandboxException}s the engine throws in process.
 */
final class RemoteSessionService implements SessionService {

    /** The header in which the daemon names the turn a posted message will open. */
    static final String TURN_ID_HEADER = "Sandbox-Turn-Id";

    private final Transport transport;

    RemoteSessionService(Transport transport) {
        this.transport = transport;
    }

    /**
     * The session's route. An id no session can have is refused here, as the engine refuses it
     * (no such session): the daemon cannot be asked about it (an id with a '/' would address
     * another route).
     */
    static String path(String sessionId) {
        if (!SessionIds.isValid(sessionId)) {
            throw SandboxException.sessionNotFound(sessionId);
        }
        return "/v1/sessions/" + Transport.segment(sessionId);
    }

    @Override
    public CreateSessionResponse createSession(String sessionId, CreateSessionRequest request) {
        SessionIds.validate(sessionId);
        if (request == null) {
            throw SandboxException.invalid("a JSON body with at least \"agent\" is required");
        }
        String body = transport.call(transport.request(path(sessionId)).POST(Transport.json(request)).build());
        return Json.read(body, CreateSessionResponse.class);
    }

    @Override
    public List<SessionInfo> listSessions() {
        return Json.list(transport.call(transport.request("/v1/sessions").GET().build()), "sessions", SessionInfo.class);
    }

    @Override
    public SessionInfo getSession(String sessionId) {
        return Json.read(transport.call(transport.request(path(sessionId)).GET().build()), SessionInfo.class);
    }

    @Override
    public String postMessage(String sessionId, MessageRequest message) {
        HttpRequest request = transport.request(path(sessionId) + "/messages").POST(Transport.json(message)).build();
        return transport.exchange(request).headers().firstValue(TURN_ID_HEADER).orElse(null);
    }

    /**
     * The turn's events are read from the session's stream, from where the log stood before the
     * post: the turn cannot start earlier. Unlike the daemon's {@code messages/stream} route, a
     * stream that can be resumed after a broken connection.
     */
    @Override
    public EventStream postMessageAndFollowTurn(String sessionId, MessageRequest message) {
        long from = getSession(sessionId).eventCount();
        String turnId = postMessage(sessionId, message);
        if (turnId == null) {
            throw SandboxException.invalid("the daemon did not name the turn (no " + TURN_ID_HEADER
                    + " header): it is older than this client");
        }
        return new RemoteEventStream(transport, sessionId, from, FollowMode.UNTIL_END, new TurnFilter(turnId));
    }

    /** A page of events, with their raw payloads as in process. */
    @Override
    public EventsPage events(String sessionId, long offset, int limit) {
        if (offset < 0) {
            throw SandboxException.invalid("offset must be >= 0");
        }
        if (limit < 0) {
            throw SandboxException.invalid("limit must be >= 0");
        }
        JsonObject page = Json.object(transport.call(transport.request(path(sessionId) + "/events"
                + Transport.query("offset", offset, "limit", limit, "include_raw", true)).GET().build()));
        List<UniversalEvent> events = new ArrayList<>();
        for (JsonValue v : page.getJsonArray("events")) {
            events.add(SchemaJson.eventFromJson(v.asJsonObject()));
        }
        return EventsPage.of(events, page.getBoolean("hasMore", false));
    }

    /** The session's SSE stream; {@link FollowMode#UNTIL_END} asks the daemon with {@code close_at_end=true}. */
    @Override
    public EventStream follow(String sessionId, long offset, FollowMode mode) {
        if (offset < 0) {
            throw SandboxException.invalid("offset must be >= 0");
        }
        return new RemoteEventStream(transport, sessionId, offset, mode == null ? FollowMode.UNTIL_END : mode, null);
    }

    @Override
    public void replyPermission(String sessionId, String permissionId, PermissionReply reply) {
        if (reply == null) {
            throw SandboxException.invalid("field 'reply' is required: once, always or reject");
        }
        post(path(sessionId) + "/permissions/" + Transport.segment(permissionId) + "/reply",
                Map.of("reply", reply.wire()));
    }

    @Override
    public void replyQuestion(String sessionId, String questionId, List<List<String>> answers) {
        if (answers == null || answers.stream().anyMatch(a -> a == null || a.stream().anyMatch(x -> x == null))) {
            throw SandboxException.invalid("field 'answers' is required: an array of arrays of strings");
        }
        post(path(sessionId) + "/questions/" + Transport.segment(questionId) + "/reply", Map.of("answers", answers));
    }

    @Override
    public void rejectQuestion(String sessionId, String questionId) {
        post(path(sessionId) + "/questions/" + Transport.segment(questionId) + "/reject", null);
    }

    @Override
    public void interrupt(String sessionId) {
        post(path(sessionId) + "/interrupt", null);
    }

    @Override
    public void terminate(String sessionId) {
        post(path(sessionId) + "/terminate", null);
    }

    @Override
    public void deleteSession(String sessionId) {
        transport.call(transport.request(path(sessionId)).DELETE().build());
    }

    /**
     * Terminates every session of the daemon, as the port says (the daemon itself keeps running);
     * closing the client ({@link SandboxClient#close()}) only closes its own connections.
     */
    @Override
    public void shutdown() {
        listSessions().parallelStream().filter(s -> !s.ended()).forEach(s -> {
            try {
                terminate(s.sessionId());
            } catch (SandboxException e) {
                // deleted meanwhile: nothing left to end
            }
        });
    }

    private void post(String path, Object body) {
        transport.call(transport.request(path).POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : Transport.json(body)).build());
    }
}
