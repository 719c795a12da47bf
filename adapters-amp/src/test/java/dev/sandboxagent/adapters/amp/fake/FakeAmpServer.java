package dev.sandboxagent.adapters.amp.fake;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static jakarta.json.Json.createObjectBuilder;

/**
 * A scripted fake of the Amp server the Amp CLI talks to (AMP_URL): the JSON endpoints
 * ({@code /api/internal?method}, {@code /api/thread-actors}) and the thread WebSocket carrying
 * JSON-RPC, as described in ../shared/agents/amp.md and recorded in its logs. The "model" is
 * {@link FakeAmpThread}: it decides each reply from the user's text alone and leases tool calls
 * to the CLI, which runs them locally. Listens on 127.0.0.1 on an ephemeral port.
 */
public final class FakeAmpServer implements AutoCloseable {

    public static final String API_KEY = "fake-amp-api-key";

    private final MiniHttpServer http;
    private final Map<String, FakeAmpThread> threads = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    public FakeAmpServer() throws IOException {
        this.http = new MiniHttpServer(new MiniHttpServer.Handler() {
            @Override
            public MiniHttpServer.Response http(MiniHttpServer.Request request) {
                return handleHttp(request);
            }

            @Override
            public void webSocket(MiniHttpServer.Request upgrade, WebSocket ws) {
                handleWebSocket(upgrade, ws);
            }
        });
    }

    /** The value for AMP_URL. */
    public String url() {
        return "http://127.0.0.1:" + http.port();
    }

    /** What the CLI sent, one line per HTTP request or WebSocket message ("HTTP POST /path" / "WS method {...}"). */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The Authorization header of every HTTP request. */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /** The threads the CLI created or continued, by id. */
    public Map<String, FakeAmpThread> threads() {
        return Map.copyOf(threads);
    }

    void record(String line) {
        log.add(line);
        if (Boolean.getBoolean("fakeamp.verbose")) {
            System.err.println("[fake-amp] " + (line.length() > 400 ? line.substring(0, 400) + "…" : line));
        }
    }

    /** Runs the fake until killed, printing what the CLI sends (for trying the CLI by hand). */
    public static void main(String[] args) throws Exception {
        System.setProperty("fakeamp.verbose", "true");
        try (FakeAmpServer server = new FakeAmpServer()) {
            System.out.println("AMP_URL=" + server.url() + " AMP_API_KEY=" + API_KEY);
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    // ---- JSON endpoints ------------------------------------------------------------------

    private MiniHttpServer.Response handleHttp(MiniHttpServer.Request request) {
        record("HTTP " + request.method() + " " + request.target() + " " + request.bodyText());
        String auth = request.header("authorization");
        authorizations.add(auth == null ? "" : auth);
        if (!("Bearer " + API_KEY).equals(auth)) {
            return new MiniHttpServer.Response(401, "application/json", "{\"error\":\"invalid API key\"}");
        }
        JsonObject body = request.body().length == 0 ? JsonValue.EMPTY_JSON_OBJECT : Json.parse(request.bodyText());
        return switch (request.path()) {
            case "/api/internal" -> internal(body);
            case "/api/thread-actors" -> threadActor(body);
            default -> new MiniHttpServer.Response(404, "application/json", "{\"error\":\"not found\"}");
        };
    }

    private MiniHttpServer.Response internal(JsonObject body) {
        String method = body.getString("method", "");
        JsonObject params = body.getJsonObject("params");
        JsonValue result = switch (method) {
            case "getUserInfo" -> createObjectBuilder().add("id", "user-fake").add("email", "fake@example.com")
                    .add("emailVerified", true).add("username", "fake")
                    .add("features", JsonValue.EMPTY_JSON_ARRAY).build();
            case "getThreadTail" -> {
                FakeAmpThread t = threads.get(params.getString("thread", ""));
                yield t == null ? null : t.tail();
            }
            case "loadSkills" -> createObjectBuilder().add("sources", JsonValue.EMPTY_JSON_ARRAY).build();
            case "loadPlugins" -> JsonValue.EMPTY_JSON_ARRAY;
            case "getThreadProject" -> createObjectBuilder().add("project", JsonValue.NULL).build();
            default -> JsonValue.NULL;
        };
        if (result == null) {
            return MiniHttpServer.Response.json("{\"ok\":false,\"error\":{\"code\":\"thread-not-found\","
                    + "\"message\":\"Thread not found\"}}");
        }
        return ok(result);
    }

    private MiniHttpServer.Response threadActor(JsonObject body) {
        FakeAmpThread thread;
        if (body.containsKey("threadId")) {
            thread = threads.get(body.getString("threadId"));
            if (thread == null) {
                return new MiniHttpServer.Response(404, "application/json", "{\"error\":\"Thread not found\"}");
            }
        } else {
            String id = "T-" + UUID.randomUUID();
            thread = new FakeAmpThread(this, id, body.getString("agentMode", "medium"));
            threads.put(id, thread);
        }
        return MiniHttpServer.Response.json(Json.print(createObjectBuilder()
                .add("threadId", thread.id()).add("wsToken", "fake-ws-token").add("ownerUserId", "user-fake")
                .add("threadVersion", thread.version()).build()));
    }

    private static MiniHttpServer.Response ok(JsonValue result) {
        return MiniHttpServer.Response.json(Json.print(createObjectBuilder().add("ok", true).add("result", result).build()));
    }

    // ---- the thread WebSocket ------------------------------------------------------------

    private void handleWebSocket(MiniHttpServer.Request upgrade, WebSocket ws) {
        String threadId = queryParam(upgrade.query(), "rvt-key");
        record("WS open " + threadId);
        FakeAmpThread thread = threadId == null ? null : threads.get(threadId);
        if (thread == null) {
            return; // closes the connection
        }
        ws.send(FakeAmpThread.notification("agent_state", createObjectBuilder().add("state", "idle").build()));
        for (String text = ws.receive(); text != null; text = ws.receive()) {
            if (text.equals("ping")) {
                ws.send("pong");
                continue;
            }
            JsonObject message = Json.parse(text);
            record("WS " + message.getString("method", "(response)") + " " + text);
            thread.onMessage(ws, message);
        }
        thread.onClose(ws);
    }

    private static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        threads.values().forEach(FakeAmpThread::close);
        http.close();
    }
}
