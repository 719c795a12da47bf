package dev.sandboxagent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.port.SessionService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The public routes: the daemon's description, health, and its OpenAPI document. */
final class RootResource implements ApiResource {

    static final String OPENAPI_RESOURCE = "/dev/sandboxagent/http/openapi.json";

    private static final String HEALTHY = "{\"status\":\"ok\"}"; // byte for byte the seed's answer

    private final String version;
    private final String openApi;
    private final SessionService sessions;

    RootResource(String version, SessionService sessions) {
        this.version = version;
        this.sessions = sessions;
        this.openApi = loadOpenApi();
    }

    static String loadOpenApi() {
        try (InputStream in = RootResource.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(Method.GET, "/", this::root),
                new Endpoint(Method.GET, "/v1/health", this::health),
                new Endpoint(Method.GET, "/v1/openapi.json", this::openApi));
    }

    private void root(ServerRequest req, ServerResponse res) {
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder()
                .add("name", "sandbox-agent (JVM)")
                .add("version", version)
                .add("openapi", "/v1/openapi.json")
                .add("health", "/v1/health")
                .build().toString());
    }

    /**
     * {@code {"status":"ok"}} as the seed answers, while the daemon serves; when sessions' events
     * cannot be stored, {@code status} stays {@code ok} (it still serves) and our two members say
     * so: {@code "storage":"degraded"} and {@code storageProblem} (the cause).
     */
    private void health(ServerRequest req, ServerResponse res) {
        String problem = sessions.storageProblem();
        JsonResponses.raw(res, problem == null ? HEALTHY : Jsons.JSON.createObjectBuilder().add("status", "ok")
                .add("storage", "degraded").add("storageProblem", problem).build().toString());
    }

    private void openApi(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        JsonResponses.raw(res, openApi);
    }
}
