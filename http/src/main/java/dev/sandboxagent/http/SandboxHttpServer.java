package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.files.Workspace;
import dev.sandboxagent.core.port.AgentService;
import dev.sandboxagent.core.port.SessionService;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The v1 HTTP API on Helidon SE: resources, auth, CORS and problem+json errors, around the
 * core's session and agent ports. {@code token} null means no auth ({@code --no-token}).
 */
public final class SandboxHttpServer {

    private static final System.Logger LOG = System.getLogger(SandboxHttpServer.class.getName());

    private final WebServer server;

    private SandboxHttpServer(WebServer server) {
        this.server = server;
    }

    /** Largest file or archive upload by default: 8 GiB. */
    public static final long DEFAULT_FS_MAX_UPLOAD_BYTES = 8L << 30;

    /**
     * What the server is set up with; {@code port} 0 picks a free port. {@code fsHome} is where
     * relative fs paths resolve without a session (the daemon's home); {@code fsMaxUploadBytes}
     * bounds a file upload or an archive (compressed and extracted).
     */
    public record Settings(String host, int port, String token, CorsSettings cors, String version, Path fsHome,
                           long fsMaxUploadBytes) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(cors, "cors");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(fsHome, "fsHome");
            if (fsMaxUploadBytes <= 0) {
                throw new IllegalArgumentException("fsMaxUploadBytes must be positive");
            }
        }

        /** The daemon's defaults for the fs routes: the user's home, {@link #DEFAULT_FS_MAX_UPLOAD_BYTES}. */
        public Settings(String host, int port, String token, CorsSettings cors, String version) {
            this(host, port, token, cors, version, defaultHome(), DEFAULT_FS_MAX_UPLOAD_BYTES);
        }
    }

    /** The daemon's home: where relative fs paths go when no session is named. */
    public static Path defaultHome() {
        return Path.of(System.getProperty("user.home"));
    }

    /** The routes served, as data (the OpenAPI coverage test reads them). */
    public static List<ApiResource> resources(SessionService sessions, AgentService agents, String version) {
        return resources(sessions, agents, version, defaultHome(), DEFAULT_FS_MAX_UPLOAD_BYTES);
    }

    public static List<ApiResource> resources(SessionService sessions, AgentService agents, String version,
                                              Path fsHome, long fsMaxUploadBytes) {
        return resources(sessions, agents, version, fsHome, fsMaxUploadBytes, new DaemonMetrics(false));
    }

    /** {@code metrics} null: no metrics routes (the daemon's {@code --no-metrics}). */
    static List<ApiResource> resources(SessionService sessions, AgentService agents, String version,
                                       Path fsHome, long fsMaxUploadBytes, DaemonMetrics metrics) {
        List<ApiResource> all = new java.util.ArrayList<>(List.of(
                new RootResource(version, sessions),
                new AgentsResource(agents),
                new SessionsResource(sessions),
                new EventsResource(sessions),
                new HitlResource(sessions),
                new FsResource(new Workspace(fsHome,
                        id -> Path.of(sessions.getSession(id).directory()), fsMaxUploadBytes))));
        if (metrics != null) {
            all.add(1, new MetricsResource(metrics));
        }
        return List.copyOf(all);
    }

    /** A server with metrics of its own (only its HTTP requests and the JVM's); tests and embedding. */
    public static SandboxHttpServer start(Settings settings, SessionService sessions, AgentService agents) {
        return start(settings, sessions, agents, new DaemonMetrics(false));
    }

    /**
     * The daemon's server: {@code metrics} also hears the engine (its observers were handed to
     * it); null for none at all (no request timing, no {@code /metrics}: {@code --no-metrics}).
     */
    public static SandboxHttpServer start(Settings settings, SessionService sessions, AgentService agents,
                                          DaemonMetrics metrics) {
        HelidonWithoutDiscovery.prepare();
        HttpRouting.Builder routing = HttpRouting.builder();
        if (metrics != null) {
            routing.addFilter(new HttpMetricsFilter(metrics));
        }
        routing.addFilter(new CorsFilter(settings.cors()));
        if (settings.token() != null) {
            routing.addFilter(new AuthFilter(settings.token(), metrics != null && metrics.publicScrape()));
        }
        for (ApiResource r : resources(sessions, agents, settings.version(), settings.fsHome(),
                settings.fsMaxUploadBytes(), metrics)) {
            if (r.prefix().isEmpty()) {
                r.routing(routing);
            } else {
                routing.register(r.prefix(), r);
            }
        }
        new UiResource().register(routing);
        routing.any((req, res) -> Problems.send(res, ErrorType.INVALID_REQUEST, 404,
                "no route " + req.prologue().method().text() + " " + req.path().path()));
        routing.error(SandboxException.class, (req, res, e) -> Problems.send(res, e));
        routing.error(Throwable.class, (req, res, e) -> {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + req.prologue().method().text() + " "
                    + req.path().path(), e);
            Problems.send(res, ErrorType.STREAM_ERROR, 500, "internal error: " + e.getClass().getSimpleName());
        });
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .shutdownHook(false)
                // streaming responses: an SSE batch (a turn's events) leaves in one chunk, not 3-4
                .writeBufferSize(16 * 1024)
                .addRouting(routing)
                .build()
                .start();
        return new SandboxHttpServer(server);
    }

    public int port() {
        return server.port();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public void stop() {
        server.stop();
    }
}
